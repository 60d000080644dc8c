// The Site benchmark: a full build of N synthetic posts (about 850 characters of Markdown, title-only
// front matter, one one-file layout), beside Hugo building the same posts with a one-file layout.
//
//     swift run -c release --scratch-path .build-release SiteBenchmark [--runs 5] [N ...]
//
// Reports the median of the runs for each N (default 1,000, 4,000 and 16,000) and the peak memory
// of one build (maximum resident set size, from /usr/bin/time -v). Hugo is skipped if not installed.
import Foundation
import Site

let arguments = Array(CommandLine.arguments.dropFirst())

/// `--once ROOT`: build the site at ROOT once (run under /usr/bin/time for peak memory).
if arguments.first == "--once", arguments.count > 1 {
    let report = SiteBuilder(configuration: BenchmarkSite.configuration(root: URL(fileURLWithPath: arguments[1]))).build()
    print(report.summary)
    exit(report.errors == 0 ? 0 : 1)
}

/// `--generate N ROOT`: write the synthetic site of N posts at ROOT and stop (for profiling).
if arguments.first == "--generate", arguments.count > 2, let n = Int(arguments[1]) {
    try BenchmarkSite.generate(posts: n, at: URL(fileURLWithPath: arguments[2]))
    exit(0)
}

var runs = 5
var sizes: [Int] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--runs", index + 1 < arguments.count {
        runs = Int(arguments[index + 1]) ?? runs
        index += 2
        continue
    }
    if let n = Int(arguments[index]) { sizes.append(n) }
    index += 1
}
if sizes.isEmpty { sizes = [1_000, 4_000, 16_000] }

let hugo = BenchmarkSite.which("hugo")
print("Site benchmark: \(runs) runs a size, median wall time of a full build; peak memory of one build")
print("cores: \(ProcessInfo.processInfo.activeProcessorCount); hugo: \(hugo.map { BenchmarkSite.hugoVersion($0) } ?? "not installed")")
print("")
print("posts    design-history    peak MB    hugo        peak MB    ratio")
for n in sizes {
    // In memory (/dev/shm) where there is one, so that both generators are timed, not the disk.
    let scratch = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
    let root = scratch.appendingPathComponent("site-benchmark-\(n)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try BenchmarkSite.generate(posts: n, at: root)
    let configuration = BenchmarkSite.configuration(root: root)
    var times: [Double] = []
    for _ in 0..<runs {
        try? FileManager.default.removeItem(at: root.appendingPathComponent("Site"))  // a full build from scratch
        let start = DispatchTime.now().uptimeNanoseconds
        let report = SiteBuilder(configuration: configuration).build()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if report.errors > 0 {
            print("build failed: \(report.diagnostics.prefix(3))")
            exit(1)
        }
        if report.pages != n + 1 { print("warning: built \(report.pages) pages, expected \(n + 1)") }
        times.append(seconds)
    }
    let ours = BenchmarkSite.median(times)
    try? FileManager.default.removeItem(at: root.appendingPathComponent("Site"))
    let ourMemory = BenchmarkSite.peakMemory([CommandLine.arguments[0], "--once", root.path])
    var hugoTime: Double?
    var hugoMemory: Double?
    if let hugo {
        var hugoTimes: [Double] = []
        let hugoRoot = root.appendingPathComponent("hugo")
        for _ in 0..<runs {
            try? FileManager.default.removeItem(at: hugoRoot.appendingPathComponent("public"))
            let start = DispatchTime.now().uptimeNanoseconds
            BenchmarkSite.run(hugo, ["--quiet", "--source", hugoRoot.path, "--destination", hugoRoot.appendingPathComponent("public").path])
            hugoTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        hugoTime = BenchmarkSite.median(hugoTimes)
        try? FileManager.default.removeItem(at: hugoRoot.appendingPathComponent("public"))
        hugoMemory = BenchmarkSite.peakMemory([hugo, "--quiet", "--source", hugoRoot.path, "--destination", hugoRoot.appendingPathComponent("public").path])
    }
    func f(_ v: Double?, _ unit: String) -> String { v.map { String(format: "%.3f%@", $0, unit) } ?? "-" }
    let ratio = hugoTime.map { String(format: "%.2fx", $0 / ours) } ?? "-"
    print(String(format: "%-8d %-17@ %-10@ %-11@ %-10@ %@", n, f(ours, " s") as NSString, f(ourMemory, "") as NSString,
                 f(hugoTime, " s") as NSString, f(hugoMemory, "") as NSString, ratio as NSString))
}
print("")
print("ratio: Hugo's time over design-history's (above 1: design-history is faster)")
