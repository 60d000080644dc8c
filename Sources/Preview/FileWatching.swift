import Foundation

/// Reports which files changed below some folders. Implemented with the operating system's
/// notifications where they exist (`InotifyWatcher` on Linux) and by polling otherwise
/// (`PollingWatcher`); `WatchList.makeWatcher` picks.
public protocol FileWatching: AnyObject, Sendable {
    /// Start watching. `onChange` is called from a background thread with absolute paths.
    func start(_ onChange: @escaping @Sendable ([String]) -> Void) throws
    /// Start watching, saying of each change whether the file is settled (`FileChanges`). A
    /// watcher that cannot tell reports nothing as settled: the default does that through `start`.
    func start(reporting onChange: @escaping @Sendable (FileChanges) -> Void) throws
    /// Stop watching; no call to `onChange` starts after this returns.
    func stop()
}

extension FileWatching {
    public func start(reporting onChange: @escaping @Sendable (FileChanges) -> Void) throws {
        try start { paths in onChange(FileChanges(paths: paths)) }
    }
}

/// What the preview watches: folders (recursively), single files, and paths never to report
/// (the output folder, when it sits inside a watched folder).
public struct WatchList: Sendable, Equatable {
    public var folders: [URL]
    public var files: [URL]
    public var ignored: [URL]

    public init(folders: [URL], files: [URL] = [], ignored: [URL] = []) {
        self.folders = folders.map(\.standardizedFileURL)
        self.files = files.map(\.standardizedFileURL)
        self.ignored = ignored.map(\.standardizedFileURL)
    }

    /// Whether a changed path matters: not hidden (editor swap files, build staging folders), not
    /// ignored, and inside a watched folder or one of the watched files.
    public func matters(_ path: String) -> Bool {
        if ignored.contains(where: { path == $0.path || path.hasPrefix($0.path + "/") }) { return false }
        if files.contains(where: { $0.path == path }) { return true }
        guard folders.contains(where: { path == $0.path || path.hasPrefix($0.path + "/") }) else { return false }
        let name = path.split(separator: "/").last ?? ""
        return !name.hasPrefix(".") && !name.hasSuffix("~") && !name.hasPrefix("#")
    }

    /// The operating system's watcher where there is one, else polling every `interval`.
    public func makeWatcher(polling: Bool = false, interval: Duration = .milliseconds(250)) -> any FileWatching {
        #if os(Linux)
        if !polling, InotifyWatcher.isAvailable { return InotifyWatcher(list: self) }
        #endif
        return PollingWatcher(list: self, interval: interval)
    }
}
