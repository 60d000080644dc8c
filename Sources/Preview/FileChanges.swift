/// One report of a watcher: the paths that changed, and which of them are settled, meaning the
/// last thing that happened to the file was the end of a write (closed after writing, renamed
/// into place, or deleted).
///
/// Why: an editor's save is a truncate, a write and a close, or a write to a temporary file and a
/// rename. Once every changed file is settled nothing more is coming for it, so the rebuild loop
/// need not wait out its whole debounce to be sure the save is over.
public struct FileChanges: Sendable, Equatable {
    public var paths: [String]
    /// A subset of `paths`.
    public var settled: Set<String>

    public init(paths: [String], settled: Set<String> = []) {
        self.paths = paths
        self.settled = settled.intersection(paths)
    }
}
