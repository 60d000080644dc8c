import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Site

/// The built-in layouts and components rendered on a fixture design history (`Fixtures/layouts/site`),
/// compared with golden files under `Fixtures/layouts/golden`. Re-record with `RECORD_GOLDEN=1`
/// and review the diff.
@Suite struct LayoutGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/layouts/golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Build the fixture with the generated pages on; `prefix` hosts it under a sub-path.
    static func build(prefix: String? = nil) throws -> (FixtureSite, BuildReport) {
        let site = try FixtureSite("layouts/site")
        let (_, report) = try site.build { configuration in
            configuration.includeVirtualTemplates = true
            if let prefix { configuration.options["pathPrefix"] = .string(prefix) }
        }
        return (site, report)
    }

    /// The rendered files: pages, feed, sitemap, search index (not images or the static assets).
    static func renderedFiles(_ site: FixtureSite) -> [String] {
        site.files(under: "_site").filter { path in
            !path.hasPrefix("assets/") && [".html", ".xml", ".json"].contains { path.hasSuffix($0) }
        }
    }

    @Test func layoutsMatchTheirGoldenFiles() throws {
        let (site, report) = try Self.build()
        defer { site.remove() }
        #expect(report.errors == 0, "\(report.diagnostics)")
        let files = Self.renderedFiles(site)
        #expect(files.count >= 15)
        let fm = FileManager.default
        if Self.recording {
            try? fm.removeItem(at: Self.goldenFolder)
            for file in files {
                let target = Self.goldenFolder.appendingPathComponent(file)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((site.read("_site/" + file) ?? "").utf8).write(to: target)
            }
            return
        }
        var golden: [String] = []
        if let enumerator = fm.enumerator(at: Self.goldenFolder, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where !url.hasDirectoryPath {
                golden.append(String(url.standardizedFileURL.path.dropFirst(Self.goldenFolder.standardizedFileURL.path.count + 1)))
            }
        }
        #expect(files == golden.sorted(), "the generated files differ from the golden files; re-record with RECORD_GOLDEN=1")
        for file in files {
            let expected = try? String(contentsOf: Self.goldenFolder.appendingPathComponent(file), encoding: .utf8)
            let actual = site.read("_site/" + file)
            if expected != actual {
                let firstDifference = zip((expected ?? "").split(separator: "\n", omittingEmptySubsequences: false),
                                          (actual ?? "").split(separator: "\n", omittingEmptySubsequences: false))
                    .enumerated().first { $0.element.0 != $0.element.1 }
                Issue.record("\(file) differs from its golden file at line \((firstDifference?.offset ?? 0) + 1): expected \(firstDifference?.element.0 ?? "") but got \(firstDifference?.element.1 ?? "")")
            }
        }
    }

    @Test func everyScreenshotShapeRendersAFigure() throws {
        let (site, _) = try Self.build()
        defer { site.remove() }
        let html = try #require(site.read("_site/section/every-shape/index.html"))
        // A bare string: id and file from slugify, default alt, size from the PNG header.
        #expect(html.contains(#"<figure class="app-screenshots__screenshot" id="sign-in">"#))
        #expect(html.contains(#"src="sign-in.png" alt="Screenshot of Sign in" width="64" height="40""#))
        // {text, src, alt, caption, id}: the given id, alt and a Markdown caption.
        #expect(html.contains(#"id="cya""#))
        #expect(html.contains(#"alt="The check your answers page, with 3 answers" width="48" height="30""#))
        #expect(html.contains(#"<figcaption class="app-screenshots__caption"><p class="govuk-body">Users said the <strong>change</strong>"#))
        // {text, img: {src}}.
        #expect(html.contains(#"src="confirmation.png" alt="Screenshot of Confirmation" width="32" height="20""#))
        // No file: no size, still a figure.
        #expect(html.contains(#"src="missing-file.png" alt="Screenshot of Missing file" loading="lazy""#))
        // Each heading links to its own figure; the image links to the full-size file.
        #expect(html.contains(##"<h3 class="govuk-heading-m app-screenshots__title"><a class="govuk-link app-link--heading" href="#cya">"##))
        #expect(html.contains(#"<a class="app-screenshots__link" href="check.png">"#))
        // A list of groups: one section each, headed by its title.
        let groups = try #require(site.read("_site/section/groups/index.html"))
        #expect(groups.components(separatedBy: #"<section class="app-screenshots">"#).count == 3)
        #expect(groups.contains(#"<h2 class="govuk-heading-l app-screenshots__heading">Before</h2>"#))
        #expect(groups.contains(#"<h2 class="govuk-heading-l app-screenshots__heading">After</h2>"#))
        #expect(groups.contains(#"width="24" height="12""#))
        // appScreenshots in a body: the older {text, img} shape, slugified curly apostrophes.
        let compat = try #require(site.read("_site/section/compat/index.html"))
        #expect(compat.contains(#"id="child-s-details""#))
        #expect(compat.contains(#"src="02.png" alt="Screenshot of Child’s details" width="31" height="16""#))
    }

    @Test func pageTitlesCarryTheSuffixAndThePageNumber() throws {
        let (site, _) = try Self.build()
        defer { site.remove() }
        #expect(site.read("_site/section/index.html")?.contains("<title>A section - Fixture history</title>") == true)
        #expect(site.read("_site/section/page/2/index.html")?.contains("<title>A section (page 2 of 2) - Fixture history</title>") == true)
        #expect(site.read("_site/index.html")?.contains("<title>Fixture history</title>") == true)
    }

    @Test func feedIsAtomWithAbsoluteIDs() throws {
        let (site, _) = try Self.build()
        defer { site.remove() }
        let feed = try #require(site.read("_site/feed.xml"))
        let reader = AtomReader()
        let parser = XMLParser(data: Data(feed.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(reader.root == "feed")
        #expect(reader.namespace == "http://www.w3.org/2005/Atom")
        #expect(reader.entries == 3)
        #expect(reader.ids.allSatisfy { $0.hasPrefix("https://fixture.example.gov.uk/") })
        #expect(reader.ids.first == "https://fixture.example.gov.uk/")
        #expect(reader.ids.dropFirst().first == "https://fixture.example.gov.uk/section/compat/", "newest post first")
        let rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
        #expect(!reader.updated.isEmpty && reader.updated.allSatisfy { $0.wholeMatch(of: rfc3339) != nil })
    }

    /// Hosting under a sub-path: every site-absolute href, src, action and index URL of every page,
    /// and every URL of the feed, sitemap and search index, is under the prefix.
    @Test func aPathPrefixBuildLinksOnlyInsideThePrefix() throws {
        let (site, report) = try Self.build(prefix: "/prefix/")
        defer { site.remove() }
        #expect(report.errors == 0, "\(report.diagnostics)")
        let attribute = /(?:href|src|action|data-index)="([^"]*)"/
        var checked = 0
        for file in Self.renderedFiles(site) where file.hasSuffix(".html") {
            let html = try #require(site.read("_site/" + file))
            for match in html.matches(of: attribute) {
                let value = String(match.output.1)
                guard value.hasPrefix("/"), !value.hasPrefix("//") else { continue }
                checked += 1
                #expect(value.hasPrefix("/prefix/"), "\(file): \(value) is outside the prefix")
            }
        }
        #expect(checked > 100)
        let feed = try #require(site.read("_site/feed.xml"))
        for match in feed.matches(of: /(?:<id>|href=")(https?:\/\/[^<"]*)/) {
            #expect(match.output.1.hasPrefix("https://fixture.example.gov.uk/prefix/"), "feed: \(match.output.1)")
        }
        let sitemap = try #require(site.read("_site/sitemap.xml"))
        for match in sitemap.matches(of: /<loc>([^<]*)<\/loc>/) {
            #expect(match.output.1.hasPrefix("https://fixture.example.gov.uk/prefix/"), "sitemap: \(match.output.1)")
        }
        let index = try #require(site.read("_site/search-index.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(index.utf8)) as? [[String: Any]])
        #expect(!entries.isEmpty)
        for entry in entries {
            #expect((entry["url"] as? String)?.hasPrefix("/prefix/") == true, "search index: \(entry["url"] ?? "")")
        }
    }
}

