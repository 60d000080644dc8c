import Foundation
import Testing
import Templates
@testable import Site

/// Collections, pagination and navigation on a fixture shaped like a design history.
@Suite struct CollectionsTests {
    @Test func paginationWritesEleventysURLs() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let (_, report) = try site.build()
        #expect(report.errors == 0, "\(report.diagnostics)")
        // Newest first, two a page; the excluded post is in no collection.
        let first = try #require(site.read("_site/section-a/index.html"))
        #expect(first.contains("Post 3=/section-a/post-3/;Post 2=/section-a/post-2/;"))
        #expect(first.contains("next=/section-a/page/2/ previous="))
        let second = try #require(site.read("_site/section-a/page/2/index.html"))
        #expect(second.contains("Post 1=/section-a/post-1/;"))
        #expect(second.contains("next= previous=/section-a/"))
        // Without a permalink, page N > 0 goes to <folder>/N/.
        #expect(site.read("_site/letters/index.html") == "letter a of /letters/,/letters/1/,/letters/2/\n")
        #expect(site.read("_site/letters/1/index.html")?.hasPrefix("letter b") == true)
        #expect(site.read("_site/letters/2/index.html")?.hasPrefix("letter c") == true)
        // The excluded post is still written.
        #expect(site.exists("_site/section-a/post-4/index.html"))
    }

    @Test func collectionsHoldPagesInDateOrder() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let (session, report) = try site.build(write: false)
        #expect(report.errors == 0, "\(report.diagnostics)")
        #expect(session.titles(ofCollection: "section-a") == ["Post 1", "Post 2", "Post 3"])
        let all = session.titles(ofCollection: "all")
        #expect(!all.contains("Post 4"))
        // Only the first page of a paginated template is in collections.
        #expect(all.filter { $0 == "Section A" }.count == 1)
        #expect(all.first == "Section A")  // dated 2000-01-01
        // Collection items carry their rendered bodies.
        guard case .array(let items)? = session.state.collections["section-a"] else { Issue.record("no collection"); return }
        #expect(items.first?[member: "templateContent"].stringValue.contains("Post 1 body.") == true)
    }

    @Test func navigationTreeBreadcrumbsAndSiblings() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let (session, _) = try site.build(write: false)
        let post = try #require(session.page(url: "/section-a/post-1/"))
        let navigation = try #require(post.data["navigation"])
        #expect(navigation[member: "breadcrumbs"][member: "length"].stringValue == "2")
        #expect(navigation[member: "breadcrumbs"][member: "0"][member: "key"].stringValue == "Home")
        #expect(navigation[member: "breadcrumbs"][member: "1"][member: "url"].stringValue == "/section-a/")
        // Post 3 has order -1, so it comes first among the section's children.
        #expect(navigation[member: "previous"][member: "title"].stringValue == "Post 3")
        #expect(navigation[member: "next"][member: "title"].stringValue == "Post 2")
        // The tree: Home > Section A > Post 3, Post 1, Post 2.
        let tree = navigation[member: "tree"]
        #expect(tree[member: "0"][member: "key"].stringValue == "Home")
        let section = tree[member: "0"][member: "children"][member: "0"]
        #expect(section[member: "title"].stringValue == "Section A")
        let children = section[member: "children"]
        #expect([0, 1, 2].map { children[member: "\($0)"][member: "title"].stringValue } == ["Post 3", "Post 1", "Post 2"])
    }
}
