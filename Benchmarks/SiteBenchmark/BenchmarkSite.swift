import Foundation
import Site

/// The synthetic site of the benchmark, in both generators' layouts, and the tools to time it.
enum BenchmarkSite {
    /// About 850 characters of Markdown, varied by post so that no two are the same.
    static func body(_ n: Int) -> String {
        """
        This is post number \(n) of the benchmark. It is made of a few paragraphs of ordinary text, with
        some *emphasis*, some **strong text**, a [link to another post](/posts/post-\(max(0, n - 1))/) and `a bit of code`.

        ## A heading for section \(n % 7)

        Design histories record how a service was designed: the journeys users take, the screens they see,
        and the decisions the team made along the way. Each post is dated and sits in a section.

        - a first point about the design
        - a second point, with a little more text in it
        - a third point

        > A quotation from research session \(n % 13), saying something useful about the service.

        The last paragraph closes the post with one more sentence or two, so that the whole is about as
        long as the posts of the public static site generator benchmark.

        """
    }

    /// The configuration both the timed build and `--once` use: no generated pages, one layout.
    static func configuration(root: URL) -> SiteConfiguration {
        var configuration = SiteConfiguration(root: root)
        configuration.includeVirtualTemplates = false
        configuration.passthrough = []
        configuration.markdown = .markdownIt
        return configuration
    }

    /// Write N posts for design-history (`Content/`) and for Hugo (`hugo/`), each with a one-file layout.
    static func generate(posts n: Int, at root: URL) throws {
        let fm = FileManager.default
        let content = root.appendingPathComponent("Content")
        let hugo = root.appendingPathComponent("hugo")
        try fm.createDirectory(at: content.appendingPathComponent("posts"), withIntermediateDirectories: true)
        try fm.createDirectory(at: content.appendingPathComponent("_layouts"), withIntermediateDirectories: true)
        try fm.createDirectory(at: hugo.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
        try fm.createDirectory(at: hugo.appendingPathComponent("layouts/_default"), withIntermediateDirectories: true)
        let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{ title }}</title></head>
        <body><main><h1>{{ title }}</h1>
        {{ content | safe }}</main></body>
        </html>

        """
        try layout.write(to: content.appendingPathComponent("_layouts/post.njk"), atomically: true, encoding: .utf8)
        try #"{ "layout": "post" }"#.write(to: content.appendingPathComponent("posts/posts.json"), atomically: true, encoding: .utf8)
        try "---\ntitle: Home\n---\nThe benchmark's homepage.\n".write(to: content.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let hugoLayout = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{ .Title }}</title></head>
        <body><main><h1>{{ .Title }}</h1>
        {{ .Content }}</main></body>
        </html>

        """
        try hugoLayout.write(to: hugo.appendingPathComponent("layouts/_default/single.html"), atomically: true, encoding: .utf8)
        try hugoLayout.write(to: hugo.appendingPathComponent("layouts/_default/list.html"), atomically: true, encoding: .utf8)
        try hugoLayout.write(to: hugo.appendingPathComponent("layouts/index.html"), atomically: true, encoding: .utf8)
        try """
        baseURL = "https://example.org/"
        title = "Benchmark"
        disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

        """.write(to: hugo.appendingPathComponent("hugo.toml"), atomically: true, encoding: .utf8)
        for i in 0..<n {
            let text = "---\ntitle: Post \(i)\n---\n\n" + body(i)
            try text.write(to: content.appendingPathComponent("posts/post-\(i).md"), atomically: false, encoding: .utf8)
            try text.write(to: hugo.appendingPathComponent("content/posts/post-\(i).md"), atomically: false, encoding: .utf8)
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func hugoVersion(_ hugo: String) -> String {
        run(hugo, ["version"]).split(separator: " ").prefix(2).joined(separator: " ")
    }

    /// Peak memory of running a command, in megabytes, from `/usr/bin/time -v`.
    static func peakMemory(_ command: [String]) -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let output = run("/usr/bin/time", ["-v"] + command)
        for line in output.split(separator: "\n") where line.contains("Maximum resident set size") {
            if let kb = line.split(separator: ":").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) { return kb / 1024 }
        }
        return nil
    }
}
