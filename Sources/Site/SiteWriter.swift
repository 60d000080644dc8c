import Foundation

/// Writes a site into a temporary folder beside the output, then swaps it in, so that a failed or
/// interrupted build leaves the previous site whole. It never deletes anything outside the output.
struct SiteWriter: Sendable {
    let output: URL
    let staging: URL
    let stagingPath: String

    /// Refuse an output folder that would destroy the input or the project.
    init(output: URL, protecting protected: [URL]) throws(SiteWriterError) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        for folder in protected {
            let folder = folder.standardizedFileURL.resolvingSymlinksInPath()
            if Self.isSameOrAncestor(output, of: folder) {
                throw SiteWriterError(message: "refusing to write the site to \(output.path): it is \(folder.path) or a parent of it")
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw SiteWriterError(message: "refusing to write the site to \(output.path): it is a file, not a folder")
        }
        self.output = output
        let name = ".\(output.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)"
        self.staging = output.deletingLastPathComponent().appendingPathComponent(name)
        self.stagingPath = staging.path
    }

    static func isSameOrAncestor(_ a: URL, of b: URL) -> Bool {
        let ap = a.pathComponents, bp = b.pathComponents
        return ap.count <= bp.count && Array(bp.prefix(ap.count)) == ap
    }

    func prepare() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Create, once each, the folders the given files go in, so that files can then be written in parallel.
    func makeFolders(_ relativePaths: [String]) throws {
        var folders: Set<String> = []
        for path in relativePaths {
            let parts = path.split(separator: "/").dropLast()
            if !parts.isEmpty { folders.insert(parts.joined(separator: "/")) }
        }
        // Parents sort before their children, so one mkdir each is enough.
        for folder in folders.sorted() {
            let path = try resolvePath(folder)
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        }
    }

    /// Write a file below the staging folder (its folder made by `makeFolders`); `relativePath` never leaves it.
    func write(_ data: Data, to relativePath: String) throws {
        let path = try resolvePath(relativePath)
        if Self.writeFile(path, data) { return }
        let target = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }

    /// Replace a file as one step for readers: write a hidden temporary file beside it and rename
    /// it over the file, making the folder if it is missing. No `fsync`: this is for rebuilds in
    /// the preview, where a reader must never see half a page but a power cut loses nothing worth
    /// keeping (Foundation's atomic write syncs every file, which on a disk cost 1–2 ms a page).
    /// False if it could not be done; the caller reports it.
    static func replaceFile(_ path: String, with data: Data) -> Bool {
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        let folder = String(path[..<slash]), name = String(path[path.index(after: slash)...])
        guard !folder.isEmpty, !name.isEmpty else { return false }
        let temporary = folder + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        if !writeFile(temporary, data) {
            guard errno == ENOENT, (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
                  writeFile(temporary, data) else { return false }
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// One open, write and close; false if the file could not be written that way.
    private static func writeFile(_ path: String, _ data: Data) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return false }
                let written = Foundation.write(fd, base + offset, raw.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        }
    }

    func copy(_ source: URL, to relativePath: String) throws {
        let target = try resolve(relativePath)
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.deletingLastPathComponent().path) {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        // Copying a named pipe or a device would block or never end.
        var info = stat()
        guard stat(source.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFDIR else {
            throw SiteWriterError(message: "\(source.path) is not a regular file")
        }
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        // A symbolic link is copied as the file it points at, as Eleventy copies it: a link left in
        // the site would point wherever it pointed, possibly outside the site.
        try fm.copyItem(at: (info.st_mode & S_IFMT) == S_IFREG ? source.resolvingSymlinksInPath() : source, to: target)
    }

    private func resolvePath(_ relativePath: String) throws -> String {
        let parts = relativePath.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        guard !parts.contains("..") else { throw SiteWriterError(message: "output path leaves the site: \(relativePath)") }
        return stagingPath + "/" + parts.joined(separator: "/")
    }

    private func resolve(_ relativePath: String) throws -> URL {
        let parts = relativePath.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        guard !parts.contains("..") else { throw SiteWriterError(message: "output path leaves the site: \(relativePath)") }
        return parts.reduce(staging) { $0.appendingPathComponent(String($1)) }
    }

    /// Swap the staged site in place of the old one.
    func commit() throws {
        let fm = FileManager.default
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        if fm.fileExists(atPath: output.path) {
            try fm.moveItem(at: output, to: old)
            try fm.moveItem(at: staging, to: output)
            try fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: staging, to: output)
        }
    }

    /// Remove the staging folder after a failed build.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}

struct SiteWriterError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
