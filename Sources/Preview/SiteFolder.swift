import Foundation

/// The built site as the preview server sees it: maps a request path to a file inside the site
/// folder, and never to one outside it (encoded `..`, symlinks, absolute paths).
public struct SiteFolder: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// What a request path resolves to.
    public enum Resolution: Sendable, Equatable {
        case file(URL)
        /// `/x` where `/x/index.html` exists: redirect to `/x/`.
        case redirect(String)
        case notFound
        /// The path tries to leave the site or is malformed.
        case forbidden
    }

    public func resolve(_ requestPath: String) -> Resolution {
        let pathOnly = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard pathOnly.hasPrefix("/"), let decoded = pathOnly.removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return .forbidden }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        var target = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else {
                let index = target.appendingPathComponent("index.html")
                return FileManager.default.fileExists(atPath: index.path) ? .redirect(pathOnly + "/") : .notFound
            }
            target = target.appendingPathComponent("index.html")
        }
        let real = target.resolvingSymlinksInPath()
        guard real.path.hasPrefix(root.path + "/") else { return .forbidden }
        return FileManager.default.fileExists(atPath: real.path) ? .file(real) : .notFound
    }
}
