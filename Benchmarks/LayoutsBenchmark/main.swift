// The Layouts benchmark: what the built-in GOV.UK design-history layouts cost in a full build.
//
//     swift run -c release --scratch-path .build-release LayoutsBenchmark [--runs 5] [N ...]
//
// Builds N synthetic posts (about 850 characters of Markdown, a description, two tags and three
// screenshots each, in one section with a paginated section page and a homepage) twice: with the
// built-in layouts (`post`, `collection`, `product`, and the generated pages: feed, sitemap, search
// index, tags), and with no layout and no generated pages. Reports the median of the runs and the
// layouts' cost per page. Default N: 1,000 and 4,000.
import Foundation
import Site

let arguments = Array(CommandLine.arguments.dropFirst())
var runs = 5
var sizes: [Int] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--runs", index + 1 < arguments.count {
        runs = max(1, Int(arguments[index + 1]) ?? runs)
        index += 2
        continue
    }
    if let n = Int(arguments[index]), n > 0 { sizes.append(n) }
    index += 1
}
if sizes.isEmpty { sizes = [1_000, 4_000] }

/// A one-pixel PNG, for every screenshot to resolve and have a size.
let png: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
    0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 12, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xFF, 0xFF, 0x3F, 0, 0x05, 0xFE, 0x02,
    0xFE, 0xDC, 0xCC, 0x59, 0xE7, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

let paragraph = """
We looked at how people sign in to the service, and what happens when they cannot. Most users \
already have an account with another service from the department, so we reuse it. Some users work \
for more than one organisation: they choose which one to work on after signing in.
"""

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// A design history of `n` posts under `root`.
func makeSite(root: URL, posts n: Int) throws {
    try write("""
    input: app
    output: _site
    passthrough:
      app/images: .
    collections:
      section: app/posts/section/*.md
    options:
      url: https://benchmark.example.gov.uk/
      header:
        productName: Benchmark history

    """, to: root.appendingPathComponent("design-history.yml"))
    try write("---\nhomepage: true\nlayout: product\ntitle: Benchmark history\ndescription: Posts.\n---\n",
              to: root.appendingPathComponent("app/index.md"))
    try write(#"{"layout": "post", "permalink": "{{ page.filePathStem | replace('posts/', '') }}/"}"#,
              to: root.appendingPathComponent("app/posts/posts.json"))
    try write("""
    ---
    layout: collection
    title: A section
    paginationHeading: Posts
    pagination:
      data: collections.section
      reverse: true
      size: 50
    permalink: "section/{% if pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}{% endif %}/"
    ---
    The posts of one service.

    """, to: root.appendingPathComponent("app/posts/section.md"))
    try write(#"{"eleventyNavigation": {"parent": "A section"}}"#, to: root.appendingPathComponent("app/posts/section/section.json"))
    for i in 0..<n {
        let day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2020 + i / 336
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        try write("""
        ---
        title: Post \(i) about signing in
        description: What we learned in round \(i).
        date: \(date)
        tags: [authentication, round-\(i % 20)]
        screenshots:
          items:
            - Sign in
            - text: Choose an organisation
              src: choose.png
              caption: Users with *more than one* organisation choose here.
            - text: Service home
              img:
                src: home.png
        ---
        \(paragraph)

        ## What we found

        \(paragraph)

        """, to: root.appendingPathComponent("app/posts/section/post-\(i).md"))
        let images = root.appendingPathComponent("app/images/section/post-\(i)")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        for name in ["sign-in.png", "choose.png", "home.png"] {
            try Data(png).write(to: images.appendingPathComponent(name))
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

for n in sizes {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("layouts-benchmark-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try makeSite(root: root, posts: n)
    var configuration = try SiteConfiguration.load(from: root.appendingPathComponent("design-history.yml"))
    var withLayouts: [Double] = []
    var pages = 0
    for _ in 0..<runs {
        let start = Date()
        let report = SiteSession(configuration: configuration).build()
        withLayouts.append(Date().timeIntervalSince(start))
        pages = report.pages
        if report.errors > 0 { print(report.diagnostics.prefix(5).map(\.description).joined(separator: "\n")); exit(1) }
    }
    // The same posts without any layout or generated page.
    configuration.includeVirtualTemplates = false
    try write(#"{"permalink": "{{ page.filePathStem | replace('posts/', '') }}/"}"#, to: root.appendingPathComponent("app/posts/posts.json"))
    try write("---\ntitle: Benchmark history\n---\n", to: root.appendingPathComponent("app/index.md"))
    var bare: [Double] = []
    for _ in 0..<runs {
        let start = Date()
        _ = SiteSession(configuration: configuration).build()
        bare.append(Date().timeIntervalSince(start))
    }
    let a = median(withLayouts), b = median(bare)
    print(String(format: "N=%d: %d pages with the built-in layouts %.3f s, without layouts %.3f s (median of %d); layouts cost %.1f µs a post",
                 n, pages, a, b, runs, (a - b) / Double(n) * 1_000_000))
}
