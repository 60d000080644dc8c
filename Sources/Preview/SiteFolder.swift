import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built site as the preview server sees it: maps a request path to a file inside the site
/// folder, and never to one outside it (encoded `..`, encoded slashes, symlinks, absolute paths, NUL).
///
/// Resolution works on the raw, still percent-encoded path, decoding each segment itself, so that
/// nothing normalises `..` away (or into existence) before the checks run.
public struct SiteFolder: Sendable {
    public let root: URL
    private let rootPath: String

    public init(root: URL) {
        let resolved = root.standardizedFileURL.resolvingSymlinksInPath()
        self.root = resolved
        self.rootPath = Self.realPath(resolved.path) ?? resolved.path
    }

    /// What a request path resolves to.
    public enum Resolution: Sendable, Equatable {
        case file(URL)
        /// `/x` where `/x/index.html` exists: redirect to `/x/`.
        case redirect(String)
        case notFound
        /// The path tries to leave the site (dot segments, encoded slashes, symlinks out).
        case forbidden
        /// The path cannot be decoded (bad percent-encoding, NUL or control bytes, not UTF-8).
        case badRequest
    }

    /// Resolve a request target (`/a/b/?q`); the query, if any, is ignored.
    public func resolve(_ requestPath: String) -> Resolution {
        let pathOnly = requestPath.utf8.firstIndex(of: UInt8(ascii: "?")).map { String(requestPath[..<$0]) } ?? requestPath
        guard pathOnly.hasPrefix("/") else { return .badRequest }
        let segments: [String]
        switch Self.decodeSegments(pathOnly) {
        case .success(let decoded): segments = decoded
        case .failure(let failure): return failure.resolution
        }
        let candidate = segments.isEmpty ? rootPath : rootPath + "/" + segments.joined(separator: "/")
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard isInside(real) else { return .forbidden }
        switch Self.kind(of: real) {
        case .directory:
            guard let index = Self.realPath(real + "/index.html") else { return .notFound }
            guard isInside(index) else { return .forbidden }
            guard Self.kind(of: index) == .file else { return .notFound }
            if pathOnly.hasSuffix("/") { return .file(URL(fileURLWithPath: index)) }
            return .redirect(pathOnly + "/")
        case .file:
            return .file(URL(fileURLWithPath: real))
        case .other:
            return .notFound
        }
    }

    /// Which folder is at `root` right now (device and inode), nil while there is none: a build
    /// swaps in a new folder, and for a moment there is none. Compare two to see whether a swap
    /// happened in between.
    public var identity: [UInt64]? {
        var info = stat()
        guard stat(rootPath, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    private func isInside(_ real: String) -> Bool {
        real == rootPath || real.hasPrefix(rootPath + "/")
    }

    private struct DecodeFailure: Error {
        var resolution: Resolution
    }

    /// Split on `/` and percent-decode each segment, refusing anything that could name another folder.
    private static func decodeSegments(_ path: String) -> Result<[String], DecodeFailure> {
        var segments: [String] = []
        for raw in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.count)
            var index = raw.startIndex
            while index < raw.endIndex {
                let byte = raw[index]
                if byte == UInt8(ascii: "%") {
                    let first = raw.index(after: index)
                    guard first < raw.endIndex else { return .failure(DecodeFailure(resolution: .badRequest)) }
                    let second = raw.index(after: first)
                    guard second < raw.endIndex, let high = hexValue(raw[first]), let low = hexValue(raw[second]) else {
                        return .failure(DecodeFailure(resolution: .badRequest))
                    }
                    bytes.append(high << 4 | low)
                    index = raw.index(after: second)
                } else {
                    bytes.append(byte)
                    index = raw.index(after: index)
                }
            }
            if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return .failure(DecodeFailure(resolution: .badRequest)) }
            if bytes.contains(UInt8(ascii: "/")) || bytes.contains(UInt8(ascii: "\\")) { return .failure(DecodeFailure(resolution: .forbidden)) }
            guard let segment = String(validating: bytes, as: UTF8.self) else { return .failure(DecodeFailure(resolution: .badRequest)) }
            if segment == "." || segment == ".." { return .failure(DecodeFailure(resolution: .forbidden)) }
            segments.append(segment)
        }
        return .success(segments)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private enum Kind { case file, directory, other }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The path with every symlink resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
