// The Layouts benchmark: what the built-in GOV.UK design-history layouts cost in a full build.
//
//     swift run -c release --scratch-path .build-release LayoutsBenchmark [--runs 5] [N ...]
//
// Builds N synthetic posts (about 850 characters of Markdown, a description, two tags and three
// screenshots each, in one section with a paginated section page and a homepage) twice: with the
// built-in layouts (`post`, `collection`, `product`, and the generated pages: feed, sitemap, search
// index, tags), and with no layout and no generated pages; nothing is written (`build(write: false)`),
// so that disk writes do not drown the rendering. Reports, for each, the median wall-clock time and
// the median CPU time (user + system, robust on a shared machine) of the runs, and the layouts' cost
// per post. Default N: 1,000 and 4,000. `ONLY_LAYOUTS=1` runs only the builds with layouts (to profile),
// `ONLY_BARE=1` only those without (with `perf stat -e instructions:u`, a count that load does not skew).
// `MAKE_SITE=folder` only writes the site of the first size there.
// `OVERRIDES=folder` copies the folder's templates into the site's `_includes`, where they replace the
// built-in templates of the same name: a variant of a layout (a component emptied, say) shows what
// that part costs (`Scripts/benchmarks/count-instructions.sh layouts` passes it on).
// `WRITE=1` times builds that also write the site (`build(write: true)`, into the temporary site's
// `_site` folder, replaced by each build; the site is in `/dev/shm` then), so that the layouts' share
// of a full written build shows.
import Foundation
import Site
#if canImport(Glibc)
import Glibc
#endif

/// CPU time (user + system) of this process so far, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
}

/// Wall-clock and CPU seconds of one call.
func measure(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    let start = Date(), cpu = cpuSeconds()
    body()
    return (Date().timeIntervalSince(start), cpuSeconds() - cpu)
}

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
/// Whether the builds write the site (`WRITE=1`) or only render and check it.
let writes = ProcessInfo.processInfo.environment["WRITE"] != nil
/// Said after the size in every report line.
let label = writes ? " written" : ""

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
    try writeBytes(Array(text.utf8), to: url)
}

/// The C library's `write`, which `write(_:to:)` hides by name.
let systemWrite: (Int32, UnsafeRawPointer?, Int) -> Int = { descriptor, buffer, count in write(descriptor, buffer, count) }

/// Writes a file with plain system calls: `Data.write` syncs every file to disk, which made setting
/// up a site of thousands of posts take far longer than building it.
func writeBytes(_ bytes: [UInt8], to url: URL) throws {
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(descriptor) }
    let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
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
    if let overrides = ProcessInfo.processInfo.environment["OVERRIDES"] {
        try FileManager.default.copyItem(at: URL(fileURLWithPath: overrides), to: root.appendingPathComponent("app/_includes"))
    }
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
            try writeBytes(png, to: images.appendingPathComponent(name))
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

// `MAKE_SITE=folder`: only writes the site of the first size into `folder` (which must not exist), for
// timing the real command on it (`Scripts/benchmarks/full-build-share.sh`).
if let folder = ProcessInfo.processInfo.environment["MAKE_SITE"] {
    let root = URL(fileURLWithPath: folder)
    guard !FileManager.default.fileExists(atPath: root.path) else { print("\(folder) already exists"); exit(1) }
    try makeSite(root: root, posts: sizes[0])
    print("wrote a site of \(sizes[0]) posts in \(folder)")
    exit(0)
}

for n in sizes {
    // Written builds go to memory (`/dev/shm`) where there is one: on a disk file system, creating
    // thousands of files where the last build's were just deleted costs seconds that vary run to run.
    let base = writes && FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
    let root = base.appendingPathComponent("layouts-benchmark-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try makeSite(root: root, posts: n)
    var configuration = try SiteConfiguration.load(from: root.appendingPathComponent("design-history.yml"))
    // `OFF=feed,tag` switches generated pages off, to see what each costs.
    for stem in (ProcessInfo.processInfo.environment["OFF"] ?? "").split(separator: ",") {
        configuration.generatedPages[String(stem)] = false
    }
    var withLayouts: [(wall: Double, cpu: Double)] = []
    var pages = 0
    // `ONLY_BARE=1` runs only the builds without layouts (with `perf stat`, to count what they cost).
    let onlyBare = ProcessInfo.processInfo.environment["ONLY_BARE"] != nil
    for _ in 0..<(onlyBare ? 0 : runs) {
        withLayouts.append(measure {
            let report = SiteSession(configuration: configuration).build(write: writes)
            pages = report.pages
            if report.errors > 0 { print(report.diagnostics.prefix(5).map(\.description).joined(separator: "\n")); exit(1) }
        })
    }
    // `ONLY_LAYOUTS=1` stops here: only builds with the layouts, for a profiler to see them alone.
    if ProcessInfo.processInfo.environment["ONLY_LAYOUTS"] != nil {
        print("N=\(n) (\(pages) pages)\(label), " + String(format: "median of %d with the built-in layouts: %.3f s wall, %.3f s CPU (fastest %.3f s CPU)",
                     runs, median(withLayouts.map(\.wall)), median(withLayouts.map(\.cpu)), withLayouts.map(\.cpu).min() ?? 0))
        continue
    }
    // The layouts without the generated pages (feed, sitemap, search index, tags, 404).
    configuration.includeVirtualTemplates = false
    var layoutsOnly: [(wall: Double, cpu: Double)] = []
    for _ in 0..<(onlyBare ? 0 : runs) {
        layoutsOnly.append(measure { _ = SiteSession(configuration: configuration).build(write: writes) })
    }
    // The same posts without any layout or generated page.
    try write(#"{"permalink": "{{ page.filePathStem | replace('posts/', '') }}/"}"#, to: root.appendingPathComponent("app/posts/posts.json"))
    try write("---\ntitle: Benchmark history\n---\n", to: root.appendingPathComponent("app/index.md"))
    var bare: [(wall: Double, cpu: Double)] = []
    for _ in 0..<runs {
        bare.append(measure { _ = SiteSession(configuration: configuration).build(write: writes) })
    }
    if onlyBare {
        print("N=\(n)\(label), " + String(format: "median of %d without layouts: %.3f s wall, %.3f s CPU (fastest %.3f s CPU)",
                     runs, median(bare.map(\.wall)), median(bare.map(\.cpu)), bare.map(\.cpu).min() ?? 0))
        continue
    }
    let a = (median(withLayouts.map(\.wall)), median(withLayouts.map(\.cpu)))
    let b = (median(bare.map(\.wall)), median(bare.map(\.cpu)))
    let c = median(layoutsOnly.map(\.cpu))
    print("N=\(n) (\(pages) pages)\(label), " + String(format: "median of %d: with the built-in layouts %.3f s wall, %.3f s CPU; without layouts %.3f s wall, %.3f s CPU; layouts cost %.0f µs CPU a post (%.0f µs the page layouts, %.0f µs the generated pages), %.0f%% of the build's CPU",
                 runs, a.0, a.1, b.0, b.1, (a.1 - b.1) / Double(n) * 1_000_000,
                 (c - b.1) / Double(n) * 1_000_000, (a.1 - c) / Double(n) * 1_000_000, (a.1 - b.1) / a.1 * 100))
}
