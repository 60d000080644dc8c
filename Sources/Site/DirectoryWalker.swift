import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists every file below a folder with `readdir`, which says whether an entry is a folder without
/// a `stat` per file: walking a site of thousands of posts is then a few system calls a folder.
/// Dot-files and `node_modules` are skipped, names are sorted, depth is bounded.
enum DirectoryWalker {
    /// Visit each file as (path relative to `root`, absolute path).
    static func walk(_ root: String, skipping skipped: Set<String> = [], visit: (String, String) -> Void) {
        var seen: Set<FolderIdentity> = []
        // A skipped folder stays skipped when a symbolic link reaches it by another path (an
        // `Assets/up -> ..` link would otherwise copy the previous site into the new one, every build).
        let rootIdentity = identity(of: root)
        for path in skipped {
            if let folder = identity(of: path), folder != rootIdentity { seen.insert(folder) }
        }
        walk(root, relative: "", skipped: skipped, depth: 0, seen: &seen, visit: visit)
    }

    /// The names of the folders directly in `path` (dot-folders left out; symbolic links to
    /// folders counted), sorted: one `readdir`, a `stat` only where the entry's type is not given.
    static func subfolders(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let type = entry.pointee.d_type
            if type == UInt8(DT_DIR) { names.append(name); continue }
            guard type != UInt8(DT_REG) else { continue }
            var info = stat()
            if stat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { names.append(name) }
        }
        closedir(directory)
        return names.sorted()
    }

    private static func identity(of path: String) -> FolderIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FolderIdentity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
    }

    /// A folder's device and inode: a folder reached again through a symbolic link is not walked twice.
    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static func walk(_ folder: String, relative: String, skipped: Set<String>, depth: Int, seen: inout Set<FolderIdentity>,
                             visit: (String, String) -> Void) {
        // The folder's identity from its open descriptor: no second lookup of the path.
        guard depth < 64, let directory = opendir(folder) else { return }
        var info = stat()
        guard fstat(dirfd(directory), &info) == 0,
              seen.insert(FolderIdentity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))).inserted else {
            closedir(directory)
            return
        }
        var entries: [(name: String, isDirectory: Bool?)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") || name == "node_modules" { continue }
            let type = entry.pointee.d_type
            let isDirectory: Bool? = type == UInt8(DT_DIR) ? true : type == UInt8(DT_REG) ? false : nil
            entries.append((name, isDirectory))
        }
        closedir(directory)
        entries.sort { $0.name < $1.name }
        for (name, known) in entries {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if skipped.contains(path) { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            var isDirectory = known ?? false
            if known == nil {
                // A symbolic link or a file system that does not say: ask.
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                // A named pipe, socket or device (or a link to one) is no content: reading it could block forever.
                if !isDirectory && (info.st_mode & S_IFMT) != S_IFREG { continue }
            }
            if isDirectory {
                walk(path, relative: child, skipped: skipped, depth: depth + 1, seen: &seen, visit: visit)
            } else {
                visit(child, path)
            }
        }
    }
}
