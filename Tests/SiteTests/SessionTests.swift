import Foundation
import Testing
@testable import Site

/// Incremental rebuilds: only what a change can affect is rendered again, and the result is the
/// same as a full build's.
@Suite struct SessionTests {
    @Test func aPostChangeRendersThePostAndThePagesListingIt() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let session = SiteSession(configuration: try site.configuration())
        let first = session.build()
        #expect(first.errors == 0)
        let total = first.pages
        let post = site.root.appendingPathComponent("app/posts/section-a/2023-01-02-post-2.md")
        try "---\ntitle: Post 2 renamed\n---\nNew body.\n".write(to: post, atomically: true, encoding: .utf8)
        let second = session.rebuild(changed: [post])
        #expect(second.errors == 0)
        // Rendered again: the post, the homepage (lists collections.all) and both section pages. Not
        // rendered: posts 1, 3 and 4, and the letters pages (they paginate data, not collections).
        #expect(second.pages == 4, "\(second.pages) of \(total)")
        #expect(site.read("_site/section-a/post-2/index.html")?.contains("New body.") == true)
        #expect(site.read("_site/section-a/index.html")?.contains("Post 2 renamed") == true)
        #expect(site.read("_site/index.html")?.contains("Post 2 renamed") == true)
        // The same bytes as a full build.
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    @Test func aLayoutChangeRendersThePagesUsingIt() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let session = SiteSession(configuration: try site.configuration())
        let first = session.build()
        let layout = site.root.appendingPathComponent("app/_layouts/plain.njk")
        try "<title>{{ title }} (changed)</title>\n{{ content | safe }}\n".write(to: layout, atomically: true, encoding: .utf8)
        let second = session.rebuild(changed: [layout])
        #expect(second.errors == 0)
        // Every page but the three letters pages (no layout) uses it.
        #expect(second.pages == first.pages - 3)
        #expect(site.read("_site/section-a/post-1/index.html")?.contains("(changed)") == true)
        #expect(site.read("_site/letters/index.html")?.contains("(changed)") == false)
    }

    @Test func aGlobalDataChangeRendersItsDependentsAndRemovedPagesGo() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let session = SiteSession(configuration: try site.configuration())
        _ = session.build()
        let data = site.root.appendingPathComponent("app/_data/letters.json")
        try #"["a", "b"]"#.write(to: data, atomically: true, encoding: .utf8)
        let second = session.rebuild(changed: [data])
        // The two letters pages left (they paginate it), and the pages that read collections (home,
        // two section pages); not the posts.
        #expect(second.pages == 5, "\(second.pages)")
        #expect(!site.exists("_site/letters/2/index.html"))
        #expect(site.exists("_site/letters/1/index.html"))
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    /// A page that reads global data only through `eleventyComputed` still follows it; a page
    /// that does not read it at all is not rendered again.
    @Test func globalDataReadOnlyByComputedDataIsFollowed() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write(#"{"name": "First"}"#, to: "Content/_data/site.json")
        try site.write("---\ntitle: A\neleventyComputed:\n  heading: \"{{ site.name }} heading\"\n---\n<h1>{{ heading }}</h1>\n", to: "Content/a.njk")
        try site.write("---\ntitle: B\n---\n<p>B</p>\n", to: "Content/b.njk")
        let session = SiteSession(configuration: try site.configuration())
        #expect(session.build().errors == 0)
        #expect(site.read("Site/a/index.html")?.contains("First heading") == true)
        let data = site.root.appendingPathComponent("Content/_data/site.json")
        try #"{"name": "Second"}"#.write(to: data, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [data])
        #expect(report.pages == 1, "\(report.pages)")
        #expect(site.read("Site/a/index.html")?.contains("Second heading") == true)
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    @Test func aDirectoryDataChangeRendersThePagesBelowIt() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let session = SiteSession(configuration: try site.configuration())
        _ = session.build()
        let data = site.root.appendingPathComponent("app/posts/section-a/section-a.json")
        try #"{ "eleventyNavigation": { "parent": "Section A" }, "layout": "plain", "extra": 1 }"#.write(to: data, atomically: true, encoding: .utf8)
        let second = session.rebuild(changed: [data])
        // The four posts below it, and the collection readers (home, two section pages); not the letters.
        #expect(second.pages == 7, "\(second.pages)")
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }
}

