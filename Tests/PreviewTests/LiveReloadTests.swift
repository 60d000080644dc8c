import FlyingFox
import Foundation
import Preview
import Site
import Testing

/// Rebuilds and reloads over real sockets: an edited post reaches the event stream and the page,
/// a broken post shows the error page, and fixing it recovers.
@Suite struct LiveReloadTests {
    /// The `since` token a page was served with.
    static func token(in page: RawResponse) -> String? {
        guard let start = page.body.range(of: "/__design-history/events?since=") else { return nil }
        return String(page.body[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: [(false, PreviewFixture.Rebuilds.session), (true, .session), (false, .full)])
    func editingAPostSendsAReloadEventAndServesTheChange(polling: Bool, rebuilds: PreviewFixture.Rebuilds) async throws {
        try await PreviewFixture.with(polling: polling, rebuilds: rebuilds) { fixture in
            let page = try await fixture.get("/posts/first-post/")
            let token = try #require(Self.token(in: page))
            let events = try await RawSocket.connect(port: fixture.port)
            defer { events.close() }
            try await events.send("GET /__design-history/events?since=\(token) HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            let opened = String(decoding: await events.receive { String(decoding: $0, as: UTF8.self).contains("retry:") }, as: UTF8.self)
            #expect(opened.contains("Content-Type: text/event-stream"))
            #expect(!opened.contains("event: reload"), "an up-to-date tab is not told to reload")

            try fixture.write("Content/posts/first-post.md", "---\nlayout: post\ntitle: First post, renamed\n---\nNew text.\n")
            let event = String(decoding: await events.receive(timeout: 30) { String(decoding: $0, as: UTF8.self).contains("event: reload") }, as: UTF8.self)
            #expect(event.contains("event: reload\ndata: "))
            let updated = try await fixture.get("/posts/first-post/")
            #expect(updated.body.contains(">First post, renamed</h1>"))
            // The home page lists posts: it shows the new title too.
            #expect(try await fixture.get("/posts/second-post/").body.contains(">Second post</h1>"))
            #expect(Self.token(in: updated) != token)
        }
    }

    @Test func aTabWithAnOlderBuildIsToldToReloadAtOnce() async throws {
        try await PreviewFixture.with { fixture in
            let events = try await RawSocket.connect(port: fixture.port)
            defer { events.close() }
            try await events.send("GET /__design-history/events?since=stale-token HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let text = String(decoding: await events.receive { String(decoding: $0, as: UTF8.self).contains("event: reload") }, as: UTF8.self)
            #expect(text.contains("event: reload"))
        }
    }

    @Test(arguments: PreviewFixture.Rebuilds.allCases)
    func aFailingBuildShowsTheErrorPageAndRecovers(rebuilds: PreviewFixture.Rebuilds) async throws {
        try await PreviewFixture.with(rebuilds: rebuilds) { fixture in
            try fixture.write("Content/posts/second-post.md", "---\ntitle: [unclosed\n---\nBody.\n")
            let failed = await eventually { (try? await fixture.get("/posts/first-post/"))?.status == 500 }
            #expect(failed)
            let error = try await fixture.get("/posts/first-post/")
            #expect(error.body.contains("The site did not build"))
            #expect(error.body.contains("second-post.md:"))
            // path:line:column, then the message.
            let pattern = try Regex(#"second-post\.md:\d+:\d+</code> <strong>error</strong>: front matter"#)
            #expect(error.body.contains(pattern))
            #expect(error.body.contains("data-design-history-preview"), "the error page reloads itself")
            // Assets still load while the build fails.
            #expect(try await fixture.get("/assets/style.css").status == 200)

            try fixture.write("Content/posts/second-post.md", "---\nlayout: post\ntitle: Second post, fixed\n---\nBody.\n")
            let recovered = await eventually { (try? await fixture.get("/posts/second-post/"))?.body.contains(">Second post, fixed</h1>") == true }
            #expect(recovered)
            #expect(try await fixture.get("/posts/first-post/").status == 200)
        }
    }

    @Test func aFirstBuildThatFailsServesTheErrorPageAtOnceAndRecovers() async throws {
        let broken = "---\nlayout: post\ntitle: [unclosed\n---\nBody.\n"
        try await PreviewFixture.with(prepare: { root in
            try broken.write(to: root.appendingPathComponent("Content/posts/first-post.md"), atomically: true, encoding: .utf8)
        }) { fixture in
            #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("Site").path), "nothing was written")
            let page = try await fixture.get("/posts/first-post/")
            #expect(page.status == 500)
            // The handler itself answers without waiting for a folder that was never there (it
            // waits up to half a second only when a build is swapping the folder).
            let handler = PreviewHandler(folder: SiteFolder(root: fixture.root.appendingPathComponent("Site")), status: fixture.session.status)
            let request = HTTPRequest(method: .GET, version: .http11, target: .init(path: "/posts/first-post/", query: ""), headers: [:], body: HTTPBodySequence())
            let clock = ContinuousClock()
            let start = clock.now
            let direct = try await handler.handleRequest(request)
            #expect(clock.now - start < .milliseconds(300))
            #expect(direct.statusCode.code == 500)
            #expect(page.body.contains("first-post.md:"))
            try fixture.write("Content/posts/first-post.md", "---\nlayout: post\ntitle: First post\n---\nBody.\n")
            #expect(await eventually { (try? await fixture.get("/posts/first-post/"))?.status == 200 })
        }
    }

    @Test func newFoldersAreWatched() async throws {
        try await PreviewFixture.with { fixture in
            let folder = fixture.root.appendingPathComponent("Content/notes")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try await Task.sleep(for: .milliseconds(100))
            try fixture.write("Content/notes/idea.md", "---\ntitle: An idea\n---\nText.\n")
            let served = await eventually { (try? await fixture.get("/notes/idea/"))?.status == 200 }
            #expect(served)
        }
    }
}

/// Journey model sources are watched for the note only: no rebuild, no reload.
@Test func changedJourneyModelsPrintANoteAndDoNotRebuild() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)").resolvingSymlinksInPath()
    defer { try? FileManager.default.removeItem(at: root) }
    let sources = root.appendingPathComponent("Sources/DesignHistoryJourneys")
    try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
    try "---\ntitle: Home\n---\nHi.\n".write(to: root.appendingPathComponent("Content/index.md"), atomically: true, encoding: .utf8)
    let executable = root.appendingPathComponent("design-history")
    try "binary".write(to: executable, atomically: true, encoding: .utf8)
    let model = sources.appendingPathComponent("Model.swift")
    try "// old".write(to: model, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: model.path)

    let configuration = SiteConfiguration(root: root)
    var options = PreviewSession.Options()
    options.port = 0
    let lines = ChangeLog()
    let session = PreviewSession(
        output: configuration.outputURL,
        watch: WatchList(folders: [configuration.inputURL, sources], ignored: [configuration.outputURL]),
        rebuilder: SessionRebuild { SiteBuilder(configuration: configuration).session() },
        options: options,
        staleModels: StaleModelsCheck(sources: sources, executable: executable),
        log: { lines.add([$0]) }
    )
    _ = try await session.start()
    #expect(!lines.all.contains { $0.hasPrefix("note:") }, "up to date at start")
    let token = session.status.snapshot().token
    try "// new".write(to: model, atomically: false, encoding: .utf8)
    #expect(await eventually { lines.all.contains { $0.hasPrefix("note: journey models changed (Model.swift") } })
    try await Task.sleep(for: .milliseconds(100))
    #expect(session.status.snapshot().token == token, "no rebuild, so no reload")
    await session.stop()
}
