import Foundation
import Testing
@testable import Site

/// One fixture site with a problem of each kind in its own file (`Fixtures/robustness/many-problems`):
/// a single build reports every one of them, each at its file, line and column, and writes nothing.
/// The expected list is `expected-diagnostics.txt` beside the site; `RECORD_GOLDEN=1` re-records it.
@Suite struct ManyProblemsRobustnessTests {
    static let expectedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/robustness/many-problems/expected-diagnostics.txt")

    @Test func oneBuildReportsEveryProblem() throws {
        let site = try FixtureSite("robustness/many-problems")
        defer { site.remove() }
        try site.write("<p>previous build</p>\n", to: "Site/index.html")
        let (_, report) = try site.build()
        let root = site.root.standardizedFileURL.path + "/"
        let lines = report.diagnostics.map { d -> String in
            var path = d.path.hasPrefix("/") ? d.path : SiteRenderer.workingFolder + d.path
            if path.hasPrefix(root) { path.removeFirst(root.count) }
            return "\(path):\(d.line):\(d.column): \(d.severity.rawValue)"
        }.sorted()
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try text.write(to: Self.expectedFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.expectedFile, encoding: .utf8)
        #expect(text == expected, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        // Every file with a problem has its diagnostic (a loop is reported at the file that closes it).
        let named = Set(lines.map { String($0.prefix { $0 != ":" }) })
        let problems = site.files(under: "Content").map { "Content/" + $0 }.filter {
            !["Content/good.md", "Content/_data/count.json", "Content/_includes/loop-b.njk", "Content/_layouts/one.njk",
              "Content/posts/same-a.md", "Content/posts/layout-loop.md", "Content/posts/include-loop.md", "Content/posts/uses-broken-layout.md"].contains($0)
        }
        #expect(problems.filter { !named.contains($0) } == [], "files with a problem and no diagnostic")
        #expect(report.errors > 0)
        #expect(site.read("Site/index.html") == "<p>previous build</p>\n")
        #expect(site.files(under: "Site") == ["index.html"])
    }
}
