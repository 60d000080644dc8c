import Foundation

/// Writes a site into a temporary folder beside the output, then swaps it in, so that a failed or
/// interrupted build leaves the previous site whole. It never deletes anything outside the output.
struct SiteWriter: Sendable {
    let output: URL
    let staging: URL
    let stagingPath: String
    /// The file-creation mask, read once: a copy whose mode it would change is `fchmod`ed.
    let umask: mode_t?

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
        self.umask = PosixFiles.currentUmask()
    }

    static func isSameOrAncestor(_ a: URL, of b: URL) -> Bool {
        let ap = a.pathComponents, bp = b.pathComponents
        return ap.count <= bp.count && Array(bp.prefix(ap.count)) == ap
    }

    /// Make the empty staging folder, removing one an interrupted build left behind.
    func prepare() throws {
        if mkdir(stagingPath, 0o755) == 0 { return }
        if errno == EEXIST {
            let status = PosixFiles.removeTree(stagingPath)
            if status != 0, unlink(stagingPath) != 0 {
                throw SiteWriterError(message: "cannot remove \(stagingPath): \(PosixFiles.describe(status))")
            }
            if mkdir(stagingPath, 0o755) == 0 { return }
        }
        // A missing parent is made; any other failure gets Foundation's message.
        try FileManager.default.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
    }

    /// Create, once each, the folders the given files go in, so that files can then be written in parallel.
    func makeFolders(_ relativePaths: [String]) throws {
        var folders: Set<Substring> = []
        for path in relativePaths {
            let path = try Self.normalized(path)
            var end = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            // A folder and its parents, stopping at one already listed (its parents are too).
            while let slash = end, folders.insert(path[..<slash]).inserted { end = path.utf8[..<slash].lastIndex(of: UInt8(ascii: "/")) }
        }
        // Parents sort before their children, so one mkdir each is enough.
        for folder in folders.sorted() {
            let path = stagingPath + "/" + folder
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        }
    }

    /// Write a page below the staging folder (its folder made by `makeFolders`) straight from the
    /// string's UTF-8 storage: one open, write and close, no copy of the text.
    func write(_ text: String, to relativePath: String) throws {
        try write(PageOutput(text), to: relativePath)
    }

    /// Write a page's output below the staging folder, its bytes as they are.
    func write(_ output: PageOutput, to relativePath: String) throws {
        let path = try resolvePath(relativePath)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd >= 0 {
            let status = output.withUTF8 { PosixFiles.writeAll(fd, UnsafeRawBufferPointer($0)) }
            close(fd)
            if status == 0 { return }
        }
        try write(output.withUTF8 { Data(buffer: $0) }, to: relativePath)
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
        return data.withUnsafeBytes { PosixFiles.writeAll(fd, $0) } == 0
    }

    /// Copy a file into the staging folder (its folder made by `makeFolders`) with only the system
    /// calls it needs: open the source, `fstat` the open descriptor, create the target, send the bytes
    /// in the kernel, close both. A symbolic link is copied as the file it points at, as Eleventy
    /// copies it (a link left in the site would point wherever it pointed, possibly outside the site):
    /// `open` follows it. A named pipe or device is refused; opening does not block on a pipe
    /// (`O_NONBLOCK`). The copy has the source's permission bits. A folder is copied whole.
    func copy(_ source: URL, to relativePath: String) throws {
        try copy(source, toPath: try resolvePath(relativePath), naming: relativePath)
    }

    /// `copy(_:to:)` into any path, named `relativePath` in errors: a preview's rebuild copies
    /// straight into the site it updates, with the same care for links, pipes and modes.
    func copy(_ source: URL, toPath path: String, naming relativePath: String) throws {
        let sourcePath = source.path
        let input = open(sourcePath, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard input >= 0 else {
            let failure = errno
            throw SiteWriterError(message: failure == ENOENT || failure == ELOOP
                ? "\(sourcePath) is not a regular file" : "cannot read \(sourcePath): \(PosixFiles.describe(failure))")
        }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else {
            throw SiteWriterError(message: "cannot read \(sourcePath): \(PosixFiles.describe(errno))")
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            try removeExisting(path)
            try FileManager.default.copyItem(atPath: sourcePath, toPath: path)
            return
        }
        // Copying a named pipe or a device would block or never end.
        guard kind == S_IFREG else { throw SiteWriterError(message: "\(sourcePath) is not a regular file") }
        let permissions = info.st_mode & 0o7777
        let output = try createFile(path, permissions: permissions & 0o777)
        defer { close(output) }
        // `open` takes the umask off the mode; set the source's bits exactly only when it did.
        if umask.map({ permissions & $0 != 0 }) ?? true || permissions & ~0o777 != 0 {
            guard fchmod(output, permissions) == 0 else {
                throw SiteWriterError(message: "cannot write \(relativePath): \(PosixFiles.describe(errno))")
            }
        }
        let status = PosixFiles.copyContents(from: input, to: output, size: Int(info.st_size))
        guard status == 0 else {
            throw SiteWriterError(message: "cannot copy \(sourcePath) to \(relativePath): \(PosixFiles.describe(status))")
        }
    }

    /// Create a file that is not there yet; one that is (a later copy of the same path, or a
    /// folder) is removed first, and a missing folder made.
    private func createFile(_ path: String, permissions: mode_t) throws -> Int32 {
        var made = false, removed = false
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { return fd }
            let failure = errno
            if failure == EINTR { continue }
            if failure == EEXIST && !removed {
                removed = true
                try removeExisting(path)
                continue
            }
            if failure == ENOENT && !made {
                made = true
                let slash = path.lastIndex(of: "/") ?? path.startIndex
                try FileManager.default.createDirectory(atPath: String(path[..<slash]), withIntermediateDirectories: true)
                continue
            }
            throw SiteWriterError(message: "cannot write \(path): \(PosixFiles.describe(failure))")
        }
    }

    /// Remove whatever is at a path in the staging folder: a file, a link, or a folder and all in it.
    private func removeExisting(_ path: String) throws {
        if unlink(path) == 0 || errno == ENOENT { return }
        guard errno == EISDIR || errno == EPERM else {
            throw SiteWriterError(message: "cannot replace \(path): \(PosixFiles.describe(errno))")
        }
        let status = PosixFiles.removeTree(path)
        guard status == 0 else { throw SiteWriterError(message: "cannot replace \(path): \(PosixFiles.describe(status))") }
    }

    private func resolvePath(_ relativePath: String) throws -> String {
        stagingPath + "/" + (try Self.normalized(relativePath))
    }

    /// A path relative to the site without empty or `.` parts; one with a `..` part is refused.
    /// A path that is clean already (nearly every one) is checked in one pass over its bytes and
    /// returned as it is.
    static func normalized(_ relativePath: String) throws(SiteWriterError) -> String {
        var clean = true
        var partLength = 0, dots = 0
        for byte in relativePath.utf8 {
            if byte == UInt8(ascii: "/") {
                if partLength == 0 || partLength == dots { clean = false; break }
                partLength = 0; dots = 0
            } else {
                partLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        // The last part: not empty and not all dots (`.`, `..`, and `...` alike go the slow way).
        if clean && partLength > 0 && partLength != dots { return relativePath }
        let parts = relativePath.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        guard !parts.contains("..") else { throw SiteWriterError(message: "output path leaves the site: \(relativePath)") }
        return parts.joined(separator: "/")
    }

    /// Swap the staged site in place of the old one: two renames, then the old site removed.
    func commit() throws {
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)").path
        let outputPath = output.path
        let hadOld = rename(outputPath, old) == 0
        guard hadOld || errno == ENOENT else {
            throw SiteWriterError(message: "cannot move \(outputPath) aside: \(PosixFiles.describe(errno))")
        }
        guard rename(stagingPath, outputPath) == 0 else {
            let failure = errno
            if hadOld { rename(old, outputPath) }
            throw SiteWriterError(message: "cannot move the new site to \(outputPath): \(PosixFiles.describe(failure))")
        }
        if hadOld {
            let status = PosixFiles.removeTree(old, parallelLevels: 2)
            if status != 0 { try FileManager.default.removeItem(atPath: old) }
        }
    }

    /// Remove the staging folder after a failed build.
    func abandon() {
        if PosixFiles.removeTree(stagingPath) != 0 { try? FileManager.default.removeItem(atPath: stagingPath) }
    }
}

struct SiteWriterError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
