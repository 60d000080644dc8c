import Dispatch
import Foundation
import Site

/// Turns file changes into builds: waits until changes have been quiet for `debounce`, builds
/// once for all of them, and never runs two builds at once; changes that arrive during a build
/// queue exactly one more. Every finished build is published to the `PreviewStatus`, which tells
/// open tabs to reload.
public final class RebuildLoop: @unchecked Sendable {
    public let rebuilder: any SiteRebuilding
    public let status: PreviewStatus
    public let debounce: Duration
    /// How long to wait instead when every pending change is settled (`FileChanges`): long enough
    /// to gather the files of one save that arrive together, far shorter than `debounce`.
    public let settledDebounce: Duration
    /// Called after every build with its report and the changes it covered.
    private let onBuild: @Sendable (BuildReport, Set<String>) -> Void

    private let lock = NSLock()
    private var pending: Set<String> = []
    /// Pending paths whose last change was not settled.
    private var unsettled: Set<String> = []
    private var lastChange = ContinuousClock.now
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    /// Builds run here, off Swift's cooperative threads, one at a time.
    private let queue = DispatchQueue(label: "design-history.preview.build")

    public init(rebuilder: any SiteRebuilding, status: PreviewStatus, debounce: Duration = .milliseconds(10),
                settledDebounce: Duration = .milliseconds(1),
                onBuild: @escaping @Sendable (BuildReport, Set<String>) -> Void = { _, _ in }) {
        self.rebuilder = rebuilder
        self.status = status
        self.debounce = debounce
        self.settledDebounce = min(settledDebounce, debounce)
        self.onBuild = onBuild
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Note changed paths; safe to call from any thread (the watcher's).
    public func changed(_ paths: [String]) {
        changed(FileChanges(paths: paths))
    }

    /// Note changes, some of them settled: when every pending change is, the build starts after
    /// `settledDebounce` of quiet instead of `debounce`.
    public func changed(_ changes: FileChanges) {
        guard !changes.paths.isEmpty else { return }
        lock.withLock {
            pending.formUnion(changes.paths)
            for path in changes.paths {
                if changes.settled.contains(path) { unsettled.remove(path) } else { unsettled.insert(path) }
            }
            lastChange = .now
        }
        signal.yield()
    }

    /// Build now (the first build, or on demand) and publish the result. A rebuild that writes
    /// the shown pages first is published then (tabs reload at once), and again at the end only
    /// if what it found changed since.
    @discardableResult
    public func build(changed: Set<String> = []) async -> BuildReport {
        let status = self.status
        let (report, early) = await withCheckedContinuation { (continuation: CheckedContinuation<(BuildReport, [Diagnostic]?), Never>) in
            queue.async {
                var early: [Diagnostic]?
                let report = self.rebuilder.rebuild(changed: changed, pagesWritten: { partial in
                    status.publish(partial)
                    early = partial.diagnostics
                })
                status.setPathPrefix(self.rebuilder.pathPrefix)
                continuation.resume(returning: (report, early))
            }
        }
        if early != report.diagnostics { status.publish(report) }
        onBuild(report, changed)
        return report
    }

    /// Build after changes until the surrounding task is cancelled.
    public func run() async {
        for await _ in signals {
            // Wait until nothing has changed for `debounce` (sleeping only what is left of it),
            // but never longer than 20 debounce periods in all.
            let deadline = ContinuousClock.now + debounce * 20
            while !Task.isCancelled {
                let (quiet, wait) = lock.withLock { (ContinuousClock.now - lastChange, unsettled.isEmpty ? settledDebounce : debounce) }
                if quiet >= wait || ContinuousClock.now >= deadline { break }
                // In short steps: a change that settles meanwhile shortens the wait.
                try? await Task.sleep(for: min(wait - quiet, .milliseconds(2)))
            }
            if Task.isCancelled { return }
            let batch = lock.withLock { () -> Set<String> in
                defer { pending = []; unsettled = [] }
                return pending
            }
            guard !batch.isEmpty else { continue }
            await build(changed: batch)
        }
    }

    /// End `run()`.
    public func finish() {
        signal.finish()
    }
}
