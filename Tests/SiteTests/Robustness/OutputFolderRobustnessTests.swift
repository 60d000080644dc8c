import Foundation
import Testing
@testable import Site

/// Output folders that would destroy the project are refused with nothing deleted; an output that
/// cannot be written is a clear error.
@Suite struct OutputFolderRobustnessTests {
    /// Output as the input, the project root, a parent of the input, a parent of the root, and the
    /// input given through `..`, each absolute or relative.
    @Test(arguments: ["Content", "Content/", ".", "", "./Content/../Content", "..", "Content/..", "ABS_ROOT", "ABS_INPUT"])
    func destructiveOutputFoldersAreRefused(_ output: String) throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: Kept\n---\nKept\n", to: "Content/kept.md")
        try site.write("notes\n", to: "notes.txt")
        let before = site.snapshot("")
        let report = try #require(site.build(configure: {
            $0.output = output == "ABS_ROOT" ? site.root.path : output == "ABS_INPUT" ? site.root.appendingPathComponent("Content").path : output
        }))
        #expect(report.errors >= 1, "\(output)")
        let refusal = report.diagnostics.first { $0.severity == .error }
        #expect(refusal?.message.contains("refusing") == true, "\(output): \(report.diagnostics)")
        #expect(site.snapshot("") == before, "\(output): the project changed")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains(".building-") && $0.contains(site.root.lastPathComponent) })
    }

    /// Symlinks do not get around the refusal.
    @Test func anOutputThatIsASymlinkToTheInputIsRefused() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: Kept\n---\nKept\n", to: "Content/kept.md")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("link").path, withDestinationPath: "Content")
        let before = site.snapshot("Content")
        let report = try #require(site.build(configure: { $0.output = "link" }))
        #expect(report.errors >= 1)
        #expect(site.snapshot("Content") == before)
    }

    @Test func aReadOnlyOutputParentIsAClearError() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("", to: "locked/.keep")
        chmod(site.root.appendingPathComponent("locked").path, 0o555)
        // Root ignores permission bits; /proc cannot be written by anyone.
        let writable = access(site.root.appendingPathComponent("locked").path, W_OK) == 0
        let output = writable ? "/proc/design-history-robustness/Site" : site.root.appendingPathComponent("locked/Site").path
        let report = try #require(site.build(configure: { $0.output = output }))
        #expect(report.errors == 1, "\(report.diagnostics)")
        let error = report.diagnostics.first { $0.severity == .error }
        #expect(error?.message.contains("cannot") == true || error?.message.contains("ermission") == true, "\(report.diagnostics)")
        #expect(error?.line == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func anOutputParentThatIsAFileIsAClearError() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("a file\n", to: "plain.txt")
        let report = try #require(site.build(configure: { $0.output = "plain.txt/Site" }))
        #expect(report.errors == 1, "\(report.diagnostics)")
        #expect(site.read("plain.txt") == "a file\n")
    }

    /// An output path that is a file is refused, not replaced by a folder.
    @Test func anOutputThatIsAFileIsRefusedAndKept() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("not a folder\n", to: "Site")
        let report = try #require(site.build())
        #expect(report.errors == 1, "\(report.diagnostics)")
        #expect(report.diagnostics.first?.message.contains("not a folder") == true, "\(report.diagnostics)")
        #expect(site.read("Site") == "not a folder\n")
    }

    /// A failed build after a good one leaves the good one byte for byte, and writes no staging folder.
    @Test func aFailedRebuildKeepsTheGoodSite() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        let first = try #require(site.build())
        #expect(first.errors == 0)
        let good = site.snapshot("Site")
        #expect(good.keys.contains("a/index.html"))
        try site.write("---\ntitle: B\n---\n{% if %}\n", to: "Content/b.md")
        try site.write("---\ntitle: A2\n---\nChanged\n", to: "Content/a.md")
        let second = try #require(site.build())
        #expect(second.errors >= 1)
        #expect(site.snapshot("Site") == good)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("building") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