/// Reads what the feed test needs from an Atom document.
private final class AtomReader: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var entries = 0
    var ids: [String] = []
    var updated: [String] = []
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name; namespace = namespaceURI }
        if name == "entry" { entries += 1 }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "id" { ids.append(text) }
        if name == "updated" { updated.append(text) }
    }
}

extension LayoutGoldenTests {
    /// Keyboard and screen-reader basics on every page: a skip link to `#main-content` first in the
    /// body, one `h1`, headings that never skip a level.
    @Test func pagesHaveASkipLinkAndALogicalHeadingOrder() throws {
        let (site, _) = try Self.build()
        defer { site.remove() }
        for file in Self.renderedFiles(site) where file.hasSuffix(".html") {
            let html = try #require(site.read("_site/" + file))
            let body = html.split(separator: "<body", maxSplits: 1).last.map(String.init) ?? ""
            let firstLink = body.firstMatch(of: /<a [^>]*>/).map { String($0.output) } ?? ""
            #expect(firstLink.contains(##"href="#main-content""##) && firstLink.contains("govuk-skip-link"), "\(file): \(firstLink)")
            #expect(html.contains(#"id="main-content""#), "\(file)")
            let levels = html.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.output.1) }
            #expect(levels.filter { $0 == 1 }.count == 1, "\(file): \(levels)")
            #expect(levels.first == 1, "\(file): \(levels)")
            for (previous, next) in zip(levels, levels.dropFirst()) {
                #expect(next <= previous + 1, "\(file): h\(previous) then h\(next) in \(levels)")
            }
        }
    }
}
