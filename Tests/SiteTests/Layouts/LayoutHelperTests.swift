import Foundation
import Templates
import Testing
@testable import Site

private let images = Bundle.module.url(forResource: "Fixtures/layouts/images", withExtension: nil)!

@Test func imageSizeReadsPNGAndGIFFiles() {
    #expect(ImageSize(contentsOf: images.appendingPathComponent("shot.png")) == ImageSize(width: 300, height: 200))
    #expect(ImageSize(contentsOf: images.appendingPathComponent("anim.gif")) == ImageSize(width: 7, height: 5))
    #expect(ImageSize(contentsOf: images.appendingPathComponent("missing.png")) == nil)
}

/// A JPEG whose frame header comes after an APP0 and a large APP1 (EXIF) segment, as cameras write.
@Test func imageSizeWalksJPEGSegmentsToTheFrameHeader() {
    var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0]
    bytes += [0xFF, 0xE1, 0x10, 0x02] + [UInt8](repeating: 0, count: 0x1000)
    bytes += [0xFF, 0xC2, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03] + [UInt8](repeating: 0, count: 9)
    #expect(ImageSize(header: bytes) == ImageSize(width: 800, height: 600))
    // A DHT segment (0xC4) is not a frame, even though its marker is in the SOF range.
    var huffmanFirst: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0, 0]
    huffmanFirst += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03] + [UInt8](repeating: 0, count: 9)
    #expect(ImageSize(header: huffmanFirst) == ImageSize(width: 32, height: 16))
}

@Test(arguments: [
    [UInt8](),
    [0x89, 0x50, 0x4E, 0x47],
    [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF],
    [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00],
    [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08],
    Array("GIF89a".utf8),
    Array("RIFF\0\0\0\0WEBPVP8L".utf8),
    Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
])
func imageSizeRejectsTruncatedAndUnknownHeaders(bytes: [UInt8]) {
    #expect(ImageSize(header: bytes) == nil)
}

@Test func imageSizeReadsWebP() {
    // VP8L: 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian.
    let bits: UInt32 = (99) | (49 << 14)
    let lossless = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8) + [0, 0, 0, 0, 0x2F]
        + [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF)]
    #expect(ImageSize(header: lossless) == ImageSize(width: 100, height: 50))
}

@Test(arguments: [
    ("shot.png", "/a/b/", "/a/b/shot.png"),
    ("shot.png", "/a/b", "/a/shot.png"),
    ("../c/shot.png?v=1#x", "/a/b/", "/a/c/shot.png"),
    ("/images/x%20y.png", "/a/", "/images/x y.png"),
    ("./shot.png", "/", "/shot.png"),
    ("../../shot.png", "/a/b/c", "/shot.png"),
    ("x/./y/../z.png", "//a//b/", "/a/b/x/z.png"),
    ("/images/shot.png#top", "/a/", "/images/shot.png"),
])
func sitePathResolvesLikeABrowser(src: String, page: String, expected: String) {
    #expect(SitePathResolver.sitePath(of: src, onPage: page) == expected)
}

@Test(arguments: ["https://example.com/a.png", "//cdn.example.com/a.png", "data:image/png;base64,AA", "../../x.png", "", "?v=1#top", "mailto:x@example.com"])
func sitePathRefusesWhatIsNotOnTheSite(src: String) {
    #expect(SitePathResolver.sitePath(of: src, onPage: "/a/") == nil)
}

@Test func resolverFindsFilesThroughPassthroughThenInput() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("resolver-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent("app/images/section/post"), withIntermediateDirectories: true)
    try fm.createDirectory(at: root.appendingPathComponent("app/documents"), withIntermediateDirectories: true)
    try fm.copyItem(at: images.appendingPathComponent("shot.png"), to: root.appendingPathComponent("app/images/section/post/01.png"))
    try Data("x".utf8).write(to: root.appendingPathComponent("app/documents/a.pdf"))
    try Data("y".utf8).write(to: root.appendingPathComponent("app/beside.png"))
    let resolver = SitePathResolver(
        passthrough: [(root.appendingPathComponent("app/images"), "."), (root.appendingPathComponent("app/documents"), "documents")],
        input: root.appendingPathComponent("app"))
    #expect(resolver.sourceFile(forSitePath: "/section/post/01.png")?.lastPathComponent == "01.png")
    #expect(resolver.sourceFile(forSitePath: "/documents/a.pdf")?.lastPathComponent == "a.pdf")
    #expect(resolver.sourceFile(forSitePath: "/beside.png")?.lastPathComponent == "beside.png")
    #expect(resolver.sourceFile(forSitePath: "/section/post") == nil)
    #expect(resolver.sourceFile(forSitePath: "/../app/beside.png") == nil)
    #expect(resolver.sourceFile(forSitePath: "/nothing.png") == nil)
    // The image-size cache looks files up by the same rules, building its paths its own way.
    let cache = ImageSizeCache(roots: resolver.sourceRoots)
    #expect(cache.size(forSitePath: "/section/post/01.png") == ImageSize(width: 300, height: 200))
    #expect(cache.size(forSitePath: "//section/post/01.png") == ImageSize(width: 300, height: 200))
    for path in ["/documents/a.pdf", "/beside.png", "/section/post", "/../app/beside.png", "/nothing.png", "/documents", "/documentsa.pdf", "/", ""] {
        // Found (but not an image) or not found, as the resolver finds it: neither has a size.
        #expect(cache.size(forSitePath: path) == nil, "\(path)")
    }
    try fm.copyItem(at: images.appendingPathComponent("shot.png"), to: root.appendingPathComponent("app/documents/shot.png"))
    #expect(cache.size(forSitePath: "/documents/shot.png") == ImageSize(width: 300, height: 200))
    #expect(cache.size(forSitePath: "/documentsshot.png") == nil)
}

