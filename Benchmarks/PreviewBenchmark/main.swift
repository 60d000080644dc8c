// The Preview benchmark: how long from saving a post to the preview serving the rebuilt page.
//
//   swift run -c release --scratch-path .build-release PreviewBenchmark [posts] [edits] [memory|disk|incremental|full] [body]
//
// Generates a design history of 500 posts (by default) in a temporary folder, starts the preview
// (first build, server on a free loopback port, inotify watcher, default 10 ms debounce, 1 ms once
// the saved file is closed), then
// edits a post's title (or with `body`, a sentence of its text) `edits` times. Each edit is timed from just before the file is written to
// the first response for that post's page that contains the new title, polling over one
// keep-alive connection. Prints median and 95th percentile, and the full build time alone;
// once with the output in serve's default scratch folder (memory-backed where possible) and once
// on disk, as with `serve --output`.
import Foundation
import Preview
import Site
#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let postCount = arguments.first ?? 500
let editCount = max(20, arguments.dropFirst().first ?? 25)
/// `memory`, `disk`, `incremental` or `full`: run only the measurements whose name says so.
let only = CommandLine.arguments.dropFirst().first { Int($0) == nil && $0 != "body" }
/// With `body`, each edit changes a sentence of the post's text instead of its title: the common
/// save while writing, which leaves what other pages show of the post the same.
let editBody = CommandLine.arguments.dropFirst().contains("body")

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let rank = p * Double(sorted.count - 1)
    let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
}

/// Whether `text` contains `part`, comparing UTF-8 bytes (Foundation's `contains` costs enough to
/// slow the build it is polling for).
func contains(_ text: String, _ part: String) -> Bool {
    let haystack = Array(text.utf8), needle = Array(part.utf8)
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    outer: for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        for offset in 1..<needle.count where haystack[start + offset] != needle[offset] { continue outer }
        return true
    }
    return false
}

/// Print now, even into a pipe.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

func post(_ index: Int, title: String, note: String = "") -> String {
    """
    ---
    layout: post
    title: \(title)
    date: 2024-\(String(format: "%02d", index % 12 + 1))-\(String(format: "%02d", index % 28 + 1))
    description: How we designed step \(index) of the service.
    ---
    We looked again at step \(index) after **research** with users who had *never* used the service.

    ## What we found

    - Users did not understand the word "eligibility".
    - Most people read the [guidance](https://www.gov.uk/) before starting.
    - Some used a phone: the table on step \(index) did not fit.

    ## What we changed

    We replaced the table with a summary list and moved the guidance link above the button.\(note.isEmpty ? "" : " " + note)

    ```
    if eligible { show(.startPage) }
    ```

    > We will test the new version in the next round.

    """
}

// A blocking keep-alive HTTP client for one loopback port.
final class Client: @unchecked Sendable {
    let fd: Int32
    var buffer: [UInt8] = []

    init(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        precondition(result == 0, "cannot connect to the preview")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// GET `path`; returns the body (nil on a broken connection).
    func get(_ path: String) -> String? {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let (headEnd, length) = parseHead(), buffer.count >= headEnd + length {
                let body = String(decoding: buffer[headEnd..<(headEnd + length)], as: UTF8.self)
                buffer.removeFirst(headEnd + length)
                return body
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    private func parseHead() -> (Int, Int)? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            let head = String(decoding: buffer[0..<index], as: UTF8.self).lowercased()
            guard let range = head.range(of: "content-length: ") else { return (index + 4, 0) }
            let length = Int(head[range.upperBound...].prefix { $0.isNumber }) ?? 0
            return (index + 4, length)
        }
        return nil
    }
}

/// Listens to the preview's event stream on a thread of its own and notes when each reload
/// event arrives: what an open browser tab waits for before it fetches the page again.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [UInt64] = []

    init(port: UInt16) {
        let client = Client(port: port)
        let request = Array("GET /__design-history/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            var text = ""
            while true {
                let count = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
                if count == 0 { return }
                if count < 0 { continue }  // the receive timeout: keep listening
                let now = DispatchTime.now().uptimeNanoseconds
                text += String(decoding: chunk[0..<count], as: UTF8.self)
                while let range = text.range(of: "event: reload") {
                    lock.withLock { times.append(now) }
                    text = String(text[range.upperBound...])
                }
            }
        }.start()
    }

    func first(after time: UInt64) -> UInt64? { lock.withLock { times.first { $0 >= time } } }
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-benchmark-\(UUID().uuidString)")
let posts = root.appendingPathComponent("Content/posts")
try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
try "---\nlayout: page\ntitle: Benchmark design history\n---\nA generated design history.\n".write(to: root.appendingPathComponent("Content/index.md"), atomically: true, encoding: .utf8)
for index in 0..<postCount {
    try post(index, title: "Post \(index)").write(to: posts.appendingPathComponent("post-\(index).md"), atomically: true, encoding: .utf8)
}
defer { try? FileManager.default.removeItem(at: root) }

let configuration = SiteConfiguration(root: root)

// The full build alone, for reference (output on disk, in the temporary folder).
var fullBuilds: [Double] = []
for _ in 0..<5 {
    let start = Date()
    let report = SiteBuilder(configuration: configuration).build()
    precondition(report.errors == 0, "the generated site does not build: \(report.diagnostics)")
    fullBuilds.append(Date().timeIntervalSince(start))
}
say("\(postCount) posts; full build alone: median \(milliseconds(percentile(fullBuilds, 0.5))) over \(fullBuilds.count) builds")

/// Times every rebuild the preview asks for, to split an edit's latency into its parts.
final class TimedRebuild: SiteRebuilding, @unchecked Sendable {
    let inner: any SiteRebuilding
    private let lock = NSLock()
    private var spans: [(start: UInt64, end: UInt64)] = []

