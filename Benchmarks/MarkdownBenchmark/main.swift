// The Markdown benchmark (see ARCHITECTURE.md). Run with:
//   swift run -c release --scratch-path .build-release MarkdownBenchmark [corpora-folder]
//
// 1. The corpus posts (front matter and Nunjucks tags removed), each rendered with the govuk
//    profile, and all of them joined and repeated into a document of at least 4 MB, rendered
//    with the commonmark and markdown-it profiles; MB/s beside `cmark-gfm` on the same file.
// 2. Each pathological input at 10k and 100k repetitions: the time must grow linearly
//    (`MARKDOWN_PATHOLOGICAL=all` runs only these; see below for the other switches).
// Every figure is the median of several runs.
import Foundation
import Markdown

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Median CPU time of the process (user and system, so page faults count) over `runs` runs: on a
/// machine shared with other builds, time spent waiting for a core is not the parser's.
func cpuTime(runs: Int, _ body: () -> Void) -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        samples.append(now() - start)
    }
    return median(samples)
}

func time(runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return median(samples)
}

/// A post body as the site renders it: no front matter, no Nunjucks tags.
func postBody(_ text: String) -> String {
    var body = text
    if body.hasPrefix("---\n"), let end = body.range(of: "\n---\n", range: body.index(body.startIndex, offsetBy: 4)..<body.endIndex) {
        body = String(body[end.upperBound...])
    }
    for (open, close) in [("{%", "%}"), ("{{", "}}"), ("{#", "#}")] {
        while let a = body.range(of: open), let b = body.range(of: close, range: a.upperBound..<body.endIndex) {
            body.removeSubrange(a.lowerBound..<b.upperBound)
        }
    }
    return body
}

// Pathological inputs: each kind at a small and a large size, ten times apart.
let pathological: [(String, (Int) -> String)] = [
    ("nested [", { n in String(repeating: "[", count: n) + "a" + String(repeating: "]", count: n) }),
    ("unclosed [", { n in String(repeating: "[a ", count: n) }),
    ("nested ![", { n in String(repeating: "![", count: n) + "a" }),
    ("link openers with (", { n in String(repeating: "[a](b ", count: n) }),
    ("nested *", { n in String(repeating: "*a ", count: n) + String(repeating: " a*", count: n) }),
    ("* and _ mixed", { n in String(repeating: "*a_ ", count: n) }),
    ("** runs", { n in String(repeating: "a**b ", count: n) }),
    ("nested >", { n in String(repeating: ">", count: n) + " a\n" }),
    ("> lines", { n in String(repeating: "> a\n", count: n) }),
    ("nested list markers", { n in String(repeating: "- ", count: n) + "a\n" }),
    ("indented list items", { n in (0..<n).map { String(repeating: " ", count: ($0 % 60) * 2) + "- a\n" }.joined() }),
    ("backtick runs", { n in (1...n).map { String(repeating: "`", count: $0 % 500 + 1) + "a" }.joined() }),
    ("unmatched backticks", { n in String(repeating: "e`", count: n) }),
    ("reference definitions", { n in (0..<n).map { "[l\($0)]: /u\($0)\n" }.joined() + "\n" + (0..<n).map { "[l\($0)] " }.joined() }),
    ("reference uses of a missing label", { n in String(repeating: "[x] ", count: n) }),
    ("unclosed <!--", { n in String(repeating: "<!-- a ", count: n) }),
    ("unclosed <?", { n in String(repeating: "<? a ", count: n) }),
    ("unclosed <![CDATA[", { n in String(repeating: "<![CDATA[ a ", count: n) }),
    ("entity-like", { n in String(repeating: "&#12345678", count: n) }),
    ("table rows", { n in "| a | b |\n| - | - |\n" + String(repeating: "| c |\n", count: n) }),
    ("smart quotes", { n in String(repeating: "\"a 'b ", count: n) }),
    ("odd ~ runs", { n in String(repeating: "a~~~", count: n) }),
    ("attribute braces", { n in "x " + String(repeating: "{a ", count: n) + ".}" }),
    ("abbreviation in nested *", { n in "*[a]: A\n\n" + String(repeating: "*a ", count: n) + String(repeating: " a*", count: n) }),
    ("abbreviation definitions", { n in (0..<n).map { "*[w\($0)]: W\($0)\n" }.joined() + "\n" + (0..<n).map { "w\($0) " }.joined() }),
]

