#if os(Linux)
import Foundation
import Glibc

/// Watches with Linux's inotify: one watch per folder (added as folders appear), events read on a
/// background thread, so a saved file is reported within a millisecond or so.
public final class InotifyWatcher: FileWatching, @unchecked Sendable {
    public let list: WatchList
    private let lock = NSLock()
    private var running = false
    private var descriptor: Int32 = -1
    /// Watch descriptor to the folder it watches. Touched only by `start` and the reading thread.
    private var folders: [Int32: String] = [:]

    public init(list: WatchList) {
        self.list = list
    }

    /// Whether inotify can be used here (some containers forbid it).
    public static var isAvailable: Bool {
        let probe = inotify_init1(Int32(IN_CLOEXEC))
        guard probe >= 0 else { return false }
        close(probe)
        return true
    }

    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    public func start(_ onChange: @escaping @Sendable ([String]) -> Void) throws {
        try start(reporting: { changes in onChange(changes.paths) })
    }

    /// A path is settled when its last event in a read is a close after writing, a rename into
    /// place or a deletion.
    public func start(reporting onChange: @escaping @Sendable (FileChanges) -> Void) throws {
        let fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard fd >= 0 else { throw WatcherError(message: "inotify_init1 failed: \(String(cString: strerror(errno)))") }
        descriptor = fd
        running = true
        for folder in list.folders { addTree(folder.path) }
        // A single file is watched through its folder; its events are filtered by `WatchList`.
        for file in list.files { addWatch(file.deletingLastPathComponent().path) }
        let thread = Thread { [self] in self.readLoop(fd, onChange) }
        thread.name = "design-history preview inotify watcher"
        thread.start()
    }

    public func stop() {
        lock.withLock { running = false }
    }

    private var isRunning: Bool { lock.withLock { running } }

    private func addWatch(_ path: String) {
        let wd = inotify_add_watch(descriptor, path, Self.mask)
        if wd >= 0 { folders[wd] = path }
    }

    /// Watch a folder and every folder below it (hidden ones and the ignored excepted); returns
    /// the files found, so a folder moved in whole reports its contents.
    @discardableResult
    private func addTree(_ root: String) -> [String] {
        var files: [String] = []
        var pending = [root]
        var seen = Set<String>()
        while let folder = pending.popLast() {
            guard seen.insert(folder).inserted, seen.count < 100_000 else { continue }
            if list.ignored.contains(where: { $0.path == folder }) { continue }
            addWatch(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where !name.hasPrefix(".") {
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR { pending.append(path) } else { files.append(path) }
            }
        }
        return files
    }

    /// Watch again every watched folder that exists but has no watch; returns what it holds.
    private func rewatchReturnedFolders() -> [String] {
        let watched = Set(folders.values)
        var found: [String] = []
        for folder in list.folders where !watched.contains(folder.path) {
            var info = stat()
            guard stat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            found.append(folder.path)
            found += addTree(folder.path)
        }
        return found.filter(list.matters)
    }

    private static let settling: UInt32 = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE)

    private func readLoop(_ fd: Int32, _ onChange: @escaping @Sendable (FileChanges) -> Void) {
        defer { close(fd) }
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while isRunning {
            poller.revents = 0
            let ready = poll(&poller, 1, 100)
            guard ready > 0 else {
                // A watched folder that was removed and made again (a branch switch) is watched anew.
                let back = rewatchReturnedFolders()
                if !back.isEmpty, isRunning { onChange(FileChanges(paths: back)) }
                continue
            }
            let count = read(fd, buffer, size)
            guard count > 0 else { continue }
            var changed: [String] = []
            var settled: Set<String> = []
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                guard offset + header + nameLength <= count else { break }
                var name = ""
                if nameLength > 0 {
                    let bytes = UnsafeRawBufferPointer(start: buffer + offset + header, count: nameLength)
                    name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                offset += header + nameLength
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: report every watched folder, which means "rebuild everything".
                    changed.append(contentsOf: list.folders.map(\.path))
                    continue
                }
                if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil; continue }
                guard let folder = folders[event.wd] else { continue }
                let path = name.isEmpty ? folder : folder + "/" + name
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.hasPrefix(".") {
                    for file in addTree(path) {
                        changed.append(file)
                        settled.remove(file)
                    }
                }
                changed.append(path)
                if event.mask & UInt32(IN_ISDIR) == 0, event.mask & Self.settling != 0 { settled.insert(path) } else { settled.remove(path) }
            }
            var unique = Set<String>()
            let relevant = changed.filter { list.matters($0) && unique.insert($0).inserted }
            if !relevant.isEmpty, isRunning { onChange(FileChanges(paths: relevant, settled: settled)) }
        }
    }
}
#endif

/// A watcher that could not start.
public struct WatcherError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
