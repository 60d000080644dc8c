import Foundation
import Testing
@testable import Site

/// Input that is odd but valid builds, and input that points outside the output is kept inside it.
@Suite struct OddInputRobustnessTests {
    @Test func anEmptyFileIsAnEmptyPage() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("", to: "Content/empty.md")
        let report = try #require(site.build())
        #expect(report.errors == 0, "\(report.diagnostics)")
        #expect(site.read("Site/empty/index.html") == "")
    }

    @Test func aHugeLineBuildsInSeconds() throws {
        let site = try RobustSite()
        defer { site.remove() }
        let line = String(repeating: "word *emphasis* [link](https://example.com) ", count: 40_000)
        try site.write("---\ntitle: Huge\n---\n" + line + "\n", to: "Content/huge.md")
        try site.write("---\ntitle: \"" + String(repeating: "t", count: 500_000) + "\"\n---\nx\n", to: "Content/huge-title.md")
        let start = Date()
        let report = try #require(site.build())
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(report.errors == 0, "\(report.diagnostics.prefix(3))")
        #expect(site.read("Site/huge/index.html")?.contains("<em>emphasis</em>") == true)
    }

    @Test func byteOrderMarkAndCRLFAreReadAndPositionsStayRight() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("\u{FEFF}---\r\ntitle: Windows\r\npermalink: /win/\r\n---\r\n# {{ title }}\r\n", to: "Content/win.md")
        try site.write("\u{FEFF}---\r\ntitle: Broken\r\ntags: [a\r\n---\r\nBody\r\n", to: "Content/win-broken.md")
        try site.write("\u{FEFF}---\r\ntitle: Tag\r\n---\r\nLine\r\n{% frobnicate %}\r\n", to: "Content/win-tag.md")
        let report = try #require(site.build(configure: { $0.output = "Out" }))
        let broken = report.diagnostics.first { $0.path == "Content/win-broken.md" }
        #expect(broken?.severity == .error)
        #expect((3...4).contains(broken?.line ?? 0), "\(report.diagnostics)")
        let tag = report.diagnostics.first { $0.path == "Content/win-tag.md" }
        #expect(tag?.line == 5 && tag?.column == 4, "\(report.diagnostics)")
        #expect(!report.diagnostics.contains { $0.path == "Content/win.md" }, "\(report.diagnostics)")
        // Without the broken files the page is written with its title from the front matter.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/win-broken.md"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/win-tag.md"))
        let fixed = try #require(site.build())
        #expect(fixed.errors == 0, "\(fixed.diagnostics)")
        let html = site.read("Site/win/index.html") ?? ""
        #expect(html.contains(">Windows</h1>"), "\(html)")
    }

    @Test func namesWithSpacesAndUnicodeBuild() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: Café\n---\nHello [me](/posts/h%C3%A9llo%20w%C3%B6rld/)\n", to: "Content/posts/héllo wörld.md")
        try site.write("{\"naïve\": \"ÿes\"}\n", to: "Content/_data/ünï code.json")
        let report = try #require(site.build())
        #expect(report.errors == 0, "\(report.diagnostics)")
        let written = site.snapshot("Site").keys.filter { $0.hasSuffix("index.html") }
        #expect(written.count == 1, "\(written)")
        #expect(written.first.map { $0.contains("llo w") } == true, "\(written)")
    }

    @Test func aSymlinkLoopInTheInputEnds() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/posts/a.md")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/posts/loop").path,
                                                   withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/self").path,
                                                   withDestinationPath: "self")
        let report = try #require(site.build(seconds: 20), "the build did not end")
        #expect(report.errors == 0, "\(report.diagnostics)")
        #expect(site.exists("Site/posts/a/index.html"))
        for d in report.diagnostics { #expect(d.line >= 1) }
    }

    /// A passthrough folder with a link back up to the project must not copy the previous site into
    /// the new one (which would double the site with every build).
    @Test func aLinkUpFromAssetsDoesNotCopyTheSiteIntoItself() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("body {}\n", to: "Assets/site.css")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Assets/up").path, withDestinationPath: "..")
        for _ in 0..<3 {
            let report = try #require(site.build(seconds: 20))
            #expect(report.errors == 0, "\(report.diagnostics)")
        }
        let copied = site.snapshot("Site").keys.filter { $0.contains("/Site/") || $0.hasSuffix("/Site") }
        #expect(copied.isEmpty, "\(copied.sorted().prefix(5))")
        #expect(site.exists("Site/site.css"))
    }

    /// Named pipes and links to endless devices, as templates, data and passthrough files: reading
    /// any of them would block or never end, so the build passes them by.
    @Test func pipesAndDevicesDoNotHangTheBuild() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("body {}\n", to: "Assets/site.css")
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Content/_data"), withIntermediateDirectories: true)
        for path in ["Content/pipe.md", "Content/_data/pipe.json", "Assets/pipe.css"] {
            #expect(mkfifo(site.root.appendingPathComponent(path).path, 0o644) == 0)
        }
        for path in ["Content/zero.md", "Content/_data/zero.yml", "Assets/zero.bin"] {
            try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(path).path, withDestinationPath: "/dev/zero")
        }
        let report = try #require(site.build(seconds: 20), "the build blocked on a pipe or a device")
        #expect(report.errors == 0, "\(report.diagnostics)")
        #expect(site.exists("Site/a/index.html") && site.exists("Site/site.css"))
        #expect(!site.exists("Site/pipe.css") && !site.exists("Site/zero.bin") && !site.exists("Site/pipe/index.html"))
    }

    /// A layout and an include that are named pipes are not files: the build does not wait on them,
    /// and says that the pages using them cannot find them.
    @Test func pipedTemplatesAreNotFoundAndDoNotHangTheBuild() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("---\nlayout: piped\n---\nB\n", to: "Content/b.md")
        try site.write("{% include \"piped-include.njk\" %}\n", to: "Content/c.njk")
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Content/_includes"), withIntermediateDirectories: true)
        for path in ["Content/_includes/piped.njk", "Content/_includes/piped-include.njk"] {
            #expect(mkfifo(site.root.appendingPathComponent(path).path, 0o644) == 0)
        }
        let report = try #require(site.build(seconds: 20), "the build blocked on a piped template")
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.path.hasSuffix("b.md") } && errors.contains { $0.path.hasSuffix("c.njk") }, "\(report.diagnostics)")
        #expect(errors.allSatisfy { $0.path.hasSuffix("b.md") || $0.path.hasSuffix("c.njk") }, "\(report.diagnostics)")
    }

    @Test(arguments: ["/abs/escaped.html", "/../../escaped.html", "../escaped.html", "sub/../../../escaped.html", "%2e%2e/%2e%2e/escaped.html"])
    func aPermalinkNeverWritesOutsideTheOutput(_ permalink: String) throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\npermalink: \"\(permalink)\"\n---\nOut\n", to: "Content/content/escape.md")
        let report = try #require(site.build())
        let outside = site.snapshot("").keys.filter { !$0.hasPrefix("Site/") && !$0.hasPrefix("Content/") && !$0.hasSuffix("/") }
        #expect(outside.isEmpty, "\(permalink): wrote \(outside)")
        #expect(!FileManager.default.fileExists(atPath: site.root.deletingLastPathComponent().appendingPathComponent("escaped.html").path))
        #expect(!FileManager.default.fileExists(atPath: "/abs/escaped.html"))
        if report.errors == 0 {
            // Accepted only when the file landed inside the output, as Eleventy does with leading slashes.
            #expect(site.snapshot("Site").keys.contains { $0.hasSuffix("escaped.html") }, "\(permalink)")
        } else {
            #expect(report.diagnostics.contains { $0.path == "Content/content/escape.md" && $0.line == 2 }, "\(report.diagnostics)")
        }
    }

    @Test func anAbsolutePermalinkNamingAFileOutsideStaysInside() throws {
        let site = try RobustSite()
        defer { site.remove() }
        let target = site.root.appendingPathComponent("victim.html").path
        try site.write("---\npermalink: \"\(target)\"\n---\nOut\n", to: "Content/abs.md")
        _ = try #require(site.build())
        #expect(!site.exists("victim.html"))
    }
}