/// Times each pathological kind (all, or those named in `only`) at `size` and `size * 10`.
@MainActor func runPathological(size: Int, runs: Int, only: Set<String>?) {
    print("\nMarkdownNode: \(MemoryLayout<MarkdownNode>.stride) bytes a node")
    print("Pathological inputs (median CPU time of \(runs) runs), ms at \(size) and \(size * 10) repetitions, and the ratio (10 is linear):")
    for (name, make) in pathological where only?.contains(name) ?? true {
        let small = make(size)
        let big = make(size * 10)
        let t1 = cpuTime(runs: runs) { _ = MarkdownDocument.html(small, options: .markdownIt) }
        let t2 = cpuTime(runs: runs) { _ = MarkdownDocument.html(big, options: .markdownIt) }
        let label = name.padding(toLength: 36, withPad: " ", startingAt: 0)
        print(String(format: "  %@ %9.2f %9.2f   x%.1f", label, t1 * 1000, t2 * 1000, t2 / max(t1, 1e-9)))
    }
}

// `MARKDOWN_PATHOLOGICAL=all` (or a `|`-separated list of kinds) times only the pathological inputs;
// `MARKDOWN_PATHOLOGICAL_SIZE` sets the small size (10000), `MARKDOWN_PATHOLOGICAL_RUNS` the runs (3).
// `MARKDOWN_PROFILE_KIND=kind` with `MARKDOWN_PATHOLOGICAL_SIZE` renders one kind 10 times, for `perf`.
let environment = ProcessInfo.processInfo.environment
let pathologicalSize = environment["MARKDOWN_PATHOLOGICAL_SIZE"].flatMap { Int($0) } ?? 10_000
let pathologicalRuns = environment["MARKDOWN_PATHOLOGICAL_RUNS"].flatMap { Int($0) } ?? 3
if let kind = environment["MARKDOWN_PROFILE_KIND"], let make = pathological.first(where: { $0.0 == kind })?.1 {
    let text = make(pathologicalSize)
    for _ in 0..<10 { _ = MarkdownDocument.html(text, options: .markdownIt) }
    exit(0)
}
if let selection = environment["MARKDOWN_PATHOLOGICAL"] {
    let only = selection == "all" ? nil : Set(selection.split(separator: "|").map(String.init))
    runPathological(size: pathologicalSize, runs: pathologicalRuns, only: only)
    exit(0)
}

let corporaPath = CommandLine.arguments.dropFirst().first ?? "/work/shared/corpora"
var posts: [String] = []
if let enumerator = FileManager.default.enumerator(atPath: corporaPath) {
    for case let path as String in enumerator where path.hasSuffix(".md") && path.contains("/app/") {
        if let data = FileManager.default.contents(atPath: corporaPath + "/" + path) {
            posts.append(postBody(String(decoding: data, as: UTF8.self)))
        }
    }
}
posts.sort()
let corpusBytes = posts.reduce(0) { $0 + $1.utf8.count }
print("Corpus: \(posts.count) posts, \(corpusBytes) bytes")

if !posts.isEmpty {
    let seconds = time(runs: 7) { for post in posts { _ = MarkdownDocument.html(post, options: .govuk) } }
    print(String(format: "corpus posts, govuk profile: %.2f ms, %.1f MB/s", seconds * 1000, Double(corpusBytes) / seconds / 1e6))
}

