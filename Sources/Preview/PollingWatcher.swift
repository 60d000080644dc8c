import Foundation

/// Watches by listing the watched folders every `interval` and comparing sizes and modification
/// times: works everywhere, costs a folder walk per interval.
public final class PollingWatcher: FileWatching, @unchecked Sendable {
    public let list: WatchList
    public let interval: Duration
    private let lock = NSLock()
    private var running = false
    private var thread: Thread?

    public init(list: WatchList, interval: Duration = .milliseconds(250)) {
        self.list = list
        self.interval = interval
    }

    public func start(_ onChange: @escaping @Sendable ([String]) -> Void) throws {
        lock.withLock { running = true }
        let initial = snapshot()
        let thread = Thread { [weak self] in
            var previous = initial
            while let self, self.isRunning {
                Thread.sleep(forTimeInterval: Double(self.interval.components.attoseconds) / 1e18 + Double(self.interval.components.seconds))
                guard self.isRunning else { return }
                let current = self.snapshot()
                var changed: [String] = []
                for (path, stamp) in current where previous[path] != stamp { changed.append(path) }
                for path in previous.keys where current[path] == nil { changed.append(path) }
                previous = current
                let relevant = changed.filter(self.list.matters).sorted()
                if !relevant.isEmpty, self.isRunning { onChange(relevant) }
            }
        }
        thread.name = "design-history preview polling watcher"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.withLock { running = false }
    }

    private var isRunning: Bool { lock.withLock { running } }

    private struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    private func snapshot() -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in list.folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                if list.ignored.contains(where: { url.standardizedFileURL.path == $0.path }) { enumerator.skipDescendants(); continue }
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                result[url.standardizedFileURL.path] = Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
        for file in list.files {
            guard let values = try? file.resourceValues(forKeys: Set(keys)) else { continue }
            result[file.path] = Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
        }
        return result
    }
}