@Test func imageSizeFilterReadsTheScreenshotOfAPage() throws {
    var environment = TemplateEnvironment()
    BuiltInLayouts.register(in: &environment, resolver: SitePathResolver(passthrough: [(images, "section")]))
    let filter = try #require(environment.filters["imageSize"])
    let size = try filter(.string("shot.png"), TemplateArguments(positional: [.string("/section/")]))
    #expect(size[member: "width"].stringValue == "300")
    #expect(size[member: "height"].stringValue == "200")
    let missing = try filter(.string("nothing.png"), TemplateArguments(positional: [.string("/section/")]))
    #expect(!missing.isTruthy)
}

@Test func builtInResourcesAreShipped() throws {
    let templates = try #require(BuiltInLayouts.templatesURL)
    for name in ["layouts/post.njk", "govuk/template.njk", "screenshots/macro.njk", "virtual/feed.njk"] {
        #expect(FileManager.default.fileExists(atPath: templates.appendingPathComponent(name).path), "\(name)")
    }
    let assets = try #require(BuiltInLayouts.assetsURL)
    #expect(FileManager.default.fileExists(atPath: assets.appendingPathComponent("assets/design-history.css").path))
    #expect(FileManager.default.fileExists(atPath: assets.appendingPathComponent("assets/search.js").path))
}

@Test func absoluteURLsJoinedWithoutFoundationAreWhatFoundationResolves() {
    let bases = ["https://example.gov.uk", "https://example.gov.uk/", "https://example.gov.uk/prefix/", "http://localhost:8080/a/b",
                 "https://example.gov.uk?x=1", "https://Example.gov.uk/", "ftp://example.gov.uk/", "https://user@example.gov.uk/"]
    let paths = ["/a/", "/section/post-1/", "/feed.xml", "/a/b/c.png", "/", "/a/./b/", "/a/../b/", "//cdn.example/x", "/a b/",
                 "/café/", "/a?q=1#f", "/.well-known/x", "/a%20b/", "relative/", "/~user/_x-y.z"]
    for base in bases {
        for path in paths {
            let url = LayoutFilters.encodeURL(path)
            if let joined = LayoutFilters.joinedSitePath(url, base: base) {
                #expect(joined == LayoutFilters.resolvedByFoundation(url, base: base), "\(path) on \(base)")
            }
            #expect(LayoutFilters.absoluteURL(path, base: base) == LayoutFilters.resolvedByFoundation(url, base: base), "\(path) on \(base)")
        }
    }
    #expect(LayoutFilters.joinedSitePath("/section/post-1/", base: "https://example.gov.uk/prefix/") == "https://example.gov.uk/section/post-1/")
}

@Test(arguments: ["https://x", "a://", "a:/b//", "://", "a:b", "mailto:x", "/path//x", "", "::/:/"])
func schemeSeparatorIsFoundAsContainsFindsIt(url: String) {
    #expect(LayoutFilters.hasSchemeSeparator(url) == url.contains("://"))
}

@Test func absoluteURLResolvesAgainstTheSiteURL() {
    #expect(LayoutFilters.absoluteURL("/prefix/feed.xml", base: "https://example.gov.uk/prefix/") == "https://example.gov.uk/prefix/feed.xml")
    #expect(LayoutFilters.absoluteURL("/a/", base: "https://example.gov.uk") == "https://example.gov.uk/a/")
    #expect(LayoutFilters.absoluteURL("https://other.example/x", base: "https://example.gov.uk/") == "https://other.example/x")
    #expect(LayoutFilters.absoluteURL("/a/", base: "") == "/a/")
}

