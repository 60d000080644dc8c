import Foundation
import Testing
import Preview
import Site

/// The server over real sockets: pages, pretty URLs, content types, caching headers, the site's
/// 404 page and `pathPrefix`.
@Suite struct ServingTests {
    @Test func servesPagesWithTheReloadScriptInjectedNotWritten() async throws {
        try await PreviewFixture.with { fixture in
            let home = try await fixture.get("/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.headers["cache-control"] == "no-cache")
            #expect(home.body.contains(">Fixture design history</h1>"))
            #expect(home.body.contains("<script data-design-history-preview>"))
            #expect(home.body.contains("/__design-history/events?since="))
            // Injected before </body>, and only into the response: the built file has no script.
            let script = try #require(home.body.range(of: "<script data-design-history-preview>"))
            let close = try #require(home.body.range(of: "</body>"))
            #expect(script.lowerBound < close.lowerBound)
            let built = try String(contentsOf: fixture.root.appendingPathComponent("Site/index.html"), encoding: .utf8)
            #expect(!built.contains("design-history-preview"))
        }
    }

    @Test func prettyURLsRedirectToTheirFolder() async throws {
        try await PreviewFixture.with { fixture in
            let page = try await fixture.get("/posts/first-post/")
            #expect(page.status == 200)
            #expect(page.body.contains(">First post</h1>"))
            let redirect = try await fixture.get("/posts/first-post?from=list")
            #expect(redirect.status == 302)
            #expect(redirect.headers["location"] == "/posts/first-post/?from=list")
            let index = try await fixture.get("/index.html")
            #expect(index.status == 200)
        }
    }

    @Test func contentTypesAndValidatorsForAssets() async throws {
        try await PreviewFixture.with { fixture in
            let css = try await fixture.get("/assets/style.css")
            #expect(css.status == 200)
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.headers["cache-control"] == "no-cache")
            #expect(css.headers["last-modified"]?.hasSuffix(" GMT") == true)
            #expect(!css.body.contains("<script"))
            let tag = try #require(css.headers["etag"])
            let again = try await fixture.get("/assets/style.css", headers: ["If-None-Match": tag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            let svg = try await fixture.get("/assets/logo.svg")
            #expect(svg.headers["content-type"] == "image/svg+xml")
        }
    }

    @Test func byteRangesForMedia() async throws {
        try await PreviewFixture.with { fixture in
            let part = try await fixture.get("/assets/style.css", headers: ["Range": "bytes=0-3"])
            #expect(part.status == 206)
            #expect(part.body == "body")
            #expect(part.headers["content-range"] == "bytes 0-3/34")
            let tail = try await fixture.get("/assets/style.css", headers: ["Range": "bytes=-2"])
            #expect(tail.body == "}\n")
            let open = try await fixture.get("/assets/style.css", headers: ["Range": "bytes=30-"])
            #expect(open.headers["content-range"] == "bytes 30-33/34")
            let outside = try await fixture.get("/assets/style.css", headers: ["Range": "bytes=100-200"])
            #expect(outside.status == 416)
            #expect(outside.headers["content-range"] == "bytes */34")
        }
    }

    @Test func missingPagesGetTheSitesOwn404Page() async throws {
        try await PreviewFixture.with { fixture in
            let missing = try await fixture.get("/posts/no-such-post/")
            #expect(missing.status == 404)
            #expect(missing.body.contains(">Page not found</h1>"))
            let built = try String(contentsOf: fixture.root.appendingPathComponent("Site/404.html"), encoding: .utf8)
            #expect(missing.body.hasPrefix(String(built.prefix(200))), "the site's own /404.html")
            #expect(missing.body.contains("data-design-history-preview"))
            let head = try await HTTP.exchange("HEAD /assets/style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", port: fixture.port)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == "34")
            let post = try await HTTP.exchange("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi", port: fixture.port)
            #expect(post.status == 405)
        }
    }

    @Test func pathPrefixMapsToTheSiteRoot() async throws {
        try await PreviewFixture.with(pathPrefix: "service") { fixture in
            #expect(fixture.base.absoluteString.hasSuffix("/service/"))
            let root = try await fixture.get("/")
            #expect(root.status == 302)
            #expect(root.headers["location"] == "/service/")
            let bare = try await fixture.get("/service")
            #expect(bare.headers["location"] == "/service/")
            let home = try await fixture.get("/service/")
            #expect(home.status == 200)
            #expect(home.body.contains(">Fixture design history</h1>"))
            let post = try await fixture.get("/service/posts/first-post")
            #expect(post.status == 302)
            #expect(post.headers["location"] == "/service/posts/first-post/")
            #expect(try await fixture.get("/service/assets/style.css").status == 200)
            let outside = try await fixture.get("/posts/first-post/")
            #expect(outside.status == 404)
            #expect(outside.body.contains(">Page not found</h1>"))
        }
    }

    /// Without a prefix on the command line, the preview serves below the prefix the current
    /// configuration gives: changing it in the configuration file needs no restart.
    @Test func aPathPrefixChangedInTheConfigurationIsServedWithoutARestart() async throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-prefix-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("site"), to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("design-history.yml")
        try "input: Content\n".write(to: config, atomically: true, encoding: .utf8)
        let configuration = try SiteConfiguration.load(from: config)
        var options = PreviewSession.Options()
        options.port = 0
        options.pathPrefix = configuration.pathPrefix
        options.pathPrefixFollowsConfiguration = true
        let session = PreviewSession(
            output: configuration.outputURL,
            watch: WatchList(folders: [configuration.inputURL], files: [config], ignored: [configuration.outputURL]),
            rebuilder: SessionRebuild(configurationFile: config) { SiteBuilder(configuration: try SiteConfiguration.load(from: config)).session() },
            options: options)
        let base = try await session.start()
        let port = UInt16(base.port ?? 0)
        #expect(try await HTTP.get("/", port: port).status == 200)
        try "input: Content\noptions:\n  pathPrefix: /service/\n".write(to: config, atomically: false, encoding: .utf8)
        let moved = await eventually(timeout: 120) { (try? await HTTP.get("/", port: port).headers["location"]) == "/service/" }
        #expect(moved)
        let home = try await HTTP.get("/service/", port: port)
        #expect(home.status == 200)
        #expect(home.body.contains(">Fixture design history</h1>"))
        await session.stop()
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await PreviewFixture.with { fixture in
            let socket = try await RawSocket.connect(port: fixture.port)
            defer { socket.close() }
            // Two pipelined requests, the second closing the connection.
            try await socket.send("GET /assets/style.css HTTP/1.1\r\nHost: localhost\r\n\r\nGET /assets/logo.svg HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let text = String(decoding: await socket.receive { String(decoding: $0, as: UTF8.self).contains("</svg>") }, as: UTF8.self)
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            #expect(text.contains("font-family"))
        }
    }
}