    init(_ inner: any SiteRebuilding) { self.inner = inner }

    func rebuild(changed: Set<String>) -> BuildReport {
        rebuild(changed: changed, pagesWritten: { _ in })
    }

    func rebuild(changed: Set<String>, pagesWritten: @escaping (BuildReport) -> Void) -> BuildReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let report = inner.rebuild(changed: changed, pagesWritten: pagesWritten)
        let end = DispatchTime.now().uptimeNanoseconds
        lock.withLock { spans.append((start, end)) }
        return report
    }

    /// The first build that started after `time`.
    func firstBuild(after time: UInt64) -> (start: UInt64, end: UInt64)? {
        lock.withLock { spans.first { $0.start >= time } }
    }

    var count: Int { lock.withLock { spans.count } }
}
/// Serve the site built into `output`, edit posts, and print what it took.
func measure(_ label: String, output: URL, incremental: Bool) async throws {
if let only, !"\(label) \(incremental ? "incremental" : "full")".contains(only) { return }
var configuration = configuration
configuration.output = output.path
let built = configuration
let timed = TimedRebuild(incremental
    ? SessionRebuild { SiteBuilder(configuration: built).session() } as any SiteRebuilding
    : FullRebuild { SiteBuilder(configuration: built) })

var options = PreviewSession.Options()
options.port = 0
let session = PreviewSession(
    output: configuration.outputURL,
    watch: WatchList(folders: [configuration.inputURL], ignored: [configuration.outputURL]),
    rebuilder: timed,
    options: options,
    log: { line in if !line.hasPrefix("built") { say(line) } }
)
let base = try await session.start()
let port = UInt16(base.port ?? 0)
let client = Client(port: port)
let events = EventRecorder(port: port)
try await Task.sleep(for: .milliseconds(200))

var latencies: [Double] = []
var polls: [Int] = []
var untilEvent: [Double] = []
var untilBuild: [Double] = [], building: [Double] = [], untilServed: [Double] = []
for edit in 0..<editCount {
    let index = (edit * 37) % postCount
    let title = "Edited title \(edit) \(UUID().uuidString.prefix(8))"
    let path = "/posts/post-\(index)/"
    let file = posts.appendingPathComponent("post-\(index).md")
    let text = editBody ? post(index, title: "Post \(index)", note: title) : post(index, title: title)
    let marker = editBody ? " \(title)</p>" : ">\(title)</h1>"
    let start = DispatchTime.now().uptimeNanoseconds
    try text.write(to: file, atomically: false, encoding: .utf8)
    var attempts = 0
    let deadline = Date().addingTimeInterval(60)
    while true {
        attempts += 1
        if let body = client.get(path), contains(body, marker) { break }
        if Date() > deadline { fatalError("edit \(edit) of \(path) never showed up: \(client.get(path)?.prefix(400) ?? "no response")") }
        // Poll every half millisecond: fine enough to measure, light enough not to slow the build.
        usleep(500)
    }
    let served = DispatchTime.now().uptimeNanoseconds
    latencies.append(Double(served - start) / 1e9)
    polls.append(attempts)
    // The page is visible as soon as the build swaps the folder in, a moment before it returns.
    var build = timed.firstBuild(after: start)
    for _ in 0..<5000 where build == nil {
        usleep(1000)
        build = timed.firstBuild(after: start)
    }
    var event = events.first(after: start)
    for _ in 0..<5000 where event == nil {
        usleep(1000)
        event = events.first(after: start)
    }
    if let event { untilEvent.append(Double(event - start) / 1e9) }
    if let build, build.start <= served {
        untilBuild.append(Double(build.start - start) / 1e9)
        building.append(Double(build.end - build.start) / 1e9)
        untilServed.append(Double(served - build.start) / 1e9)
    }
    // The build has returned (its reload event arrived); a breath before the next edit.
    try await Task.sleep(for: .milliseconds(50))
}
await session.stop()
try? FileManager.default.removeItem(at: output)

say("")
say("\(label), \(incremental ? "incremental (SiteSession)" : "full") rebuilds: save -> rebuilt page served, \(latencies.count) \(editBody ? "body" : "title") edits, 10 ms debounce (1 ms once settled):")
say("  median \(milliseconds(percentile(latencies, 0.5))), p95 \(milliseconds(percentile(latencies, 0.95))), min \(milliseconds(latencies.min() ?? .nan)), max \(milliseconds(latencies.max() ?? .nan))")
say("save -> reload event reaches the open tab: median \(milliseconds(percentile(untilEvent, 0.5))), p95 \(milliseconds(percentile(untilEvent, 0.95))) over \(untilEvent.count) edits")
say("breakdown:")
for (name, values) in [("save -> build starts (watch + debounce)", untilBuild), ("the build", building), ("build starts -> page seen", untilServed)] {
    say("  \(name): median \(milliseconds(percentile(values, 0.5))), p95 \(milliseconds(percentile(values, 0.95)))")
}
say("  builds run: \(timed.count - 1) for \(editCount) edits")
say("  polls per edit: median \(Int(percentile(polls.map(Double.init), 0.5)))")
}

try await measure("output in memory (serve's default)", output: PreviewOutput.scratchFolder(), incremental: true)
try await measure("output in memory", output: PreviewOutput.scratchFolder(), incremental: false)
try await measure("output on disk (serve --output)", output: root.appendingPathComponent("Site"), incremental: true)
try await measure("output on disk", output: root.appendingPathComponent("Site-full"), incremental: false)
