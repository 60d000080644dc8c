import Foundation
import Testing
import Templates
@testable import Site

/// `design-history.yml`: every key read, every mistake an error with its line and column.
@Suite struct ConfigurationTests {
    func load(_ yaml: String) throws -> SiteConfiguration {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write(yaml, to: "design-history.yml")
        return try SiteConfiguration.load(from: site.root.appendingPathComponent("design-history.yml"))
    }

    func error(_ yaml: String) -> ConfigurationError? {
        do { _ = try load(yaml); return nil } catch let error as ConfigurationError { return error } catch { return nil }
    }

    @Test func readsEveryKey() throws {
        let c = try load("""
        input: app
        output: _site
        layouts: _layouts
        includes: _components
        data: _info
        templateEngines:
          markdown: njk
          html: false
        passthrough:
          app/images: .
          app/documents: documents
        collections:
          ecf-v2: app/posts/ecf-v2/*.md
          both: [a/*.md, b/*.md]
        sectionCollections: false
        markdown:
          markup: plain
          breaks: false
          typographer: false
        options:
          pathPrefix: /history
          titleSuffix: DfE
          header:
            productName: Teacher CPD
        generatedPages:
          feed: false
        """)
        #expect(c.input == "app" && c.output == "_site" && c.layouts == "_layouts" && c.includes == "_components" && c.data == "_info")
        #expect(c.markdownTemplateEngine == "njk" && c.htmlTemplateEngine == nil)
        #expect(c.passthrough.map { "\($0.from)->\($0.to)" } == ["app/images->.", "app/documents->documents"])
        #expect(c.collections.map(\.name) == ["ecf-v2", "both"])
        #expect(c.collections.last?.globs == ["a/*.md", "b/*.md"])
        #expect(!c.sectionCollections)
        #expect(c.markdown.markup == .plain && !c.markdown.breaks && !c.markdown.typographer)
        #expect(c.pathPrefix == "/history/")
        #expect(c.options["header"]?[member: "productName"].stringValue == "Teacher CPD")
        #expect(c.options["homeKey"]?.stringValue == "Home")  // defaults stay
        #expect(!c.emits(generatedPage: "feed") && c.emits(generatedPage: "sitemap"))
    }

    @Test(arguments: [(true, "A &lt;b&gt;bold&lt;/b&gt; claim"), (false, "A <b>bold</b> claim")])
    func autoescapeDecidesWhetherDataIsEscaped(autoescape: Bool, expected: String) throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("---\ntitle: Home\nclaim: A <b>bold</b> claim\n---\n{{ claim }}\n", to: "Content/index.md")
        try site.write("autoescape: \(autoescape)\n", to: "design-history.yml")
        let (_, report) = try site.build()
        #expect(report.errors == 0)
        #expect(site.read("Site/index.html")?.contains(expected) == true)
        #expect(error("autoescape: sometimes\n")?.line == 1)
    }

    @Test func mistakesAreErrorsWithTheirPosition() {
        let unknown = error("input: app\nouptut: _site\n")
        #expect(unknown?.line == 2 && unknown?.column == 1)
        #expect(unknown?.message.contains("unknown key 'ouptut'") == true)
        let engine = error("templateEngines:\n  markdown: liquid\n")
        #expect(engine?.line == 2 && engine?.message.contains("unknown template engine 'liquid'") == true)
        let passthrough = error("passthrough: app/images\n")
        #expect(passthrough?.message.contains("`app/images: .`") == true)
        let yaml = error("input: [app\n")
        #expect(yaml?.message.contains("not valid YAML") == true)
        #expect(error("generatedPages:\n  feed: maybe\n")?.line == 2)
    }

    @Test func pathPrefixAndGeneratedPages() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("---\ntitle: Home\n---\n[Link]({{ '/about/' | url }})\n", to: "Content/index.md")
        try site.write("---\ntitle: About\n---\nAbout\n", to: "Content/about.md")
        try site.write("options:\n  pathPrefix: /history/\ngeneratedPages:\n  feed: false\n  search-index: false\n", to: "design-history.yml")
        let configuration = try SiteConfiguration.load(from: site.root.appendingPathComponent("design-history.yml"))
        let session = SiteSession(configuration: configuration)
        let report = session.build()
        #expect(report.errors == 0, "\(report.diagnostics)")
        #expect(site.read("Site/index.html")?.contains("href=\"/history/about/\"") == true)
        // The generated pages that are on are built, through the same pipeline; those off are not.
        #expect(site.exists("Site/404.html") && site.exists("Site/sitemap/index.html"))
        #expect(!site.exists("Site/feed.xml") && !site.exists("Site/search-index.json"))
    }
}
