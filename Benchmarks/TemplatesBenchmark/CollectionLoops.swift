import Foundation
import Templates

/// The third scenario: the generated pages' loops over a collection of 4,000 posts, through the
/// site's real built-in templates (the `xGovukDocumentList` macro of tag and section pages, the XML
/// sitemap's loop, the HTML sitemap's sorted list), with the same stand-in filters as
/// `GovukLayouts`. Items are shaped as the site's collection items are (`url`, `date`, `data` with
/// the post's front matter and cascade), so member chains and `or` chains read what they read in a
/// build. Reports CPU time per item: in a build each post is iterated about six times.
enum CollectionLoops {
    static let scenarios: [(name: String, source: String)] = [
        ("document list (xGovukDocumentList)", """
        {%- from "x-govuk/components/document-list/macro.njk" import xGovukDocumentList -%}
        {{ xGovukDocumentList({ items: (collections[tag] or []) | reverse, headingLevel: 2 }) }}
        """),
        ("XML sitemap loop", """
        {%- set siteUrl = options.url or "https://design-history.invalid/" -%}
        {% for item in collections.all %}{% if item.url %}<url><loc>{{ item.url | url | absoluteUrl(siteUrl) | escape }}</loc>{% if item.date %}<lastmod>{{ (item.data.modified or item.date) | atomDate }}</lastmod>{% endif %}</url>
        {% endif %}{% endfor %}
        """),
        ("HTML sitemap loop (sorted by url)", """
        {% for item in collections.all | sort(false, false, "url") %}{% if item.url and item.data.title %}<li class="app-sitemap__item"><a class="govuk-link" href="{{ item.url | url | encodeUrl }}">{{ item.data.title | escape }}</a></li>
        {% endif %}{% endfor %}
        """),
    ]

    /// One construct each, to see what a loop's parts cost (`LOOP_PARTS=1`).
    static let parts: [(name: String, source: String)] = [
        ("empty loop", "{% for item in collections.all %}{% endfor %}"),
        ("text", "{% for item in collections.all %}<li class=\"x-govuk-document-list__item\">{% endfor %}"),
        ("item.url", "{% for item in collections.all %}{{ item.url }}{% endfor %}"),
        ("item.data.title", "{% for item in collections.all %}{{ item.data.title }}{% endfor %}"),
        ("set to an or chain", "{% for item in collections.all %}{% set t = item.text or item.title or item.data.title %}{% endfor %}"),
        ("if on a member", "{% for item in collections.all %}{% if item.url %}{% endif %}{% endfor %}"),
        ("item.url | url", "{% for item in collections.all %}{{ item.url | url }}{% endfor %}"),
        ("item.url | absoluteUrl(base)", "{% for item in collections.all %}{{ item.url | absoluteUrl(base) }}{% endfor %}"),
        ("item.date | govukDate", "{% for item in collections.all %}{{ item.date | govukDate }}{% endfor %}"),
        ("loop.index", "{% for item in collections.all %}{{ loop.index }}{% endfor %}"),
    ]

    static func object(_ pairs: [(String, TemplateValue)]) -> TemplateValue { .object(TemplateObject(pairs)) }

    /// A collection item as the site builds one (`SiteSession.collectionItem`).
    static func item(_ n: Int) -> TemplateValue {
        let url = TemplateValue.string("/section/post-\(n)/")
        let date = TemplateValue.date(Date(timeIntervalSince1970: 1_600_000_000 + Double(n) * 86_400))
        let page = object([("url", url), ("inputPath", .string("./app/posts/section/post-\(n).md")), ("fileSlug", .string("post-\(n)")),
                           ("filePathStem", .string("/posts/section/post-\(n)")), ("outputPath", .string("_site/section/post-\(n)/index.html")), ("date", date)])
        let data = object([
            ("layout", .string("post")), ("title", .string("Signing in, part \(n)")), ("description", .string("How users sign in to the service & why.")),
            ("tags", .array([.string("section"), .string("authentication")])), ("options", object([("url", .string("https://benchmark.example.gov.uk/"))])),
            ("eleventyNavigation", object([("parent", .string("A section"))])), ("page", page),
        ])
        return object([("url", url), ("inputPath", page.member("inputPath")), ("fileSlug", page.member("fileSlug")),
                       ("filePathStem", page.member("filePathStem")), ("outputPath", page.member("outputPath")),
                       ("date", date), ("data", data), ("page", page), ("templateContent", .safe("<p>Body</p>")), ("content", .safe("<p>Body</p>"))])
    }

    /// Renders each scenario over `count` items `runs` times; prints the median and fastest CPU
    /// time per item.
    static func run(items count: Int, runs: Int, cpuTime: () -> Double) throws {
        let environment = GovukLayouts.environment()
        let items = TemplateValue.array((0..<count).map(item))
        let context = TemplateObject([
            ("tag", .string("section")), ("collections", object([("all", items), ("section", items)])),
            ("options", object([("url", .string("https://benchmark.example.gov.uk/"))])), ("base", .string("https://benchmark.example.gov.uk/")),
        ])
        // `LOOP=n` runs only scenario n (from 0), to profile it.
        let only = ProcessInfo.processInfo.environment["LOOP"].flatMap { Int($0) }
        let list = ProcessInfo.processInfo.environment["LOOP_PARTS"] == "1" ? parts : scenarios
        for (number, (name, source)) in list.enumerated() where only == nil || only == number {
            let template = try environment.parse(source: source, path: "benchmark.njk")
            let bytes = try template.render(context: context).utf8.count
            var perItem: [Double] = []
            for _ in 0..<runs {
                let start = cpuTime()
                let total = try template.render(context: context).utf8.count
                perItem.append((cpuTime() - start) / Double(count))
                precondition(total == bytes)
            }
            let sorted = perItem.sorted()
            print(String(format: "%@ over %d items (%d bytes): CPU median %.0f ns, fastest %.0f ns per item",
                         name, count, bytes, sorted[sorted.count / 2] * 1e9, sorted[0] * 1e9))
        }
    }
}
