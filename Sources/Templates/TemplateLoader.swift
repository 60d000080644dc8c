import Foundation

/// Finds a template by name through an ordered list of folders: the site's first, the built-in
/// templates last, so that a site overrides a built-in template with a file of the same name.
public struct TemplateLoader: Sendable {
    public var searchPaths: [URL] {
        didSet { folders = Self.standardizedPaths(searchPaths) }
    }

    /// The search paths, standardized once: `locate` builds a plain name's path from these strings
    /// rather than through URLs, which cost more than reading the file they name.
    private var folders: [String]

    /// Folders a `./` or `../` name (relative to the template asking) may reach, besides the search
    /// paths; nil lets it reach anywhere. A site sets its input folder here, so that a page cannot
    /// include `../../../etc/passwd`.
    public var relativeRoots: [URL]?

    public init(searchPaths: [URL]) {
        self.searchPaths = searchPaths
        self.folders = Self.standardizedPaths(searchPaths)
    }

    private static func standardizedPaths(_ folders: [URL]) -> [String] {
        folders.map { $0.standardizedFileURL.path }
    }

    /// Whether a file found relative to another template lies inside the search paths or the roots.
    public func allowsRelative(_ file: URL) -> Bool {
        guard let relativeRoots else { return true }
        let path = file.standardizedFileURL.path
        return (searchPaths + relativeRoots).contains { folder in
            let base = folder.standardizedFileURL.path
            return path.hasPrefix(base.hasSuffix("/") ? base : base + "/")
        }
    }

    /// The file a name refers to, or nil.
    public func locate(_ name: String) -> URL? {
        // A name without `.` or `..` components names the same file before and after the path is
        // standardized, so a folder that does not have it is passed with one `access` call rather
        // than two standardized URLs (most names are found in the last folder, the built-in one).
        if Self.isSimple(name) {
            // No empty, `.` or `..` component: the file is the folder's path, a slash and the name,
            // the path `folder.appendingPathComponent(name).standardizedFileURL` has.
            for folder in folders {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                if Self.isFile(path) { return URL(fileURLWithPath: path, isDirectory: false) }
            }
            return nil
        }
        let plain = !name.utf8.split(separator: UInt8(ascii: "/")).contains { $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) }
        for folder in searchPaths {
            if plain, !Self.exists(folder.path + "/" + name) { continue }
            // As Nunjucks does, a name that climbs out of the folder (`../../etc/passwd`) is not found there.
            let base = folder.standardizedFileURL.path
            let candidate = folder.appendingPathComponent(name).standardizedFileURL
            guard candidate.path.hasPrefix(base.hasSuffix("/") ? base : base + "/") else { continue }
            if Self.isFile(candidate.path) { return candidate }
        }
        return nil
    }

    /// Whether a name is relative and its components are neither empty nor `.` or `..`.
    private static func isSimple(_ name: String) -> Bool {
        var length = 0
        var onlyDots = true
        for byte in name.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (onlyDots && length <= 2) { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return length > 0 && !(onlyDots && length <= 2)
    }

    /// Whether `path` is a regular file (after links): only a file is read as a template; reading a
    /// named pipe or a device would wait for ever or never end.
    public static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Whether something exists at `path`, without following the path through `FileManager`.
    private static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The source of a named template and the path it came from.
    public func load(_ name: String) throws -> (source: String, path: String)? {
        guard let url = locate(name) else { return nil }
        return (try String(contentsOf: url, encoding: .utf8), url.path)
    }
}
