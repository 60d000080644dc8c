import Foundation
import Templates
import Testing
@testable import Site

/// `screenshotGroups` hands each item what the screenshots component writes (`url`, `width`,
/// `height`, `titleHtml`, `altHtml`, `captionHtml`); each field must be what the template
/// expression it replaced gives, for awkward items, with and without a path prefix and autoescape.
@Suite struct ScreenshotPresentationTests {
    /// Items of every shape, with characters to escape, a file name with a space, a safe alt, a
    /// number for a title, captions with and without Markdown, an item with only a file.
    static let items = """
    [
      "Sign in <now> & \\"then\\" 'later'",
      42,
      { text: "Choose", src: "shot.png", caption: "Users with *more than one* organisation <b>choose</b>." },
      { text: "Spaced", src: "with space.png", alt: "An <alt> & more" },
      { text: "Safe alt", img: { src: "shot.png", alt: "<em>kept</em>" | safe }, caption: "Plain." },
      { src: "folder/only-a-file.png" },
      { text: "Own id", id: "own", caption: "  " },
      { text: "Elsewhere", src: "/section/shot.png" },
      { text: "Full", src: "https://example.gov.uk/x y.png" }
    ]
    """

    /// Each field's expression as the component wrote it before the fields, one item a line.
    static let expressions = """
    {%- set items = \(items) -%}
    {%- for group in items | screenshotGroups("", page.url) %}{% for item in group.items -%}
    {%- set itemId = item.id or (item.title | slugify) -%}
    {%- set src = item.src or (itemId ~ ".png") -%}
    {%- set size = src | imageSize(page.url) -%}
    [{{ src | url | encodeUrl }}][{{ size.width }}x{{ size.height }}][{{ item.title | escape }}]\
    [{{ (item.alt or ('Screenshot of ' ~ item.title)) | escape }}][{{ (item.caption | markdown) if item.caption }}]
    {% endfor %}{% endfor -%}
    """

    /// The same, from the fields.
    static let fields = """
    {%- set items = \(items) -%}
    {%- for group in items | screenshotGroups("", page.url) %}{% for item in group.items -%}
    [{{ item.url }}][{{ item.width }}x{{ item.height }}][{{ item.titleHtml }}]\
    [{{ item.altHtml }}][{{ item.captionHtml if item.caption }}]
    {% endfor %}{% endfor -%}
    """

    static func render(_ template: String, pathPrefix: String, autoescape: Bool) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("screenshot-presentation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let section = root.appendingPathComponent("Content/images/section")
        try FileManager.default.createDirectory(at: section.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let shot = try Data(contentsOf: try #require(Bundle.module.url(forResource: "Fixtures/layouts/images/shot.png", withExtension: nil)))
        for name in ["shot.png", "with space.png", "folder/only-a-file.png"] {
            try shot.write(to: section.appendingPathComponent(name))
        }
        var configuration = SiteConfiguration(root: root)
        configuration.options["pathPrefix"] = .string(pathPrefix)
        configuration.autoescape = autoescape
        let environment = SiteRenderer(configuration: configuration).environment
        let context = TemplateObject([("page", .object(TemplateObject([("url", .string("/section/"))])))])
        return try environment.render(source: template, path: "test.njk", context: context)
    }

    @Test(arguments: [("/", false), ("/", true), ("/prefix/", false), ("/prefix/", true)])
    func fieldsAreWhatTheirExpressionsGive(pathPrefix: String, autoescape: Bool) throws {
        let expected = try Self.render(Self.expressions, pathPrefix: pathPrefix, autoescape: autoescape)
        let output = try Self.render(Self.fields, pathPrefix: pathPrefix, autoescape: autoescape)
        #expect(output == expected)
        // There was something to compare: sizes found, file names encoded, titles escaped, a safe
        // alt kept, a caption's Markdown rendered, the path prefix applied.
        #expect(output.components(separatedBy: "[300x200]").count == 6)
        #expect(output.contains("with%20space.png"))
        #expect(output.contains("&lt;now&gt;"))
        #expect(output.contains("<em>kept</em>"))
        #expect(output.contains("<em>more than one</em>"))
        if pathPrefix != "/" { #expect(output.contains("[/prefix/section/shot.png]")) }
    }

    /// Without the page's URL (an override calling the filter as before), items have no size fields.
    @Test func noPageNoSize() throws {
        let environment = SiteRenderer(configuration: SiteConfiguration(root: FileManager.default.temporaryDirectory)).environment
        let filter = try #require(environment.filters["screenshotGroups"])
        let groups = try filter(.array([.string("A title")]), TemplateArguments(positional: [.string("")]))
        guard case .array(let list) = groups, case .array(let items) = list.first?[member: "items"], let item = items.first else {
            Issue.record("no item in \(groups)")
            return
        }
        #expect(item[member: "id"].stringValue == "a-title")
        #expect(item[member: "src"].stringValue == "a-title.png")
        #expect(item[member: "url"].stringValue == "a-title.png")
        #expect(item[member: "altHtml"].stringValue == "Screenshot of A title")
        #expect(!item[member: "width"].isTruthy)
        #expect(!item[member: "captionHtml"].isTruthy)
    }
}