@Test func rfc3339WritesUTC() {
    #expect(LayoutFilters.rfc3339(.date(Date(timeIntervalSince1970: 1_701_388_800))) == "2023-12-01T00:00:00Z")
    #expect(LayoutFilters.rfc3339(.string("2023-12-01")) == "2023-12-01T00:00:00Z")
    #expect(LayoutFilters.rfc3339(.string("2024-08-19T10:30:00+01:00")) == "2024-08-19T09:30:00Z")
    #expect(LayoutFilters.rfc3339(.string("not a date")) == nil)
    #expect(LayoutFilters.rfc3339(.undefined) == nil)
    #expect(LayoutFilters.rfc3339(.date(Date(timeIntervalSince1970: -1))) == "1969-12-31T23:59:59Z")
    #expect(LayoutFilters.rfc3339(.string(" \t2023-12-01T09:05:07Z ")) == "2023-12-01T09:05:07Z")
    #expect(LayoutFilters.rfc3339(.string("\u{A0}2023-12-01\u{A0}")) == "2023-12-01T00:00:00Z")
    // Years beyond four digits, and before year 0, are written in full.
    #expect(LayoutFilters.rfc3339(.date(Date(timeIntervalSince1970: 253_402_300_800))) == "10000-01-01T00:00:00Z")
    #expect(LayoutFilters.rfc3339(.date(Date(timeIntervalSince1970: -62_167_219_200))) == "0000-01-01T00:00:00Z")
    #expect(LayoutFilters.rfc3339(.date(Date(timeIntervalSince1970: -62_198_755_200))) == "-1-01-01T00:00:00Z")
    #expect(LayoutFilters.rfc3339(.string("2024-02-29T23:59:59-00:30")) == "2024-03-01T00:29:59Z")
    #expect(LayoutFilters.rfc3339(.string("1900-03-01")) == "1900-03-01T00:00:00Z")
    #expect(LayoutFilters.rfc3339(.number(.infinity)) == nil)
    #expect(LayoutFilters.rfc3339(.number(1e300)) == nil)
}

/// The arithmetic calendar agrees with Foundation's on every day from 1600 to 2400.
@Test func civilDatesMatchFoundation() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for days in stride(from: -135_000, through: 157_000, by: 1) {
        let (y, m, d) = CivilDate.fromDays(days)
        #expect(CivilDate.days(year: y, month: m, day: d) == days)
        if days % 997 == 0 {
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect(c.year == y && c.month == m && c.day == d, "\(days)")
        }
    }
}

@Test func searchTokensAreTheWordsOfTheText() {
    let tokens = LayoutFilters.searchTokens("<h2 id=\"x\">What’s new</h2><p class=\"govuk-body\">DfE Sign-in &amp; GOV.UK One Login, new a</p>")
    #expect(tokens == ["whats", "new", "dfe", "sign", "in", "gov", "uk", "one", "login"])
}

private func page(_ url: String, date: String, layout: String = "post", tags: TemplateValue = .undefined) -> TemplateValue {
    .object(TemplateObject([
        ("url", .string(url)), ("date", .string(date)),
        ("data", .object(TemplateObject([("layout", .string(layout)), ("tags", tags), ("title", .string(url))]))),
    ]))
}

@Test func postsAreNewestFirstAndOnlyPosts() {
    let pages = TemplateValue.array([
        page("/old/", date: "2020-01-01"), page("/section/", date: "2000-01-01", layout: "collection"),
        page("/new/", date: "2024-08-19"), page("/mid/", date: "2023-12-01"),
    ])
    #expect(LayoutFilters.posts(pages).map { $0[member: "url"].stringValue } == ["/new/", "/mid/", "/old/"])
    #expect(LayoutFilters.posts(pages, limit: 1).map { $0[member: "url"].stringValue } == ["/new/"])
}

@Test func tagIndexCollectsTagsFromStringsAndLists() {
    let pages = TemplateValue.array([
        page("/a/", date: "2020-01-01", tags: .array([.string("users"), .string("DfE Sign-in")])),
        page("/b/", date: "2020-01-02", tags: .string("users")),
        page("/c/", date: "2020-01-03"),
    ])
    let index = LayoutFilters.tagIndex(pages)
    #expect(index.map { $0[member: "name"].stringValue } == ["DfE Sign-in", "users"])
    #expect(index.map { $0[member: "count"].stringValue } == ["1", "2"])
}

