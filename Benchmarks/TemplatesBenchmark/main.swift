// The Templates benchmark: renders a post through a layout chain with includes and macro calls,
// 10,000 times per run, and reports the median time per render; then 2,000 posts through the site's
// real GOV.UK layouts (see `GovukLayouts`); then the generated pages' loops over 4,000 collection items
// (see `CollectionLoops`).
// Run with: swift run -c release --scratch-path .build-release TemplatesBenchmark
import Foundation
import Templates

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
let files: [String: String] = [
    "layouts/base.njk": """
    <!DOCTYPE html>
    <html lang="en-GB">
    <head><title>{% block title %}{{ title }} - {{ site.name }}{% endblock %}</title>
    {% for sheet in site.stylesheets %}<link rel="stylesheet" href="{{ sheet | url }}">{% endfor %}</head>
    <body class="govuk-template__body">
    {% include "partials/header.njk" %}
    <div class="govuk-width-container">
    {% include "partials/breadcrumbs.njk" %}
    <main class="govuk-main-wrapper" id="main-content">{% block main %}{% endblock %}</main>
    </div>
    {% include "partials/footer.njk" %}
    </body>
    </html>
    """,
    "layouts/post.njk": """
    {% extends "layouts/base.njk" %}
    {% from "macros/tag.njk" import appTag %}
    {% block main %}
    <h1 class="govuk-heading-xl">{{ title | smart }}</h1>
    <p class="app-metadata">Published <time datetime="{{ date | isoDate }}">{{ date | govukDate }}</time></p>
    {% if tags %}<ul class="app-tags">{% for tag in tags %}<li>{{ appTag({ text: tag, href: "/tags/" ~ (tag | slugify) ~ "/" }) }}</li>{% endfor %}</ul>{% endif %}
    <div class="app-prose">{{ content | safe }}</div>
    {% if related.items %}<aside><h2>Related content</h2><ul>{% for item in related.items %}<li><a href="{{ item.href }}">{{ item.text }}</a></li>{% endfor %}</ul></aside>{% endif %}
    {% endblock %}
    """,
    "partials/header.njk": """
    <header class="govuk-header"><a href="{{ '/' | url }}" class="govuk-header__link">{{ site.name }}</a>
    <nav><ul>{% for item in navigation %}<li class="{{ 'active' if item.href == page.url else '' }}"><a href="{{ item.href | url }}">{{ item.text }}</a></li>{% endfor %}</ul></nav></header>
    """,
    "partials/breadcrumbs.njk": """
    <nav class="govuk-breadcrumbs"><ol>{% for crumb in breadcrumbs %}<li{% if loop.last %} aria-current="page"{% endif %}><a href="{{ crumb.href }}">{{ crumb.text }}</a></li>{% endfor %}</ol></nav>
    """,
    "partials/footer.njk": """
    <footer class="govuk-footer">{% set year = date | date("yyyy") %}© Crown copyright {{ year }}</footer>
    """,
    "macros/tag.njk": """
    {% macro appTag(params) %}<a class="govuk-tag" href="{{ params.href }}">{{ params.text }}</a>{% endmacro %}
    """,
    "screenshots/macro.njk": """
    {% macro appScreenshots(params) %}
    {%- set folder = page.filePathStem | replace("/posts", "/images") %}
    <section class="app-screenshots">{% for item in params.items %}
    <figure id="{{ item.text | slugify }}"><h3>{{ item.text }}</h3><img src="{{ folder }}/{{ item.img.src }}" alt="Screenshot of {{ item.text }}"></figure>
    {%- endfor %}</section>
    {%- endmacro %}
    """,
]
for (name, text) in files {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
}
defer { try? FileManager.default.removeItem(at: folder) }

let body = """
{% from "screenshots/macro.njk" import appScreenshots with context %}
We use DfE Sign-in for access management.

{{ appScreenshots({
  items: [{
    text: "Sign in",
    img: { src: "01.png" }
  }, {
    text: 'Check your answers',
    img: { src: "02.png" }
  }, {
    text: "Confirmation",
    img: { src: "03.png" }
  }]
}) }}
"""

var environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: [folder]))
environment.addFilter("url") { value, _ in .string("/history" + value.stringValue) }

