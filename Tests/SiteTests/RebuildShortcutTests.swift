import Foundation
import Testing
@testable import Site

/// The rebuild shortcut: when an edit leaves what collections show of a post the same (its url,
/// date and data), only the post and the pages reading other pages' content (the search index)
/// are rendered again; any other edit renders every page that reads collections. Every case ends
/// with the same bytes as a full build.
@Suite struct RebuildShortcutTests {
    /// The fixture with the built-in pages (feed, search index, tag pages, sitemap), built once.
    func session(_ site: FixtureSite) throws -> SiteSession {
        var configuration = try site.configuration()
        configuration.includeVirtualTemplates = true
        let session = SiteSession(configuration: configuration)
        let first = session.build()
        #expect(first.errors == 0, "\(first.diagnostics)")
        return session
    }

    /// A full build of the site as it is now must give exactly the rebuilt outputs.
    func expectSameAsFullBuild(_ session: SiteSession, _ site: FixtureSite) throws {
        var configuration = try site.configuration()
        configuration.includeVirtualTemplates = true
        let fresh = SiteSession(configuration: configuration)
        _ = fresh.build(write: false)
        let rebuilt = session.lastOutputs, full = fresh.lastOutputs
        #expect(rebuilt.keys.sorted() == full.keys.sorted())
        for (path, content) in full where rebuilt[path] != content { Issue.record("\(path) differs from a full build") }
    }

    func output(_ session: SiteSession, containing part: String) -> String {
        session.lastOutputs.first { $0.key.contains(part) }?.value ?? ""
    }

    func post(_ number: Int, title: String = "", date: String = "", tags: String = "research", body: String = "") -> String {
        """
        ---
        layout: post
        title: \(title.isEmpty ? "Post \(number)" : title)
        date: \(date.isEmpty ? "2024-01-0\(number)" : date)
        description: What we did in round \(number).
        tags:
          - \(tags)
        eleventyNavigation:
          parent: Research
        ---
        \(body.isEmpty ? "We tested round \(number) with **users**." : body)

        ## What we found

        People read the guidance in round \(number).

        """
    }