// The large document.
var large = posts.joined(separator: "\n\n")
if large.isEmpty { large = "# Heading\n\nSome *text* with a [link](/x) and `code`.\n\n- a\n- b\n\n> quote\n\n" }
let unit = large
while large.utf8.count < 4_000_000 { large += "\n\n" + unit }
let largeBytes = large.utf8.count
let largeFile = FileManager.default.temporaryDirectory.appendingPathComponent("markdown-benchmark-large.md")
try? Data(large.utf8).write(to: largeFile)
print(String(format: "Large document: %.2f MB", Double(largeBytes) / 1e6))

// For profiling: `MARKDOWN_PROFILE_ONLY=commonmark` renders the large document 20 times and stops.
if let only = ProcessInfo.processInfo.environment["MARKDOWN_PROFILE_ONLY"] {
    let options = (try? MarkdownOptions.profile(named: only)) ?? .commonMark
    for _ in 0..<20 { _ = MarkdownDocument.html(large, options: options) }
    exit(0)
}

/// CPU time (user and system) used so far by the processes this one has waited for.
func childrenCPUTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// The CPU time of this process so far.
func processCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// One run of cmark-gfm on a file (process start included): wall-clock and CPU time, or nil
/// without cmark-gfm.
func cmarkOnce(_ file: URL, extensions: [String]) -> (wall: Double, cpu: Double)? {
    let candidates = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = extensions.flatMap { ["-e", $0] } + [file.path]
    process.standardOutput = FileHandle.nullDevice
    let cpuBefore = childrenCPUTime()
    let start = DispatchTime.now().uptimeNanoseconds
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (wall, childrenCPUTime() - cpuBefore)
}

// Interleaved rounds (the machine is shared: each round measures everything at nearly the same
// moment), then the median of each column. Wall-clock time, and CPU time (which time spent
// waiting for a core on a busy machine does not inflate).
let gfm = ["table", "strikethrough", "autolink"]
var columns: [String: [Double]] = [:]
var cpuColumns: [String: [Double]] = [:]
for _ in 0..<9 {
    for (name, options) in [("commonmark", MarkdownOptions.commonMark), ("markdown-it", .markdownIt), ("govuk", .govuk)] {
        let cpuBefore = processCPUTime()
        columns[name, default: []].append(time(runs: 1) { _ = MarkdownDocument.html(large, options: options) })
        cpuColumns[name, default: []].append(processCPUTime() - cpuBefore)
    }
    for (name, extensions) in [("cmark-gfm", [String]()), ("cmark-gfm+gfm", gfm)] {
        if let t = cmarkOnce(largeFile, extensions: extensions) {
            columns[name, default: []].append(t.wall)
            cpuColumns[name, default: []].append(t.cpu)
        }
    }
}
let mb = Double(largeBytes) / 1e6
@MainActor func report(_ name: String, _ label: String, against reference: String?) {
    guard let samples = columns[name], let cpuSamples = cpuColumns[name] else { return }
    let seconds = median(samples)
    let cpu = median(cpuSamples)
    var line = String(format: "%@: %.1f ms, %.1f MB/s; CPU %.1f ms", label, seconds * 1000, mb / seconds, cpu * 1000)
    if let reference, let other = columns[reference], let otherCPU = cpuColumns[reference] {
        line += String(format: "  (%.2f× the time of %@, %.2f× its CPU time)", seconds / median(other), reference, cpu / median(otherCPU))
    }
    print(line)
}
report("cmark-gfm", "cmark-gfm (process, same file)", against: nil)
report("cmark-gfm+gfm", "cmark-gfm -e table -e strikethrough -e autolink", against: nil)
report("commonmark", "large document, commonmark profile", against: "cmark-gfm")
report("markdown-it", "large document, markdown-it profile", against: "cmark-gfm+gfm")
report("govuk", "large document, govuk profile", against: "cmark-gfm+gfm")
try? FileManager.default.removeItem(at: largeFile)

runPathological(size: pathologicalSize, runs: pathologicalRuns, only: nil)