@Test func screenshotGroupsAcceptEveryItemShape() {
    let items: TemplateValue = .array([
        .string("Bare title"),
        .object(TemplateObject([("text", .string("Full")), ("src", .string("full.png")), ("alt", .string("Alt")),
                                ("caption", .string("*Caption*")), ("id", .string("my-id"))])),
        .object(TemplateObject([("text", .string("Older")), ("img", .object(TemplateObject([("src", .string("older.png"))])))])),
        .object(TemplateObject([("src", .string("folder/only-a-file.png"))])),
        .null,
    ])
    let one = ScreenshotGroups.normalise(.object(TemplateObject([("title", .string("Group")), ("items", items)])))
    #expect(one.count == 1)
    #expect(one[0][member: "title"].stringValue == "Group")
    guard case .array(let normalised) = one[0][member: "items"] else { Issue.record("no items"); return }
    #expect(normalised.map { $0[member: "title"].stringValue } == ["Bare title", "Full", "Older", "only-a-file"])
    #expect(normalised.map { $0[member: "src"].stringValue } == ["", "full.png", "older.png", "folder/only-a-file.png"])
    #expect(normalised[1][member: "id"].stringValue == "my-id")
    #expect(normalised[1][member: "caption"].stringValue == "*Caption*")

    let groups = ScreenshotGroups.normalise(.array([
        .object(TemplateObject([("title", .string("One")), ("items", .array([.string("a")]))])),
        .object(TemplateObject([("title", .string("Two")), ("items", .array([.string("b"), .string("c")]))])),
    ]))
    #expect(groups.map { $0[member: "title"].stringValue } == ["One", "Two"])
    #expect(ScreenshotGroups.normalise(.array([.string("a"), .string("b")])).count == 1)
    #expect(ScreenshotGroups.normalise(.undefined).isEmpty)
}

@Test func searchIndexIsJSONWithPrefixedURLs() throws {
    let pages = TemplateValue.array([
        .object(TemplateObject([
            ("url", .string("/ecf-v2/exploring/")), ("date", .string("2024-08-19")),
            ("templateContent", .string("<p>DfE Sign-in \"quoted\"</p>")),
            ("data", .object(TemplateObject([
                ("title", .string("Exploring </script>")), ("description", .string("Line\nbreak")),
                ("eleventyNavigation", .object(TemplateObject([("parent", .string("ECF"))]))),
            ]))),
        ])),
        .object(TemplateObject([("url", .bool(false)), ("data", .object(TemplateObject([("title", .string("No URL"))])))])),
    ])
    let json = LayoutFilters.searchIndexJSON(pages, prefix: "/prefix/")
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    #expect(parsed.count == 1)
    #expect(parsed[0]["url"] as? String == "/prefix/ecf-v2/exploring/")
    #expect(parsed[0]["title"] as? String == "Exploring </script>")
    #expect(parsed[0]["section"] as? String == "ECF")
    #expect(parsed[0]["date"] as? String == "2024-08-19")
    #expect(parsed[0]["tokens"] as? [String] == ["dfe", "sign", "in", "quoted"])
    #expect(!json.contains("</script>"))
}

@Test func jsonStringEscapesAsDumpDoesAndEscapesAngleBrackets() {
    #expect(LayoutFilters.jsonString("plain") == "\"plain\"")
    #expect(LayoutFilters.jsonString("a \"q\" \\ b") == #""a \"q\" \\ b""#)
    #expect(LayoutFilters.jsonString("\n\r\t\u{08}\u{0C}\u{01}\u{1F}") == #""\n\r\t\b\f\u0001\u001f""#)
    #expect(LayoutFilters.jsonString("</script> café ’ \u{2028}") == "\"\\u003c/script> café ’ \u{2028}\"")
    // The same escapes as the engine's JSON writer, which `dump` uses.
    let sample = "x\u{7F}\u{00}<y>\"é\\"
    #expect(LayoutFilters.jsonString(sample) == TemplateValue.string(sample).json()?.replacingOccurrences(of: "<", with: "\\u003c"))
}

@Test func searchTokensJSONListsEachWordOnceAsSearchTokensDoes() {
    let many = (0..<500).map { "word\($0 % 300) Ünïcode\($0 % 7) " }.joined()
    for html in ["<p>The the THE cat’s “hat” &amp; the cat</p>", "Café CAFÉ café école École x y zz", many, "", "a b c"] {
        let tokens = LayoutFilters.searchTokens(html)
        #expect(LayoutFilters.searchTokensJSON(html) == "[" + tokens.map(LayoutFilters.jsonString).joined(separator: ",") + "]")
    }
    #expect(LayoutFilters.searchTokens(many).count == 300 + 7)
    #expect(LayoutFilters.searchTokens("<p>The the THE cat’s “hat” &amp; the cat</p>") == ["the", "cats", "hat", "cat"])
}