@Test func aRebuildReportsEveryPagesWarnings() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("---\ntitle: A\n---\n![shot](missing.png)\n", to: "Content/a.md")
    try site.write("---\ntitle: B\n---\nB\n", to: "Content/b.md")
    let session = SiteSession(configuration: try site.configuration())
    let first = session.build()
    #expect(first.warnings == 1)
    let b = site.root.appendingPathComponent("Content/b.md")
    try "---\ntitle: B\n---\nB changed\n".write(to: b, atomically: true, encoding: .utf8)
    let second = session.rebuild(changed: [b])
    #expect(second.pages == 1)
    #expect(second.warnings == 1, "the warning of the page not rendered again is still reported")
    try site.write("PNG", to: "Content/images/a/missing.png")
    var configuration = try site.configuration()
    configuration.passthrough = [("Content/images", ".")]
    let withImages = SiteSession(configuration: configuration)
    _ = withImages.build()
    #expect(withImages.build().warnings == 0)
}

/// A body edit keeps the navigation as it was, warnings included.
@Test func aBodyEditKeepsTheNavigationsWarnings() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("---\ntitle: A\neleventyNavigation:\n  parent: Nowhere\n---\nA\n", to: "Content/a.md")
    try site.write("---\ntitle: B\n---\nB\n", to: "Content/b.md")
    let session = SiteSession(configuration: try site.configuration())
    let first = session.build()
    let orphan = { (report: BuildReport) in report.diagnostics.contains { $0.message.contains("parent 'Nowhere'") } }
    #expect(orphan(first))
    let b = site.root.appendingPathComponent("Content/b.md")
    try "---\ntitle: B\n---\nB, edited\n".write(to: b, atomically: true, encoding: .utf8)
    let second = session.rebuild(changed: [b])
    #expect(orphan(second), "\(second.diagnostics)")
    let fresh = SiteSession(configuration: try site.configuration())
    _ = fresh.build(write: false)
    #expect(session.lastOutputs == fresh.lastOutputs)
}

@Test func changesOfAFailedRebuildAreWrittenByTheNextOne() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
    try site.write("---\ntitle: B\n---\nB\n", to: "Content/b.md")
    let session = SiteSession(configuration: try site.configuration())
    _ = session.build()
    let a = site.root.appendingPathComponent("Content/a.md"), b = site.root.appendingPathComponent("Content/b.md")
    try "---\ntitle: A\n---\nA changed\n".write(to: a, atomically: true, encoding: .utf8)
    try "---\ntitle: [broken\n---\nB\n".write(to: b, atomically: true, encoding: .utf8)
    let failed = session.rebuild(changed: [a, b])
    #expect(failed.errors == 1)
    #expect(site.read("Site/a/index.html")?.contains("A changed") == false)
    try "---\ntitle: B\n---\nB fixed\n".write(to: b, atomically: true, encoding: .utf8)
    let fixed = session.rebuild(changed: [b])
    #expect(fixed.errors == 0)
    #expect(site.read("Site/a/index.html")?.contains("A changed") == true)
    #expect(site.read("Site/b/index.html")?.contains("B fixed") == true)
}

@Test func aChangedIncludeIsReadAgain() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("{% include \"note.njk\" %}{{ content | safe }}", to: "Content/_layouts/base.njk")
    try site.write("first", to: "Content/_includes/note.njk")
    try site.write("---\ntitle: A\nlayout: base\n---\nA\n", to: "Content/a.md")
    let session = SiteSession(configuration: try site.configuration())
    _ = session.build()
    #expect(site.read("Site/a/index.html")?.hasPrefix("first") == true)
    let include = site.root.appendingPathComponent("Content/_includes/note.njk")
    try "second".write(to: include, atomically: true, encoding: .utf8)
    let report = session.rebuild(changed: [include])
    #expect(report.pages == 1)
    #expect(site.read("Site/a/index.html")?.hasPrefix("second") == true)
}

/// Rebuilds replace pages by renaming a temporary file over them: the folder is made when
/// missing, the old file is replaced whole, and no temporary file is left behind.
@Test func aReplacedFileIsWholeAndLeavesNothingBehind() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    let target = site.root.appendingPathComponent("out/new/folder/index.html")
    #expect(SiteWriter.replaceFile(target.path, with: Data("first".utf8)))
    #expect(site.read("out/new/folder/index.html") == "first")
    #expect(SiteWriter.replaceFile(target.path, with: Data("second, longer".utf8)))
    #expect(site.read("out/new/folder/index.html") == "second, longer")
    let names = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
    #expect(names == ["index.html"])
    #expect(!SiteWriter.replaceFile(site.root.appendingPathComponent("out/new/folder/index.html/x").path, with: Data()), "a file where a folder should be fails, not crashes")
}