/// Eleventy stops with a circular-dependency error when computed values depend on each other in a loop.
@Suite struct EleventyComputedLoopRobustnessTests {
    @Test func aComputedLoopIsReported() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\neleventyComputed:\n  a: \"{{ b }}x\"\n  b: \"{{ a }}y\"\n---\n{{ a }}\n", to: "Content/computed.md")
        let report = try #require(site.build())
        #expect(report.diagnostics.contains { $0.path == "Content/computed.md" && $0.line == 3 && $0.message.contains("circular dependency: a -> b -> a") }, "\(report.diagnostics)")
    }

    /// Eleventy computes a value after the computed values it reads, however long the chain, and a
    /// value may read its own earlier value.
    @Test func computedValuesAreComputedAfterWhatTheyRead() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: Plan\neleventyComputed:\n  c: \"{{ b }}3\"\n  b: \"{{ a }}2\"\n  a: \"{{ title }}1\"\n  title: \"{{ title | upper }}\"\n---\n{{ c }} {{ title }}\n", to: "Content/chain.md")
        let report = try #require(site.build())
        #expect(report.errors == 0, "\(report.diagnostics)")
        #expect(site.read("Site/chain/index.html")?.contains("PLAN123 PLAN") == true)
    }
}

/// Nunjucks finds a `./` or `../` name only inside its search paths.
@Suite struct RelativeIncludeRobustnessTests {
    @Test func aRelativeIncludeCannotClimbOutOfTheSite() throws {
        let site = try RobustSite()
        defer { site.remove() }
        let climb = String(repeating: "../", count: 30) + "etc/hostname"
        try site.write("---\ntitle: T\n---\nA{% include \"\(climb)\" %}B\n", to: "Content/climb.md")
        let report = try #require(site.build())
        #expect(report.diagnostics.contains { $0.path == "Content/climb.md" && $0.line == 4 && $0.message.contains("not found") }, "\(report.diagnostics)")
        // A relative include inside the site still works.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/climb.md"))
        try site.write("sibling\n", to: "Content/posts/part.njk")
        try site.write("---\ntitle: T\n---\nA {% include \"./part.njk\" %} {% include \"../posts/part.njk\" %}\n", to: "Content/posts/near.md")
        let near = try #require(site.build())
        #expect(near.errors == 0, "\(near.diagnostics)")
        #expect(site.read("Site/posts/near/index.html")?.contains("A sibling") == true)
    }
}
