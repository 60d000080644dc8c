import Foundation
import Site
import Testing
@testable import Preview

@Suite struct ReloadTests {
    @Test func theScriptGoesBeforeTheLastBodyCloseInAnyCase() {
        let html = Data("<html><body><p>&lt;/body&gt;</p></BODY></html>".utf8)
        let injected = String(decoding: LiveReload.inject(into: html, token: "abc-1"), as: UTF8.self)
        let script = injected.range(of: "<script data-design-history-preview>")
        let close = injected.range(of: "</BODY>")
        #expect(script != nil && close != nil && script!.lowerBound < close!.lowerBound)
        #expect(injected.contains("events?since=abc-1"))
        let bare = String(decoding: LiveReload.inject(into: Data("<p>fragment</p>".utf8), token: "t-2"), as: UTF8.self)
        #expect(bare.hasPrefix("<p>fragment</p><script"))
    }

    @Test func theTokenCannotBreakOutOfTheScript() {
        let script = LiveReload.script(token: "x\"</script><img src=x onerror=alert(1)>")
        #expect(!script.contains("</script><img"))
        #expect(!script.contains("\"<"))
    }

    @Test func theErrorPageEscapesMessages() {
        let page = ErrorPage.html(diagnostics: [Diagnostic(.error, path: "Content/<a>.md", line: 3, column: 7, message: "bad <script> & \"quotes\"")])
        #expect(page.contains("<code>Content/&lt;a&gt;.md:3:7</code> <strong>error</strong>: bad &lt;script&gt; &amp; &quot;quotes&quot;"))
        #expect(page.contains("1 error"))
    }

    @Test func listenersHearEveryBuildAndStaleTabsReloadAtOnce() async {
        let status = PreviewStatus()
        let first = status.snapshot().token
        let upToDate = status.listen(since: first)
        var report = BuildReport()
        report.diagnostics = [Diagnostic(.error, path: "a.md", message: "broken")]
        status.publish(report)
        #expect(status.snapshot().isFailing)
        var iterator = upToDate.makeAsyncIterator()
        let message = await iterator.next()
        #expect(message == "event: reload\ndata: \(status.snapshot().token)\n\n")
        #expect(status.snapshot().token != first)

        let stale = status.listen(since: first)
        var staleIterator = stale.makeAsyncIterator()
        #expect(await staleIterator.next()?.hasPrefix("event: reload") == true)
        #expect(status.listenerCount == 2)
        status.finishListeners()
        #expect(await iterator.next() == nil)
        #expect(status.listenerCount == 0)
    }
}

/// Records how builds overlap: at most one at a time, whatever the changes do.
final class RecordingRebuilder: SiteRebuilding, @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var maximumRunning = 0
    private(set) var batches: [Set<String>] = []
    /// The first build waits here until the test opens it.
    private let gate: DispatchSemaphore?

    init(holdingFirstBuild: Bool) { gate = holdingFirstBuild ? DispatchSemaphore(value: 0) : nil }

    func rebuild(changed: Set<String>) -> BuildReport {
        let first = lock.withLock { () -> Bool in
            running += 1
            maximumRunning = max(maximumRunning, running)
            batches.append(changed)
            return batches.count == 1
        }
        if first, let gate { _ = gate.wait(timeout: .now() + 120) }
        lock.withLock { running -= 1 }
        return BuildReport()
    }

    func releaseFirstBuild() { gate?.signal() }

    var snapshot: (maximum: Int, batches: [Set<String>]) { lock.withLock { (maximumRunning, batches) } }
}