@Test func relatedSectionsDropWhatRealPostsLeaveBlank() {
    let blank = TemplateValue.object(TemplateObject([("items", .null)]))
    #expect(LayoutFilters.relatedSections(blank).isEmpty)
    let emptyText = TemplateValue.object(TemplateObject([("items", .array([.object(TemplateObject([("text", .null)]))]))]))
    #expect(LayoutFilters.relatedSections(emptyText).isEmpty)
    let sections = TemplateValue.object(TemplateObject([("sections", .array([
        .object(TemplateObject([("title", .string("Research")), ("items", .array([.object(TemplateObject([("text", .string("A")), ("href", .string("/a/"))]))]))])),
        .object(TemplateObject([("title", .string("Empty")), ("items", .array([]))])),
    ]))]))
    #expect(LayoutFilters.relatedSections(sections).map { $0[member: "title"].stringValue } == ["Research"])
}

@Test(arguments: [
    ("/section/", "/prefix/", "/prefix/section/"),
    ("/prefix/section/", "/prefix/", "/prefix/section/"),
    ("/prefix", "/prefix/", "/prefix"),
    ("/", "/prefix/", "/prefix/"),
    ("section/", "/prefix/", "section/"),
    ("https://example.gov.uk/", "/prefix/", "https://example.gov.uk/"),
    ("//cdn.example/x", "/prefix/", "//cdn.example/x"),
    ("/section/", "/", "/section/"),
])
func prefixURLAddsThePrefixOnce(url: String, prefix: String, expected: String) {
    #expect(LayoutFilters.prefixURL(url, pathPrefix: prefix) == expected)
}

@Test(arguments: [
    ("/ecf-v2/building a CSV bulk upload feature/", "/ecf-v2/building%20a%20CSV%20bulk%20upload%20feature/"),
    ("Who do you want to add - GOV.UK.png", "Who%20do%20you%20want%20to%20add%20-%20GOV.UK.png"),
    ("/a%20b/?q=x&y=\"z\"#frag", "/a%20b/?q=x&y=%22z%22#frag"),
    ("/100%/", "/100%25/"),
    ("/café/", "/café/"),
])
func encodeURLMakesAttributeValuesValid(url: String, expected: String) {
    #expect(LayoutFilters.encodeURL(url) == expected)
}

@Test func screenshotIdsAreUniqueAndFilesDefaultToTheSlug() {
    let slugify: (String) -> String = { $0.lowercased().replacingOccurrences(of: " ", with: "-") }
    let groups = ScreenshotGroups.normalise(.array([.string("Your school"), .string("Your school"),
        .object(TemplateObject([("text", .string("Your school")), ("src", .string("own.png"))])), .string("Other")]), slugify: slugify)
    guard case .array(let items) = groups.first?[member: "items"] ?? .undefined else { Issue.record("no items"); return }
    #expect(items.map { $0[member: "id"].stringValue } == ["your-school", "your-school-1", "your-school-2", "other"])
    #expect(items.map { $0[member: "src"].stringValue } == ["your-school.png", "your-school.png", "own.png", "other.png"])
}

@Test func screenshotIdsAvoidTheIdsThePageAlreadyHas() {
    let reserved = ScreenshotGroups.ids(inHTML: #"<h2 id="multiple-registrations" class="govuk-heading-l">Multiple registrations</h2><p id="x">"#)
    #expect(reserved == ["multiple-registrations", "x"])
    let groups = ScreenshotGroups.normalise(.array([.string("multiple-registrations")]), slugify: { $0 }, reserved: reserved)
    #expect(groups.first?[member: "items"][member: "0"][member: "id"].stringValue == "multiple-registrations-1")
    #expect(groups.first?[member: "items"][member: "0"][member: "src"].stringValue == "multiple-registrations.png")
}

@Test func searchTokensHandleUnicodeAndPunctuation() {
    #expect(LayoutFilters.searchTokens("Café “quoted” – École’s\u{00A0}naïve <b>BOLD</b>&nbsp;x") == ["café", "quoted", "écoles", "naïve", "bold"])
}

/// `serve` keeps one environment: a screenshot replaced between builds gets its new size.
@Test func imageSizeFilterSeesAReplacedFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("image-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var environment = TemplateEnvironment()
    BuiltInLayouts.register(in: &environment, resolver: SitePathResolver(passthrough: [(folder, ".")]))
    let filter = try #require(environment.filters["imageSize"])
    let arguments = TemplateArguments(positional: [.string("/")])
    #expect(!(try filter(.string("shot.png"), arguments)).isTruthy, "no file yet")
    try FileManager.default.copyItem(at: images.appendingPathComponent("sign-in.png"), to: folder.appendingPathComponent("shot.png"))
    #expect(try filter(.string("shot.png"), arguments)[member: "width"].stringValue == "64")
    try FileManager.default.removeItem(at: folder.appendingPathComponent("shot.png"))
    try FileManager.default.copyItem(at: images.appendingPathComponent("shot.png"), to: folder.appendingPathComponent("shot.png"))
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(10)], ofItemAtPath: folder.appendingPathComponent("shot.png").path)
    #expect(try filter(.string("shot.png"), arguments)[member: "width"].stringValue == "300")
}

