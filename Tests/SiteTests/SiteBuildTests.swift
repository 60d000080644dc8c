import Foundation
import Testing
import Templates
@testable import Site

/// End-to-end builds of fixture sites: URLs, data, collections, as Eleventy gives them.
@Suite struct SiteBuildTests {
    @Test func urlsFollowEleventy() throws {
        let site = try FixtureSite("urls")
        defer { site.remove() }
        try site.write("---\ntitle: skipped\n---\n", to: "app/node_modules/pkg/index.md")
        try site.write("---\ntitle: skipped\n---\n", to: "app/.hidden/index.md")
        try site.write("---\ntitle: skipped\n---\n", to: "app/.dotfile.md")
        let (session, report) = try site.build()
        #expect(report.errors == 0, "\(report.diagnostics)")
        // The built-in assets go to /assets/; the rest is the site's.
        let written = site.files(under: "_site").filter { !$0.hasPrefix("assets/") }
        let assets = site.files(under: "_site").filter { $0.hasPrefix("assets/") }
        #expect(assets.contains("assets/design-history.css"))
        #expect(written == [
            "File Name/index.html",
            "double.md/index.html",
            "index.html",
            "page/index.html",
            "plain.txt",
            "second/index.html",
            "2018-01-01/index.html",
            "dated-post/index.html",
            "section/dated-post/shot.png",
            "sub/template/index.html",
            "template/index.html",
        ].sorted())
        #expect(report.pages == 10)
        #expect(report.filesCopied == 1 + assets.count)
        #expect(session.page(url: "/sub/template/") != nil)
        // permalink: false renders nothing but is still a page of the collections.
        #expect(session.titles(ofCollection: "all").contains("Hidden"))
    }

    @Test func pageDataFollowsEleventy() throws {
        let site = try FixtureSite("urls")
        defer { site.remove() }
        let (_, report) = try site.build()
        #expect(report.errors == 0, "\(report.diagnostics)")
        let post = try #require(site.read("_site/dated-post/index.html"))
        #expect(post.contains("url=/dated-post/\n"))
        #expect(post.contains("slug=dated-post\n"))
        #expect(post.contains("stem=/posts/section/dated-post\n"))
        #expect(post.contains("input=./app/posts/section/2019-12-31-dated-post.md\n"))
        #expect(post.contains("output=_site/dated-post/index.html\n"))
        // Tags accumulate through the cascade: directory data, then front matter (a string).
        #expect(post.contains("tags=posts,in-section,news\n"))
        // Global data: JSON, a JavaScript object literal, YAML read as js-yaml reads it (yes is a string).
        #expect(post.contains("site=Fixture site\n"))
        #expect(post.contains("app=Fixture product\n"))
        #expect(post.contains("nav=yes\n"))
        // Layout front matter is data too; the plugin's options are global data.
        #expect(post.contains("siteName=Layout default\n"))
        #expect(post.contains("suffix=Fixture\n"))
        // eleventyComputed template strings.
        #expect(post.contains("computed=Dated post\n"))

        let index = try #require(site.read("_site/index.html"))
        #expect(index.contains("url=/\n"))
        #expect(index.contains("slug=\n"))
        #expect(index.contains("stem=/index\n"))

        let folderIndex = try #require(site.read("_site/sub/template/index.html"))
        #expect(folderIndex.contains("slug=template\n"))
        let dateOnly = try #require(site.read("_site/2018-01-01/index.html"))
        #expect(dateOnly.contains("slug=2018-01-01\n"))
        // override: replaces instead of merging.
        #expect(dateOnly.contains("tags=replaced\n"))
        #expect(site.read("_site/plain.txt") == "plain Fixture site\n")
        #expect(site.read("_site/page/index.html") == "<p>Fixture site</p>\n")
    }

    @Test func collectionsSortByDateThenInputPath() throws {
        let site = try FixtureSite("urls")
        defer { site.remove() }
        let (session, report) = try site.build(write: false)
        #expect(report.errors == 0, "\(report.diagnostics)")
        // Dates: 2018-01-01 from the file name, 2019-06-01 from front matter (over the file name's 2020),
        // 2019-12-31 from the file name.
        #expect(session.titles(ofCollection: "section") == ["Date only", "Second", "Dated post"])
        #expect(session.titles(ofCollection: "in-section") == ["Second", "Dated post"])
        #expect(session.titles(ofCollection: "news") == ["Dated post"])
        #expect(session.titles(ofCollection: "from-template-data") == ["Second"])
        let second = try #require(session.page(url: "/second/"))
        #expect(JSDate.isoString(second.date) == "2019-06-01T00:00:00.000Z")
    }

    @Test func buildIsByteIdenticalEveryRun() throws {
        let site = try FixtureSite("urls")
        defer { site.remove() }
        let (first, _) = try site.build()
        let (second, _) = try site.build()
        #expect(first.lastOutputs == second.lastOutputs)
        #expect(first.builtURLs == second.builtURLs)
    }
}