@Suite struct RebuildLoopTests {
    @Test func changesDuringABuildQueueExactlyOneMoreAndBuildsNeverOverlap() async throws {
        let rebuilder = RecordingRebuilder(holdingFirstBuild: true)
        let loop = RebuildLoop(rebuilder: rebuilder, status: PreviewStatus(), debounce: .milliseconds(10))
        let task = Task { await loop.run() }
        loop.changed(["/a"])
        #expect(await eventually(timeout: 120) { rebuilder.snapshot.batches.count == 1 })
        // The first build is running (held): these all land in the one queued build.
        for index in 0..<20 {
            loop.changed(["/b\(index)"])
            try await Task.sleep(for: .milliseconds(2))
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(rebuilder.snapshot.batches.count == 1, "no second build while the first runs")
        rebuilder.releaseFirstBuild()
        let done = await eventually(timeout: 120) { rebuilder.snapshot.batches.count >= 2 }
        #expect(done)
        try await Task.sleep(for: .milliseconds(300))
        let (maximum, batches) = rebuilder.snapshot
        #expect(maximum == 1)
        #expect(batches.count == 2)
        #expect(batches.first == ["/a"])
        #expect(batches.last?.count == 20)
        loop.finish()
        task.cancel()
        await task.value
    }

    @Test func aBurstOfChangesIsOneBuild() async throws {
        let rebuilder = RecordingRebuilder(holdingFirstBuild: false)
        let loop = RebuildLoop(rebuilder: rebuilder, status: PreviewStatus(), debounce: .milliseconds(30))
        let task = Task { await loop.run() }
        for index in 0..<10 { loop.changed(["/f\(index)"]) }
        #expect(await eventually(timeout: 120) { rebuilder.snapshot.batches.count == 1 })
        try await Task.sleep(for: .milliseconds(100))
        #expect(rebuilder.snapshot.batches == [Set((0..<10).map { "/f\($0)" })])
        loop.finish()
        task.cancel()
        await task.value
    }

    /// Settled changes (the writer closed the file) start the build after the short wait; a
    /// change still being written waits for the whole debounce, unless it settles first.
    @Test func settledChangesBuildWithoutWaitingOutTheDebounce() async throws {
        let rebuilder = RecordingRebuilder(holdingFirstBuild: false)
        // A debounce far longer than the test waits: a build that happens did not wait it out
        // (time bounds stay loose, other tests share the machine).
        let loop = RebuildLoop(rebuilder: rebuilder, status: PreviewStatus(), debounce: .seconds(600), settledDebounce: .milliseconds(1))
        let task = Task { await loop.run() }
        let start = ContinuousClock.now
        loop.changed(FileChanges(paths: ["/a"], settled: ["/a"]))
        #expect(await eventually(timeout: 120) { rebuilder.snapshot.batches.count == 1 })
        #expect(ContinuousClock.now - start < .seconds(300), "a settled change waits for the short debounce only")

        loop.changed(FileChanges(paths: ["/b"]))  // being written
        try await Task.sleep(for: .milliseconds(200))
        #expect(rebuilder.snapshot.batches.count == 1, "an unsettled change waits for the debounce")
        let settledAt = ContinuousClock.now
        loop.changed(FileChanges(paths: ["/b", "/c"], settled: ["/b", "/c"]))
        #expect(await eventually(timeout: 120) { rebuilder.snapshot.batches.count == 2 })
        #expect(ContinuousClock.now - settledAt < .seconds(300))
        #expect(rebuilder.snapshot.batches.last == ["/b", "/c"])
        loop.finish()
        task.cancel()
        await task.value
    }

    /// A rebuilder that says its shown pages are written, then finishes with `final` diagnostics.
    struct EarlyRebuilder: SiteRebuilding {
        var final: [Diagnostic]
        func rebuild(changed: Set<String>) -> BuildReport { BuildReport() }
        func rebuild(changed: Set<String>, pagesWritten: @escaping (BuildReport) -> Void) -> BuildReport {
            pagesWritten(BuildReport())
            var report = BuildReport()
            report.diagnostics = final
            return report
        }
    }

    /// Tabs are told to reload when the shown pages are written, and told again at the end only
    /// when the build found something more.
    @Test func pagesWrittenFirstArePublishedOnceUnlessTheEndDiffers() async {
        let status = PreviewStatus()
        let same = RebuildLoop(rebuilder: EarlyRebuilder(final: []), status: status)
        let before = status.snapshot().token
        await same.build(changed: ["/a"])
        let afterOne = status.snapshot().token
        #expect(afterOne != before)
        let generation = { (token: String) in Int(token.split(separator: "-").last ?? "") ?? -1 }
        #expect(generation(afterOne) == generation(before) + 1, "published once")

        let failing = RebuildLoop(rebuilder: EarlyRebuilder(final: [Diagnostic(.error, path: "a.njk", message: "late failure")]), status: status)
        await failing.build(changed: ["/a"])
        #expect(generation(status.snapshot().token) == generation(afterOne) + 2, "published early and again with the error")
        #expect(status.snapshot().isFailing)
    }

    @Test func aBadConfigurationIsADiagnosticNotACrash() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "input: Content\nnonsense: 1\n".write(to: file, atomically: true, encoding: .utf8)
        let report = FullRebuild { SiteBuilder(configuration: try SiteConfiguration.load(from: file)) }.rebuild(changed: [])
        #expect(report.errors == 1)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.path == file.path)
        #expect(diagnostic.message.contains("nonsense"))
    }
}

@Suite struct SessionRebuildTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var count: Int { lock.withLock { value } }
    }

    @Test func aSessionIsReusedUntilTheConfigurationChanges() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        let post = root.appendingPathComponent("Content/a.md")
        try "---\ntitle: A\n---\nText.\n".write(to: post, atomically: true, encoding: .utf8)
        let config = root.appendingPathComponent("design-history.yml")
        try "input: Content\n".write(to: config, atomically: true, encoding: .utf8)
        let sessions = Counter()
        let rebuild = SessionRebuild(configurationFile: config) {
            _ = sessions.next()
            return SiteSession(configuration: try SiteConfiguration.load(from: config))
        }
        #expect(rebuild.rebuild(changed: []).errors == 0)
        #expect(sessions.count == 1)
        try "---\ntitle: B\n---\nSecond text.\n".write(to: post, atomically: true, encoding: .utf8)
        #expect(rebuild.rebuild(changed: [post.path]).errors == 0)
        #expect(sessions.count == 1, "a post change reuses the session")
        #expect(try String(contentsOf: root.appendingPathComponent("Site/a/index.html"), encoding: .utf8).contains("Second text."))

        try "input: Content\nnonsense: 1\n".write(to: config, atomically: true, encoding: .utf8)
        let broken = rebuild.rebuild(changed: [config.path])
        #expect(broken.errors == 1)
        #expect(broken.diagnostics.first?.message.contains("nonsense") == true)
        try "input: Content\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(rebuild.rebuild(changed: [post.path]).errors == 0, "after a bad configuration any change starts again")
        #expect(sessions.count == 3)
    }
}
