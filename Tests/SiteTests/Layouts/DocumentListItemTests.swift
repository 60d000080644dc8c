import Foundation
import Templates
import Testing
@testable import Site

/// The document list's item as Nunjucks wrote it before `documentListItem` took its place.
private let itemTemplate = """
{% for item in items %}{% set itemTitle = item.text or item.title or item.data.title %}{% set itemDescription = item.description or item.excerpt or item.data.description %}{% set itemDate = item.date %}{% if itemTitle %}<li class="x-govuk-document-list__item">
<h{{ level }} class="x-govuk-document-list__item-title govuk-heading-m"><a class="govuk-link" href="{{ (item.href or item.url) | url | encodeUrl }}">{{ itemTitle | escape }}</a></h{{ level }}>
{% if itemDescription %}<p class="x-govuk-document-list__item-description govuk-body">{{ itemDescription | escape }}</p>
{% endif %}{% if itemDate or item.caption %}<ul class="x-govuk-document-list__item-metadata">
{% if item.caption %}<li class="x-govuk-document-list__attribute">{{ item.caption | escape }}</li>
{% endif %}{% if itemDate %}<li class="x-govuk-document-list__attribute"><time datetime="{{ itemDate | atomDate }}">{{ itemDate | govukDate }}</time></li>
{% endif %}</ul>
{% endif %}</li>
{% endif %}{% endfor %}
"""

private func object(_ pairs: [(String, TemplateValue)]) -> TemplateValue { .object(TemplateObject(pairs)) }

/// Items of every shape the lists are given: pages of a collection, navigation entries, plain
/// links; with and without descriptions, dates and captions; text that needs escaping.
private let items: [TemplateValue] = [
    object([("url", .string("/a/")), ("date", .date(Date(timeIntervalSince1970: 1_701_388_800))),
            ("data", object([("title", .string("Sign in & <choose>")), ("description", .string("What \"we\" found"))]))]),
    object([("text", .string("Text")), ("href", .string("/with space/")), ("caption", .string("Part 2")), ("excerpt", .safe("<b>safe</b>"))]),
    object([("title", .string("Title")), ("url", .string("https://example.com/x?a=1&b=2")), ("date", .string("2024-08-19"))]),
    object([("title", .number(42)), ("description", .string(""))]),
    object([("data", object([("title", .string(""))]))]),
    .string("a bare string"),
    object([("text", .safe("<em>Safe</em>")), ("url", .undefined), ("date", .null), ("caption", .bool(true))]),
]

@Test(arguments: [false, true], [TemplateValue.number(2), .number(3), .string("4"), .undefined])
func documentListItemWritesWhatItsNunjucksWrote(autoescape: Bool, level: TemplateValue) throws {
    var configuration = SiteConfiguration(root: FileManager.default.temporaryDirectory)
    configuration.autoescape = autoescape
    configuration.options["pathPrefix"] = .string("/prefix/")
    let environment = SiteRenderer(configuration: configuration).environment
    let context = TemplateObject([("items", .array(items)), ("level", level)])
    let nunjucks = try environment.render(source: itemTemplate, path: "item.njk", context: context)
    let swift = try environment.render(source: "{% for item in items %}{{ item | documentListItem(level) }}{% endfor %}\n", path: "list.njk", context: context)
    #expect(swift == nunjucks)
    #expect(nunjucks.contains("/prefix/a/"))
}

/// The XML sitemap's entry as Nunjucks wrote it before `sitemapEntry` took its place.
private let sitemapTemplate = """
{% for item in items %}{% if item.url %}<url><loc>{{ item.url | url | absoluteUrl(siteUrl) | escape }}</loc>{% if item.date %}<lastmod>{{ (item.data.modified or item.date) | atomDate }}</lastmod>{% endif %}</url>
{% endif %}{% endfor %}
"""

@Test(arguments: [false, true], [TemplateValue.string("https://example.gov.uk/"), .string("https://example.gov.uk/sub/"), .undefined])
func sitemapEntryWritesWhatItsNunjucksWrote(autoescape: Bool, siteURL: TemplateValue) throws {
    var configuration = SiteConfiguration(root: FileManager.default.temporaryDirectory)
    configuration.autoescape = autoescape
    configuration.options["pathPrefix"] = .string("/prefix/")
    let environment = SiteRenderer(configuration: configuration).environment
    let pages: [TemplateValue] = items + [
        object([("url", .string("/b&c/")), ("date", .date(Date(timeIntervalSince1970: 0))),
                ("data", object([("modified", .string("2024-02-03T04:05:06+01:00"))]))]),
        object([("url", .string("/d/")), ("date", .string("not a date"))]),
        object([("url", .bool(false))]),
    ]
    let context = TemplateObject([("items", .array(pages)), ("siteUrl", siteURL)])
    let nunjucks = try environment.render(source: sitemapTemplate, path: "sitemap.njk", context: context)
    let swift = try environment.render(source: "{% for item in items %}{{ item | sitemapEntry(siteUrl) }}{% endfor %}\n", path: "entry.njk", context: context)
    #expect(swift == nunjucks)
    #expect(nunjucks.contains("<lastmod>2024-02-03T03:05:06Z</lastmod>"))
}