    @Test func aBodyEditRendersOnlyThePostAndTheSearchIndex() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-03-post-3.md")
        try post(3, body: "We tested round 3 with **zebras**.").write(to: file, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [file])
        #expect(report.errors == 0)
        // The post itself, and the search index (it reads every page's content); not the section
        // page, the neighbours, the feed, the tag pages or the sitemap.
        #expect(report.pages == 2, "\(report.pages)")
        #expect(output(session, containing: "post-3").contains("zebras"))
        #expect(output(session, containing: "search-index.json").contains("zebras"))
        try expectSameAsFullBuild(session, site)
    }

    @Test func aTitleEditUpdatesTheSectionNeighboursFeedAndSearchIndex() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let total = session.lastOutputs.count
        let file = site.root.appendingPathComponent("app/posts/2024-01-03-post-3.md")
        try post(3, title: "Renamed round three").write(to: file, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [file])
        #expect(report.errors == 0)
        #expect(report.pages > 2 && report.pages <= total, "\(report.pages)")
        #expect(output(session, containing: "research/").contains("Renamed round three"))
        #expect(output(session, containing: "post-2").contains("Renamed round three"))
        #expect(output(session, containing: "post-4").contains("Renamed round three"))
        #expect(output(session, containing: "feed.xml").contains("Renamed round three"))
        #expect(output(session, containing: "search-index.json").contains("Renamed round three"))
        try expectSameAsFullBuild(session, site)
    }

    @Test func aTagEditMovesThePostBetweenTagPages() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-03-post-3.md")
        try post(3, tags: "design").write(to: file, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [file])
        #expect(report.errors == 0)
        #expect(!output(session, containing: "research/").contains("Post 3"))
        #expect(output(session, containing: "tags/design/").contains("Post 3"))
        try expectSameAsFullBuild(session, site)
    }

    @Test func aDateEditReordersTheCollection() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-01-post-1.md")
        try post(1, date: "2024-02-01").write(to: file, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [file])
        #expect(report.errors == 0)
        // The feed lists the newest first: post 1 is now the newest.
        let feed = output(session, containing: "feed.xml")
        let first = try #require(feed.range(of: "Post 1")), fifth = try #require(feed.range(of: "Post 5"))
        #expect(first.lowerBound < fifth.lowerBound)
        try expectSameAsFullBuild(session, site)
    }

    @Test func aSecondBodyEditAfterATitleEditStillMatchesAFullBuild() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-02-post-2.md")
        try post(2, title: "Second").write(to: file, atomically: true, encoding: .utf8)
        _ = session.rebuild(changed: [file])
        try post(2, title: "Second", body: "Now about otters.").write(to: file, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [file])
        #expect(report.pages == 2, "\(report.pages)")
        try expectSameAsFullBuild(session, site)
    }

    @Test func aLayoutChangeAfterABodyEditIsReadAgain() throws {
        let site = try FixtureSite("collections")
        defer { site.remove() }
        let session = SiteSession(configuration: try site.configuration())
        #expect(session.build().errors == 0)
        let post = site.root.appendingPathComponent("app/posts/section-a/2023-01-02-post-2.md")
        let text = try #require(site.read("app/posts/section-a/2023-01-02-post-2.md"))
        try (text + "\nOne more sentence.\n").write(to: post, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [post]).errors == 0)
        // The layout now includes a partial: pages using it must follow the partial's changes too.
        try site.write("<p>partial one</p>\n", to: "app/_includes/partial.njk")
        let layout = site.root.appendingPathComponent("app/_layouts/plain.njk")
        try "<title>{{ title }}</title>\n{% include \"partial.njk\" %}\n{{ content | safe }}\n".write(to: layout, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [layout, site.root.appendingPathComponent("app/_includes/partial.njk")]).errors == 0)
        try site.write("<p>partial two</p>\n", to: "app/_includes/partial.njk")
        let report = session.rebuild(changed: [site.root.appendingPathComponent("app/_includes/partial.njk")])
        #expect(report.pages > 1, "\(report.pages)")
        #expect(site.read("_site/section-a/post-2/index.html")?.contains("partial two") == true)
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    @Test func aPermalinkEditMovesThePageAndRemovesTheOldOne() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-03-post-3.md")
        let moved = post(3).replacingOccurrences(of: "tags:\n", with: "permalink: /moved/\ntags:\n")
        try moved.write(to: file, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [file]).errors == 0)
        #expect(site.read("_site/moved/index.html")?.contains("Post 3") == true)
        #expect(session.lastOutputs.keys.contains { $0.contains("post-3") } == false)
        try expectSameAsFullBuild(session, site)
    }

    @Test func aBrokenLinkAddedToAPostIsReportedAndGoesWhenFixed() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-02-post-2.md")
        try post(2, body: "See [the plan](/nowhere/).").write(to: file, atomically: true, encoding: .utf8)
        let broken = session.rebuild(changed: [file])
        #expect(broken.diagnostics.contains { $0.message.contains("/nowhere/") && $0.path.hasSuffix("post-2.md") })
        // Another post's edit keeps reporting it.
        let other = site.root.appendingPathComponent("app/posts/2024-01-04-post-4.md")
        try post(4, body: "Round four, again.").write(to: other, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [other]).diagnostics.contains { $0.message.contains("/nowhere/") })
        try post(2, body: "See [the plan](/posts/2024-01-01-post-1/).").write(to: file, atomically: true, encoding: .utf8)
        let fixed = session.rebuild(changed: [file])
        #expect(!fixed.diagnostics.contains { $0.message.contains("points at no page") }, "\(fixed.diagnostics)")
        try expectSameAsFullBuild(session, site)
    }

    /// Edits of one post after another (body, title, tags, date, back), each compared with a full
    /// build: what a rebuild keeps from the last one must stay true across many rebuilds.
    @Test func aRunOfEditsMatchesAFullBuildAfterEachOne() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let edits: [(Int, String)] = [
            (3, post(3, body: "Body one.")), (1, post(1, title: "First renamed")), (3, post(3, title: "Third renamed", body: "Body one.")),
            (5, post(5, tags: "design")), (2, post(2, date: "2024-03-01")), (5, post(5)), (1, post(1)), (3, post(3)),
        ]
        let names = [1: "2024-01-01-post-1.md", 2: "2024-01-02-post-2.md", 3: "2024-01-03-post-3.md", 5: "2024-01-05-post-5.md"]
        for (number, text) in edits {
            let file = site.root.appendingPathComponent("app/posts/" + (names[number] ?? ""))
            try text.write(to: file, atomically: true, encoding: .utf8)
            let report = session.rebuild(changed: [file])
            #expect(report.errors == 0, "\(report.diagnostics)")
            try expectSameAsFullBuild(session, site)
        }
    }

    /// A template another page includes beside itself (`./part.njk`) is an include too: its edit
    /// renders the page including it again.
    @Test func aTemplateIncludedByAnotherPageRendersThatPageAgain() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\n<p>{% include \"./part.njk\" %}</p>\n", to: "Content/a.njk")
        try site.write("first part", to: "Content/part.njk")
        let session = SiteSession(configuration: try site.configuration())
        #expect(session.build().errors == 0)
        #expect(site.read("Site/a/index.html")?.contains("first part") == true)
        let part = site.root.appendingPathComponent("Content/part.njk")
        try "second part".write(to: part, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [part]).errors == 0)
        #expect(site.read("Site/a/index.html")?.contains("second part") == true)
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    /// With someone to tell, a rebuild writes the pages a browser shows first and says so; the
    /// feed and search index follow, and the end is the same as a full build.
    @Test func shownPagesAreWrittenBeforeTheFeedAndSearchIndex() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/posts/2024-01-03-post-3.md")
        try post(3, title: "Renamed early").write(to: file, atomically: true, encoding: .utf8)
        var seen: (post: Bool, feed: Bool, index: Bool, errors: Int)?
        let report = session.rebuild(changed: [file], pagesWritten: { partial in
            seen = (site.read("_site/posts/2024-01-03-post-3/index.html")?.contains("Renamed early") == true,
                    site.read("_site/feed.xml")?.contains("Renamed early") == true,
                    site.read("_site/search-index.json")?.contains("Renamed early") == true, partial.errors)
        })
        #expect(report.errors == 0)
        let early = try #require(seen, "told when the shown pages were written")
        #expect(early.post && early.errors == 0)
        #expect(!early.feed && !early.index, "the feed and search index come after")
        #expect(site.read("_site/feed.xml")?.contains("Renamed early") == true)
        #expect(site.read("_site/search-index.json")?.contains("Renamed early") == true)
        try expectSameAsFullBuild(session, site)
    }

    /// A page written late that fails fails the build (it is not written); fixed, all is as a full build.
    @Test func aLatePageThatFailsFailsTheBuild() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        try site.write("---\npermalink: /titles.txt\neleventyExcludeFromCollections: true\n---\n{% for p in collections.all %}{{ p.data.title }}\n{% endfor %}", to: "app/titles.njk")
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/titles.njk")
        try "---\npermalink: /titles.txt\neleventyExcludeFromCollections: true\n---\n{% for p in collections.all %}{{ p.data.title | nosuchfilter }}\n{% endfor %}".write(to: file, atomically: true, encoding: .utf8)
        var told = false
        let failed = session.rebuild(changed: [file], pagesWritten: { _ in told = true })
        #expect(failed.errors > 0)
        #expect(told, "nothing else failed, so the shown pages were written first")
        #expect(site.read("_site/titles.txt")?.contains("Post 3") == true, "the failed page is not written")
        try "---\npermalink: /titles.txt\neleventyExcludeFromCollections: true\n---\n{% for p in collections.all %}{{ p.data.title | upper }}\n{% endfor %}".write(to: file, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [file], pagesWritten: { _ in }).errors == 0)
        #expect(site.read("_site/titles.txt")?.contains("POST 3") == true)
        try expectSameAsFullBuild(session, site)
    }

    /// A title edit renders the section page listing the post, not the pages of other sections
    /// (each paginates its own collection).
    @Test func aTitleEditRendersItsOwnSectionPageNotOthers() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("input: Content\ncollections:\n  alpha: Content/alpha/*.md\n  beta: Content/beta/*.md\n", to: "design-history.yml")
        for section in ["alpha", "beta"] {
            try site.write("---\ntitle: \(section)\npagination:\n  data: collections.\(section)\n  size: 1\npermalink: \"\(section)/{{ pagination.pageNumber }}/\"\n---\n{% for p in pagination.items %}{{ p.data.title }}{% endfor %}\n", to: "Content/\(section).njk")
            for number in 1...2 {
                try site.write("---\ntitle: \(section) \(number)\ndate: 2024-01-0\(number)\n---\nBody.\n", to: "Content/\(section)/post-\(number).md")
            }
        }
        var configuration = try SiteConfiguration.load(from: site.root.appendingPathComponent("design-history.yml"))
        configuration.includeVirtualTemplates = false
        let session = SiteSession(configuration: configuration)
        #expect(session.build().errors == 0)
        let file = site.root.appendingPathComponent("Content/alpha/post-2.md")
        try "---\ntitle: alpha renamed\ndate: 2024-01-02\n---\nBody.\n".write(to: file, atomically: true, encoding: .utf8)
        let report = session.rebuild(changed: [file])
        #expect(report.errors == 0)
        // The post and alpha's pages (the second lists it; every page's `pagination.pages` holds
        // every page's items); not beta's.
        #expect(report.pages == 3, "\(report.pages)")
        #expect(site.read("Site/alpha/1/index.html")?.contains("alpha renamed") == true)
        let fresh = SiteSession(configuration: configuration)
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    /// A template of the input that another page uses as its layout is a layout too: its edit
    /// renders that page again with the new layout.
    @Test func aTemplateUsedAsALayoutRendersItsPagesAgain() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("<main class=\"one\">{{ content | safe }}</main>\n", to: "Content/wrapper.njk")
        try site.write("unused", to: "Content/_includes/unused.njk")  // `../wrapper.njk` is found from here
        try site.write("---\ntitle: A\nlayout: ../wrapper.njk\n---\nA body.\n", to: "Content/a.md")
        let session = SiteSession(configuration: try site.configuration())
        let first = session.build()
        #expect(first.errors == 0, "\(first.diagnostics)")
        #expect(site.read("Site/a/index.html")?.contains("class=\"one\"") == true)
        let wrapper = site.root.appendingPathComponent("Content/wrapper.njk")
        try "<main class=\"two\">{{ content | safe }}</main>\n".write(to: wrapper, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [wrapper]).errors == 0)
        #expect(site.read("Site/a/index.html")?.contains("class=\"two\"") == true)
        let fresh = SiteSession(configuration: try site.configuration())
        _ = fresh.build(write: false)
        #expect(session.lastOutputs == fresh.lastOutputs)
    }

    /// A section renamed: every post under it shows the new name in its breadcrumbs.
    @Test func aRenamedSectionRendersThePostsBelowIt() throws {
        let site = try FixtureSite("rebuild-posts")
        defer { site.remove() }
        let session = try session(site)
        let file = site.root.appendingPathComponent("app/research.md")
        let text = try #require(site.read("app/research.md")).replacingOccurrences(of: "title: Research", with: "title: Research rounds")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(session.rebuild(changed: [file]).errors == 0)
        #expect(output(session, containing: "post-1").contains("Research rounds"))
        #expect(output(session, containing: "post-5").contains("Research rounds"))
        try expectSameAsFullBuild(session, site)
    }

    @Test func readingOtherPagesContentIsFoundInTemplates() {
        #expect(ScannedTemplate.readsItemContent("{% for p in collections.all %}{{ p.templateContent | safe }}{% endfor %}"))
        #expect(ScannedTemplate.readsItemContent("{{ post.content | safe }}"))
        #expect(ScannedTemplate.readsItemContent(#"{{ post["content"] }}"#))
        #expect(ScannedTemplate.readsItemContent("{{ collections.all | searchIndex('/') }}"))
        #expect(!ScannedTemplate.readsItemContent("{{ content | safe }}"))
        #expect(!ScannedTemplate.readsItemContent("{% if params.content %}{{ params.content | markdown }}{% endif %}"))
        #expect(!ScannedTemplate.readsItemContent("{{ options.footer.contentLicence }}"))
    }

    /// Only a template that reads the whole navigation tree is rendered again when any title changes.
    @Test func readingTheNavigationTreeIsFoundInTemplates() {
        #expect(ScannedTemplate.readsNavigationTree("{% for node in navigation.tree %}{{ node.title }}{% endfor %}"))
        #expect(ScannedTemplate.readsNavigationTree("{{ subNavigation(navigation) }}"))
        #expect(!ScannedTemplate.readsNavigationTree("{{ prevNext(navigation.previous, navigation.next) }} {{ navigation.home.title }}"))
        #expect(!ScannedTemplate.readsNavigationTree(#"{% from "govuk/components/service-navigation/macro.njk" import x %}"#))
        #expect(!ScannedTemplate.readsNavigationTree("{{ header({ navigation: options.header.navigation, navigationLabel: 'Menu' }) }}"))
        #expect(!ScannedTemplate.readsNavigationTree("{#- Previous and next, from the site's navigation (text, href). -#}"))
        #expect(!ScannedTemplate.readsNavigationTree(#"<ul id="{{ params.navigationId or 'navigation' }}">"#))
        #expect(!ScannedTemplate("<nav aria-label=\"Site navigation\">{{ content | safe }}</nav> Our collections of journeys.").mentions.contains { ["navigation", "collections", "journeys"].contains($0) })
        #expect(ScannedTemplate("<nav>{% for item in collections.all %}{% endfor %}</nav>").mentions.contains("collections"))
        #expect(ScannedTemplate("{{ x | dump }} {% if navigation").mentions.contains(ScannedTemplate.navigationTree), "an unclosed tag is read as code")
    }
}
