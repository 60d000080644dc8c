import Foundation
import Templates
import Testing
@testable import Site

/// `tagLinks` gives each tag what the metadata component writes of it; each field must be what the
/// expression it replaced gives, for awkward tags, with and without a path prefix and autoescape.
@Suite struct TagLinksTests {
    static let tags = #"["Research & design", "Café", 42, "Café", "with  space", "<b>bold</b>" | safe, "it's \"quoted\"", "", "a/b?c#d"]"#

    static func render(_ body: String, pathPrefix: String, autoescape: Bool) throws -> String {
        var configuration = SiteConfiguration(root: FileManager.default.temporaryDirectory)
        configuration.options["pathPrefix"] = .string(pathPrefix)
        configuration.autoescape = autoescape
        let environment = SiteRenderer(configuration: configuration).environment
        return try environment.render(source: "{%- set tags = \(tags) -%}" + body, path: "test.njk", context: TemplateObject())
    }

    @Test(arguments: [("/", false), ("/", true), ("/prefix/", false), ("/prefix/", true)])
    func fieldsAreWhatTheirExpressionsGive(pathPrefix: String, autoescape: Bool) throws {
        let expected = try Self.render("""
        {% for tag in tags | asList %}[{{ ('/tags/' ~ (tag | slugify) ~ '/') | url | encodeUrl }}][{{ tag | escape }}]
        {% endfor %}
        """, pathPrefix: pathPrefix, autoescape: autoescape)
        let output = try Self.render("""
        {% for tag in tags | tagLinks %}[{{ tag.href }}][{{ tag.html }}]
        {% endfor %}
        """, pathPrefix: pathPrefix, autoescape: autoescape)
        #expect(output == expected)
        #expect(output.contains("[Research &amp; design]"))
        #expect(output.contains("[<b>bold</b>]"))
        #expect(output.contains("[" + pathPrefix + "tags/research-and-design/]"))
    }

    /// A tag's link is made once an environment: the next post with the tag reuses it (a string
    /// tag is slugified once), while a tag that is not a plain string is made every time.
    @Test func aTagSeenBeforeIsNotMadeAgain() {
        let cache = TagLinkCache()
        var slugified: [String] = []
        func links(_ tags: TemplateValue) -> [String] {
            LayoutFilters.tagLinks(tags, pathPrefix: "/", cache: cache) { tag in
                slugified.append(tag.stringValue)
                return tag.stringValue.lowercased()
            }.map { $0[member: "href"].stringValue }
        }
        #expect(links(.array([.string("Beta"), .string("Alpha")])) == ["/tags/beta/", "/tags/alpha/"])
        #expect(links(.array([.string("Alpha"), .safe("Beta"), .string("Gamma")])) == ["/tags/alpha/", "/tags/beta/", "/tags/gamma/"])
        #expect(slugified == ["Beta", "Alpha", "Beta", "Gamma"])
    }

    @Test func aStringIsOneTagAndNothingIsNone() throws {
        let one = try Self.render("{% for tag in 'Solo' | tagLinks %}{{ tag.href }}{% endfor %}", pathPrefix: "/", autoescape: false)
        #expect(one == "/tags/solo/")
        let none = try Self.render("{{ (missing | tagLinks).length }}", pathPrefix: "/", autoescape: false)
        #expect(none == "0")
    }
}