@Test func prefixLinksPutsAuthorsLinksUnderThePrefix() {
    let html = #"<a class="govuk-link" href="/ecf-v2/">x</a> <img src="/images/a.png" alt=""> <a href="/prefix/done/">y</a> <a href="//cdn.example/x">z</a> <a href="https://gov.uk/">w</a> <a href="rel/">v</a> <A HREF="/upper/">u</A>"#
    let expected = #"<a class="govuk-link" href="/prefix/ecf-v2/">x</a> <img src="/prefix/images/a.png" alt=""> <a href="/prefix/done/">y</a> <a href="//cdn.example/x">z</a> <a href="https://gov.uk/">w</a> <a href="rel/">v</a> <A HREF="/prefix/upper/">u</A>"#
    #expect(LayoutFilters.prefixLinks(html, pathPrefix: "/prefix/") == expected)
    #expect(LayoutFilters.prefixLinks(html, pathPrefix: "/") == html)
}

@Test(arguments: [
    ("/x/", "/sub/", "/sub/x/"), ("/", "/sub/", "/sub/"), ("//cdn.example/x", "/sub/", "//cdn.example/x"), ("x/", "/sub/", "x/"),
    ("", "/sub/", ""), ("/x/", "/", "/x/"), ("https://example.gov.uk/", "/sub/", "https://example.gov.uk/"),
    ("/\u{301}x", "/sub/", "/\u{301}x"), ("/é/", "/sub/", "/sub/é/"), ("/a\u{301}/", "/sub/", "/sub/a\u{301}/"),
])
func urlFilterPrefixesSiteAbsoluteURLsAsCharacterComparisonDoes(url: String, prefix: String, expected: String) {
    #expect(SiteRenderer.url(url, pathPrefix: prefix) == expected)
    // The byte check answers as the comparison of characters that it replaced.
    #expect(SiteRenderer.needsPrefix(url, pathPrefix: prefix) == (url.hasPrefix("/") && !url.hasPrefix("//") && prefix != "/"))
}

