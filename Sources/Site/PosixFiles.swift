import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the site writer is made of, each doing only the system calls it
/// needs: Foundation's `FileManager` stats every path (and every component of a path it resolves)
/// several times, which on a site of thousands of copied screenshots is most of the writing's cost.
/// Each returns `errno` on failure (0 on success) so that the caller can say what went wrong.
enum PosixFiles {
    /// Write every byte to an open descriptor, going on after a partial write or an interruption.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Copy `size` bytes from one open file to another: in the kernel (`sendfile`) where it can,
    /// by reading and writing where it cannot. Stops early if the source turns out shorter.
    static func copyContents(from input: Int32, to output: Int32, size: Int) -> Int32 {
        var copied = 0
        #if os(Linux)
        while copied < size {
            let sent = sendfile(output, input, nil, min(size - copied, 1 << 30))
            if sent > 0 { copied += sent; continue }
            if sent == 0 { return 0 }
            if errno == EINTR { continue }
            // A file system that cannot send: carry on below from where this stopped.
            guard errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP else { return errno }
            break
        }
        #endif
        guard copied < size else { return 0 }
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return ENOMEM }
        while copied < size {
            let count = pread(input, base, min(chunk, size - copied), off_t(copied))
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return 0 }
            let status = writeAll(output, UnsafeRawBufferPointer(start: base, count: count))
            if status != 0 { return status }
            copied += count
        }
        return 0
    }

    /// Remove a folder and everything in it without following a symbolic link out of it: entries
    /// are read with `getdents`, which says which are folders, and removed relative to their
    /// folder's descriptor (`unlinkat`), so no entry is ever stat'ed. Depth is bounded.
    /// `parallelLevels`: the folders of the first that many levels are removed on all cores (a
    /// site's posts are folders of one folder, so two levels spread them), which divides the wall
    /// time of removing an old site of thousands of files; the work is the same.
    static func removeTree(_ path: String, parallelLevels: Int = 0) -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return errno }
        let status = removeContents(of: fd, depth: 0, parallelLevels: parallelLevels)
        guard status == 0 else { return status }
        return rmdir(path) == 0 ? 0 : errno
    }

    /// Empty the folder open on `fd`; the descriptor is closed.
    private static func removeContents(of fd: Int32, depth: Int, parallelLevels: Int) -> Int32 {
        guard depth < 256 else { close(fd); return ELOOP }
        guard let directory = fdopendir(fd) else { let failure = errno; close(fd); return failure }
        defer { closedir(directory) }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            if type == UInt8(DT_DIR) { folders.append(name); continue }
            if unlinkat(fd, name, 0) != 0 {
                // A file system that does not give types: `unlink` of a folder says so.
                if type == UInt8(DT_UNKNOWN) && (errno == EISDIR || errno == EPERM) { folders.append(name); continue }
                return errno
            }
        }
        // Each folder is removed through its parent's descriptor, which stays open until all are.
        let removeFolder: @Sendable (String) -> Int32 = { name in
            let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { return errno }
            let status = removeContents(of: child, depth: depth + 1, parallelLevels: parallelLevels)
            guard status == 0 else { return status }
            return unlinkat(fd, name, AT_REMOVEDIR) == 0 ? 0 : errno
        }
        if depth < parallelLevels && folders.count > 1 {
            return Parallel.map(folders, removeFolder).first { $0 != 0 } ?? 0
        }
        for name in folders {
            let status = removeFolder(name)
            guard status == 0 else { return status }
        }
        return 0
    }

    /// The process's file-creation mask, read without changing it (`umask(2)` can only be read by
    /// setting it, which would race with other threads creating files); nil where it cannot be read.
    static func currentUmask() -> mode_t? {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("Umask:") {
            let digits = line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces)
            return mode_t(digits, radix: 8)
        }
        #endif
        return nil
    }

    /// The message for an `errno`, as `strerror` gives it.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
