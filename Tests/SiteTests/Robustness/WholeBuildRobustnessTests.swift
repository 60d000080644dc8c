import Foundation
import Testing
@testable import Site

/// Whole builds of small sites with one kind of bad input each: the build returns, reports the
/// problem at its file and line, goes on to report an unrelated problem elsewhere in the same build,
/// fails with errors, and leaves the previous `Site/` exactly as it was.
@Suite struct WholeBuildRobustnessTests {
    /// A problem in another file that must be reported too (the build keeps going), and a good page.
    static let companion = ("Content/zz-companion.md", "---\ntitle: Companion\n---\n{% nosuchtag %}\n")
    static let good = ("Content/good.md", "---\ntitle: Good\n---\nGood page.\n")

    @Test(arguments: BadInputCases.all)
    func badInputIsReportedAndTheSiteKept(_ item: BadInputCase) throws {
        let site = try RobustSite()
        defer { site.remove() }
        for file in item.files { try site.write(file.bytes, to: file.path) }
        try site.write(Self.good.1, to: Self.good.0)
        if item.fails { try site.write(Self.companion.1, to: Self.companion.0) }
        try site.write("<p>previous build</p>\n", to: "Site/index.html")
        try site.write(Data([0, 1, 2, 255]), to: "Site/assets/old.bin")
        let before = site.snapshot("Site")

        let report = try #require(site.build(), "the build did not finish: \(item)")
        let listing = report.diagnostics.map(\.description).joined(separator: "\n")

        for expected in item.expected {
            #expect(report.diagnostics.contains(where: expected.matches), "\(item): expected \(expected) in\n\(listing)")
        }
        for d in report.diagnostics {
            #expect(d.line >= 1 && d.column >= 1, "\(item): \(d)")
            #expect(site.exists(d.path), "\(item): a diagnostic names a file that does not exist: \(d)")
        }
        if item.fails {
            #expect(report.errors > 0, "\(item)")
            #expect(report.diagnostics.contains { $0.path == Self.companion.0 && $0.line == 4 && $0.severity == .error },
                    "\(item): the build stopped before reporting the companion's error:\n\(listing)")
            #expect(site.snapshot("Site") == before, "\(item): a failed build changed Site/")
        } else {
            #expect(report.errors == 0, "\(item):\n\(listing)")
            #expect(site.exists("Site/good/index.html"), "\(item)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.deletingLastPathComponent().appendingPathComponent("escaped.html").path))
    }
}