@Test(arguments: ["/a/b/", "/a b/", "/a%20b/", "/100%/", "/x?q=<b>", "/{x}|^`\\", "/café/", "", "/\u{7F}"])
func encodeURLChangesOnlyWhatTheQuickCheckFlags(url: String) {
    if !LayoutFilters.mayNeedEncoding(url) { #expect(LayoutFilters.encodeURL(url) == url) }
    #expect(LayoutFilters.encodeURL("/a b/") == "/a%20b/")
    #expect(LayoutFilters.encodeURL("/100%/") == "/100%25/")
}

/// `ids(inHTML:)` finds what a regular expression finds, on pseudo-random fragments made of the
/// pieces that matter (` id="`, quotes, `=`, spaces) and on the edges of the text.
@Test func screenshotReservedIdsAreWhatARegularExpressionFinds() {
    let pieces = [" id=\"", "\"", "=", " ", "id", "i", "d", "a-b", " id=", "<h2", ">", "é"]
    var state: UInt64 = 7
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33)
    }
    var texts = ["", " id=\"", " id=\"x\"", " id=\"\"", "id=\"x\"", " id=\"x", #"<h2 id="a">A</h2><p id="b" class="c">"#]
    for _ in 0..<2_000 { texts.append((0..<(1 + next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()) }
    for text in texts {
        let expected = Set(text.matches(of: #/ id="([^"]*)"/#).map { String($0.output.1) })
        #expect(ScreenshotGroups.ids(inHTML: text) == expected, "\(text)")
    }
}

/// Files of every length around the first read (64 bytes), and a JPEG whose frame header is far
/// past it, are sized through the filter's cache as `ImageSize(header:)` sizes their bytes.
@Test func imageSizeCacheReadsWholeHeadersFromFiles() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("image-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    var jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x10, 0x02] + [UInt8](repeating: 0, count: 0x1000)
    jpeg += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03] + [UInt8](repeating: 0, count: 9)
    let png = try Data(contentsOf: images.appendingPathComponent("shot.png"))
    var files: [String: [UInt8]] = ["deep.jpg": jpeg, "empty.png": [], "short.jpg": [0xFF, 0xD8]]
    for length in [24, 33, 63, 64, 65] { files["png-\(length).png"] = Array(png.prefix(length)) }
    for (name, bytes) in files { try Data(bytes).write(to: root.appendingPathComponent(name)) }
    let resolver = SitePathResolver(passthrough: [(root, ".")])
    let cache = ImageSizeCache(roots: resolver.sourceRoots)
    for (name, bytes) in files {
        #expect(cache.size(forSitePath: "/" + name) == ImageSize(header: bytes), "\(name)")
    }
    #expect(cache.size(forSitePath: "/deep.jpg") == ImageSize(width: 800, height: 600))
}

@Test func screenshotIdsSkipSuffixesAlreadyTakenAndKeepTheirKeyOrder() {
    let groups = ScreenshotGroups.normalise(.array([.string("a"), .string("a-1"), .string("a"), .string("a"),
        .object(TemplateObject([("text", .string("b")), ("src", .string("b.png")), ("caption", .string("C"))]))]), slugify: { $0 })
    guard case .array(let items) = groups.first?[member: "items"] ?? .undefined else { Issue.record("no items"); return }
    #expect(items.map { $0[member: "id"].stringValue } == ["a", "a-1", "a-2", "a-3", "b"])
    // Keys in the order the component's `dump` and loops see them: the item's own, then what naming adds.
    let keys = items.map { item -> [String] in if case .object(let object) = item { return object.keys } else { return [] } }
    #expect(keys.first == ["title", "id", "src"])
    #expect(keys.last == ["title", "src", "caption", "id"])
}

@Test func encodeURLQuickCheckFlagsExactlyTheBytesEncodingMayChange() {
    for scalar in (0..<128).compactMap(Unicode.Scalar.init) {
        let url = "/a" + String(Character(scalar)) + "b"
        let b = UInt8(scalar.value)
        let unsafe = b <= 32 || b == 127 || b == 34 || b == 60 || b == 62 || b == 92 || b == 94 || b == 96 || (123...125).contains(b) || b == 37
        // Every byte that encoding changes is flagged, and `%` too (it may or may not start an escape).
        if unsafe { #expect(LayoutFilters.mayNeedEncoding(url), "\(b)") }
        if !LayoutFilters.mayNeedEncoding(url) { #expect(LayoutFilters.encodeURL(url) == url, "\(b)") }
    }
    #expect(!LayoutFilters.mayNeedEncoding("/café/ü"))
}

/// Strings copied whole (nothing to escape) and strings escaped byte by byte give what the engine's
/// escaping gives, for every ASCII character and a few others.
@Test func jsonStringCopiesOnlyWhatNeedsNoEscape() {
    var texts = (0..<128).compactMap(Unicode.Scalar.init).map { "a" + String(Character($0)) + "b" }
    texts += ["", "Post 1 about signing in", "/section/post-1/", "2024-01-01", "café ’ \u{2028}", "\u{7F}"]
    for text in texts {
        var engine: [UInt8] = []
        TemplateValue.appendJSONString(text, to: &engine, escapingLessThan: true)
        #expect(LayoutFilters.jsonString(text) == String(decoding: engine, as: UTF8.self), "\(text.unicodeScalars.map(\.value))")
    }
}

/// Past a few dozen ids the taken ids move from a list to a table: the suffixes go on as before.
@Test func screenshotIdsStayUniqueOnAPageOfManyIds() {
    let reserved = (0..<20).map { "h-\($0)" } + ["a", "a"]
    let items: [TemplateValue] = (0..<40).map { .string("a-\($0 % 3)") } + [.string("a"), .string("h-19"), .string("a")]
    let groups = ScreenshotGroups.normalise(.array(items), slugify: { $0 }, reservedIds: reserved)
    guard case .array(let named) = groups.first?[member: "items"] ?? .undefined else { Issue.record("no items"); return }
    let ids = named.map { $0[member: "id"].stringValue }
    #expect(Set(ids).count == ids.count)
    #expect(Set(ids).isDisjoint(with: reserved))
    #expect(Array(ids.prefix(6)) == ["a-0", "a-1", "a-2", "a-0-1", "a-1-1", "a-2-1"])
    #expect(Array(ids.suffix(3)) == ["a-3", "h-19-1", "a-4"])
    // The same names as with the page's ids in a set.
    let fromSet = ScreenshotGroups.normalise(.array(items), slugify: { $0 }, reserved: Set(reserved))
    #expect((fromSet.first?[member: "items"] ?? .undefined).json() == (groups.first?[member: "items"] ?? .undefined).json())
}

/// An item with its own id keeps it first after its title, as naming it in place kept it.
@Test func screenshotItemsWithTheirOwnIdKeepItBeforeTheirFile() {
    let groups = ScreenshotGroups.normalise(.array([
        .object(TemplateObject([("text", .string("T")), ("id", .string("own")), ("alt", .string("A"))])),
        .object(TemplateObject([("text", .string("T")), ("id", .string("own")), ("img", .object(TemplateObject([("src", .string("i.png"))])))])),
    ]), slugify: { $0 })
    guard case .array(let items) = groups.first?[member: "items"] ?? .undefined else { Issue.record("no items"); return }
    let keys = items.map { item -> [String] in if case .object(let object) = item { return object.keys } else { return [] } }
    #expect(keys == [["title", "id", "alt", "src"], ["title", "id", "src"]])
    #expect(items.map { $0[member: "id"].stringValue } == ["own", "own-1"])
    #expect(items.map { $0[member: "src"].stringValue } == ["own.png", "i.png"])
}

/// All-ASCII pages take the JSON path that copies and compares words eight bytes at a time: words
/// of every length around eight and sixteen, words equal in their first eight bytes, repeats, and a
/// word that ends the page give the tokens `searchTokens` finds.
@Test func asciiSearchTokensJSONAgreesAroundEightByteWords() {
    let stems = (1...20).map { String(repeating: "abcdefghijklmnopqrstu", count: 1).prefix($0) }.map(String.init)
    let similar = ["abcdefgh1", "abcdefgh2", "abcdefgh", "abcdefghi", "abcdefgx", "xbcdefgh"]
    let words = stems + similar + stems.reversed() + similar.map { $0.uppercased() }
    for separator in [" ", "<br>", ", ", "&amp;"] {
        for html in [words.joined(separator: separator), words.joined(separator: separator) + separator, "zz", "a", "abcdefghijklmnop"] {
            let tokens = LayoutFilters.searchTokens(html)
            #expect(LayoutFilters.searchTokensJSON(html) == "[" + tokens.map(LayoutFilters.jsonString).joined(separator: ",") + "]", "\(html)")
        }
    }
    // `abcdefgh` and `abcdefghi` are stems already; single letters are dropped.
    #expect(LayoutFilters.searchTokens(words.joined(separator: " ")) == Array(stems.dropFirst()) + ["abcdefgh1", "abcdefgh2", "abcdefgx", "xbcdefgh"])
}

/// The search index's day of a page is the first ten bytes of its RFC 3339 date, for every kind of
/// date value and years beyond four digits.
@Test func rfc3339DayIsTheDayOfTheRFC3339Date() {
    let values: [TemplateValue] = [
        .date(Date(timeIntervalSince1970: 0)), .date(Date(timeIntervalSince1970: 1_701_388_800.5)), .date(Date(timeIntervalSince1970: -1)),
        .string("2023-12-01"), .string("2023-12-01T23:30:00-02:00"), .number(1_701_388_800_000), .date(Date(timeIntervalSince1970: 400_000_000_000)),
        .date(Date(timeIntervalSince1970: -70_000_000_000)), .string("not a date"), .undefined,
    ]
    for value in values {
        #expect(LayoutFilters.rfc3339Day(value) == LayoutFilters.rfc3339(value).map { String($0.prefix(10)) }, "\(value)")
    }
    #expect(LayoutFilters.rfc3339Day(.string("2023-12-01T23:30:00-02:00")) == "2023-12-02")
}

/// The `encodeUrl` filter gives a string that needs nothing back as it is, and encodes the rest,
/// safe strings and other values included, as `encodeURL` does.
@Test func encodeUrlFilterReturnsPlainURLsAsTheyAre() throws {
    var environment = TemplateEnvironment()
    BuiltInLayouts.register(in: &environment, resolver: SitePathResolver(passthrough: []))
    let filter = try #require(environment.filters["encodeUrl"])
    let cases: [(TemplateValue, String)] = [(.string("/ok/"), "/ok/"), (.string("/a b/"), "/a%20b/"), (.safe("/a b/"), "/a%20b/"),
                                            (.safe("/ok/"), "/ok/"), (.number(5), "5"), (.string("/100%/"), "/100%25/"), (.undefined, "")]
    for (value, expected) in cases {
        let result = try filter(value, TemplateArguments())
        guard case .string(let text) = result else { Issue.record("not a plain string: \(result)"); continue }
        #expect(text == expected, "\(value)")
    }
}

/// A screenshot that is a named pipe has no size and does not stop the build: opening it must not
/// wait for a writer that never comes.
@Test func aNamedPipeHasNoSizeAndDoesNotHang() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let images = root.appendingPathComponent("app/images")
    try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
    try #require(mkfifo(images.appendingPathComponent("pipe.png").path, 0o644) == 0)
    let resolver = SitePathResolver(passthrough: [(images, ".")], input: root.appendingPathComponent("app"))
    let cache = ImageSizeCache(roots: resolver.sourceRoots)
    let done = DispatchSemaphore(value: 0)
    let found = LockedBox<ImageSize?>(ImageSize(width: 1, height: 1))
    Thread.detachNewThread {
        found.value = cache.size(forSitePath: "/pipe.png")
        _ = ImageSize(contentsOf: images.appendingPathComponent("pipe.png"))
        done.signal()
    }
    #expect(done.wait(timeout: .now() + 10) == .success, "looking a named pipe up did not return")
    #expect(found.value == nil)
}

/// A value set on one thread and read on another.
private final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