/// The site's real GOV.UK layouts, with stand-ins for the site's filters: the engine's share of
/// LayoutsBenchmark's page layouts. The fastest run is the least disturbed by other processes.
func runGovukLayouts() throws {
    // `GOVUK_POSTS` and `GOVUK_RUNS` make the run smaller, to count instructions under callgrind.
    let environment = ProcessInfo.processInfo.environment
    let posts = environment["GOVUK_POSTS"].flatMap { Int($0) } ?? 2_000
    let runs = environment["GOVUK_RUNS"].flatMap { Int($0) } ?? 7
    let layouts = try GovukLayouts.run(posts: max(1, posts), runs: max(1, runs), cpuTime: threadCPUTime)
    let sorted = layouts.perPost.sorted()
    print(String(format: "GOV.UK post layout chain (%d posts, %d bytes each): CPU median %.1f µs, fastest %.1f µs per post (runs: %@)",
                 max(1, posts), layouts.bytes, sorted[sorted.count / 2] * 1e6, sorted[0] * 1e6,
                 layouts.perPost.map { String(format: "%.1f", $0 * 1e6) }.joined(separator: ", ")))
}

/// CPU time of this thread in seconds: unlike wall-clock time, not inflated by other processes.
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func object(_ pairs: [(String, TemplateValue)]) -> TemplateValue { .object(TemplateObject(pairs)) }
var context = TemplateObject([
    ("title", .string("Signing in to the service")),
    ("date", .date(Date(timeIntervalSince1970: 1_701_388_800))),
    ("tags", .array([.string("authentication"), .string("users"), .string("DfE Sign-in")])),
    ("page", object([("url", .string("/claim/signing-in/")), ("filePathStem", .string("/posts/claim/signing-in"))])),
    ("site", object([("name", .string("Claim funding for mentors")), ("stylesheets", .array([.string("/styles/application.css")]))])),
    ("navigation", .array((1...6).map { object([("href", .string("/section-\($0)/")), ("text", .string("Section \($0)"))]) })),
    ("breadcrumbs", .array([object([("href", .string("/")), ("text", .string("Home"))]), object([("href", .string("/claim/")), ("text", .string("Claim"))])])),
    ("related", object([("items", .array([object([("href", .string("https://example.com/")), ("text", .string("DfE Sign-in"))])]))])),
])

do {
    // `GOVUK_ONLY=1`: only the GOV.UK layouts (to profile them).
    if ProcessInfo.processInfo.environment["GOVUK_ONLY"] == "1" { try runGovukLayouts(); exit(0) }
    if ProcessInfo.processInfo.environment["GOVUK_LEVELS"] == "1" { try GovukLayouts.levels(cpuTime: threadCPUTime); exit(0) }
    // `LOOPS_ONLY=1`: only the generated pages' loops over a collection (to profile them).
    if ProcessInfo.processInfo.environment["LOOPS_ONLY"] == "1" { try CollectionLoops.run(items: 4_000, runs: 9, cpuTime: threadCPUTime); exit(0) }
    let layout = try environment.template(named: "layouts/post.njk")
    let post = try environment.parse(source: body, path: "posts/claim/2023-12-01-signing-in.md")
    func renderOnce() throws -> String {
        context["content"] = .safe(try post.render(context: context))
        return try layout.render(context: context)
    }
    let sample = try renderOnce()
    let iterations = 10_000
    var wall: [Double] = [], cpu: [Double] = []
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = threadCPUTime()
        var bytes = 0
        for _ in 0..<iterations { bytes &+= try renderOnce().utf8.count }
        cpu.append((threadCPUTime() - cpuStart) / Double(iterations))
        wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(iterations))
        precondition(bytes == sample.utf8.count * iterations)
    }
    func describe(_ runs: [Double]) -> String {
        let sorted = runs.sorted()
        return String(format: "median %.1f µs per render (runs: %@)", sorted[sorted.count / 2] * 1e6,
                      runs.map { String(format: "%.1f", $0 * 1e6) }.joined(separator: ", "))
    }
    print("post body + three includes + layout chain + 4 macro calls: \(sample.utf8.count) bytes of HTML, \(iterations) renders a run")
    print("wall clock: " + describe(wall))
    print("CPU time:   " + describe(cpu) + "  (what a render costs when the machine is shared)")
    let parseStart = threadCPUTime()
    for _ in 0..<iterations { _ = try environment.parse(source: body, path: "post.md") }
    print(String(format: "parse of the post body: %.1f µs of CPU time", (threadCPUTime() - parseStart) * 1e6 / Double(iterations)))

    try runGovukLayouts()
    try CollectionLoops.run(items: 4_000, runs: 9, cpuTime: threadCPUTime)
} catch {
    print(error)
    exit(1)
}