/// Rendering: Markdown through the template engine first, then Markdown (indented code off), then a
/// chain of layouts that have front matter of their own.
@Suite struct RenderingTests {
    @Test func markdownThenLayoutChain() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("""
        ---
        layout: inner
        title: Chained
        items: [one, two]
        ---
        {% for item in items %}- {{ item }}
        {% endfor %}

        A paragraph.

            four spaces is a paragraph, not code

        """, to: "Content/page.md")
        try site.write("---\nlayout: outer.njk\nlabel: from inner\n---\n<article data-label=\"{{ label }}\">{{ content | safe }}</article>\n", to: "Content/_layouts/inner.njk")
        try site.write("---\nlabel: from outer\nsiteTitle: Outer\n---\n<main title=\"{{ title }} - {{ siteTitle }}\">{{ content | safe }}</main>\n", to: "Content/_layouts/outer.njk")
        let (_, report) = try site.build()
        #expect(report.errors == 0, "\(report.diagnostics)")
        let html = try #require(site.read("Site/page/index.html"))
        // The nearer layout's front matter wins over the outer one's.
        #expect(html.hasPrefix("<main title=\"Chained - Outer\"><article data-label=\"from inner\">"))
        #expect(html.contains("<li>one</li>"))
        #expect(!html.contains("<pre"))
        #expect(html.contains("four spaces is a paragraph"))
    }

    @Test func urlFilterAddsThePathPrefixAndMarkdownFilterRenders() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("---\ntitle: T\nnote: \"*hi*\"\n---\n<a href=\"{{ '/x/' | url }}\">{{ note | markdown('inline') }}</a>{{ note | markdown }}", to: "Content/index.njk")
        let (_, report) = try site.build { $0.options["pathPrefix"] = .string("/sub/") }
        #expect(report.errors == 0, "\(report.diagnostics)")
        let html = try #require(site.read("Site/index.html"))
        #expect(html.hasPrefix("<a href=\"/sub/x/\"><em>hi</em></a><p"))
    }
}

@Test func eleventyIgnoreSkipsTemplates() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("---\ntitle: Kept\n---\n", to: "Content/kept.md")
    try site.write("---\ntitle: Draft\n---\n", to: "Content/drafts/one.md")
    try site.write("---\ntitle: Scratch\n---\n", to: "Content/scratch-notes.md")
    try site.write("# comment\nContent/drafts/\n", to: ".eleventyignore")
    try site.write("scratch-*.md\n", to: "Content/.eleventyignore")
    let (session, report) = try site.build(write: false)
    #expect(report.errors == 0)
    #expect(session.builtURLs == ["/kept/"])
}

@Test func layoutFalseMeansNoLayout() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("{ \"layout\": \"missing\" }", to: "Content/posts/posts.json")
    try site.write("---\ntitle: Bare\nlayout: false\n---\nJust the body\n", to: "Content/posts/bare.md")
    let (_, report) = try site.build()
    #expect(report.errors == 0, "\(report.diagnostics)")
    #expect(site.read("Site/posts/bare/index.html")?.contains("Just the body") == true)
}
