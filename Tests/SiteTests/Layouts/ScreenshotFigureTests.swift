import Foundation
import Templates
import Testing
@testable import Site

/// A screenshot's figure as the screenshots macro's Nunjucks wrote it before `screenshotFigure`.
private let figureTemplate = """
{% for item in items %}
{%- set itemId = item.id or (item.title | slugify) -%}
{%- set src = item.src or (itemId ~ ".png") -%}
{%- set size = src | imageSize(page.url) -%}
{%- set srcUrl = src | url | encodeUrl -%}
<figure class="app-screenshots__screenshot" id="{{ itemId }}">
<h{{ itemLevel }} class="govuk-heading-m app-screenshots__title"><a class="govuk-link app-link--heading" href="#{{ itemId }}">{{ item.title | escape }}</a></h{{ itemLevel }}>
<a class="app-screenshots__link" href="{{ srcUrl }}"><img class="app-screenshots__image" src="{{ srcUrl }}" alt="{{ (item.alt or ('Screenshot of ' ~ item.title)) | escape }}"{% if size %} width="{{ size.width }}" height="{{ size.height }}"{% endif %} loading="lazy"></a>
{% if item.caption %}<figcaption class="app-screenshots__caption">{{ item.caption | markdown }}</figcaption>
{% endif %}</figure>
{% endfor %}
"""

private let swiftTemplate = """
{% for item in items %}
{%- set itemId = item.id or (item.title | slugify) -%}
{%- set src = item.src or (itemId ~ ".png") -%}
{{ item | screenshotFigure(itemId, src, itemLevel, page.url) }}
{% endfor %}
"""

private func object(_ pairs: [(String, TemplateValue)]) -> TemplateValue { .object(TemplateObject(pairs)) }

@Test(arguments: [false, true], [TemplateValue.number(3), .string("4"), .undefined])
func screenshotFigureWritesWhatItsNunjucksWrote(autoescape: Bool, level: TemplateValue) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("figure-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let images = Bundle.module.url(forResource: "Fixtures/layouts/images", withExtension: nil)!
    let folder = root.appendingPathComponent("Content/images/section/post")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: images.appendingPathComponent("shot.png"), to: folder.appendingPathComponent("sign-in.png"))
    try FileManager.default.copyItem(at: images.appendingPathComponent("anim.gif"), to: folder.appendingPathComponent("a b.gif"))
    var configuration = SiteConfiguration(root: root)
    configuration.autoescape = autoescape
    configuration.options["pathPrefix"] = .string("/prefix/")
    let environment = SiteRenderer(configuration: configuration).environment
    // Items as screenshotGroups gives them, and some it never gives (no id, no src, odd values).
    let items: [TemplateValue] = [
        object([("title", .string("Sign in")), ("id", .string("sign-in")), ("src", .string("sign-in.png"))]),
        object([("title", .string("A <b> & \"c\"")), ("id", .string("a-b-c")), ("src", .string("a b.gif")), ("alt", .string("Alt & text")),
                ("caption", .string("Users with *more than one* organisation."))]),
        object([("title", .string("Plain caption")), ("id", .string("x")), ("src", .string("/elsewhere/missing.png")), ("caption", .string("Just words."))]),
        object([("title", .string("No id or src"))]),
        object([("title", .number(7)), ("alt", .safe("<i>safe</i>"))]),
        object([("title", .undefined), ("caption", .bool(true))]),
    ]
    let context = TemplateObject([("items", .array(items)), ("itemLevel", level),
                                  ("page", object([("url", .string("/section/post/"))]))])
    let nunjucks = try environment.render(source: figureTemplate, path: "figure.njk", context: context)
    let swift = try environment.render(source: swiftTemplate, path: "swift.njk", context: context)
    #expect(swift == nunjucks)
    #expect(nunjucks.contains("width=\"300\" height=\"200\""))
    #expect(nunjucks.contains("<em>more than one</em>"))
}
