import Foundation
import Testing

/// `design-history build` on bad input, run as a user would: one `path:line:column: severity:` line
/// per problem on standard error, paths relative to where it runs, exit status 1 on errors, and the
/// previous site untouched.
@Suite struct BuildRobustnessTests {
    /// A fresh project folder with the given files, removed afterwards by the caller.
    static func project(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("build-robustness-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let path as String in enumerator {
            files[path] = (try? Data(contentsOf: folder.appendingPathComponent(path))) ?? Data()
        }
        return files
    }

    /// `path:line:column: error: message` or `…: warning: …`, possibly with a check id.
    static func parse(_ line: Substring) -> (path: String, line: Int, column: Int, severity: String)? {
        let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, let l = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        let severity = parts[3].trimmingCharacters(in: .whitespaces)
        guard severity.hasPrefix("error") || severity.hasPrefix("warning") else { return nil }
        return (String(parts[0]), l, c, severity.hasPrefix("error") ? "error" : "warning")
    }

    @Test func everyProblemIsReportedWithItsPlaceAndTheBuildFails() throws {
        let root = try Self.project([
            "Content/yaml.md": "---\ntitle: A\ntags: [x\n---\nBody\n",
            "Content/tag.md": "---\ntitle: B\n---\nText\n{% frobnicate %}\n",
            "Content/_data/bad.json": "{\n  \"a\": ,\n}\n",
            "Content/nolayout.md": "---\nlayout: nowhere.njk\n---\nX\n",
            "Content/good.md": "---\ntitle: Good\n---\nGood\n",
            "Site/index.html": "<p>previous</p>\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let before = Self.snapshot(root.appendingPathComponent("Site"))
        let result = try CommandRunner.run(["build"], in: root)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        let parsed = lines.compactMap(Self.parse)
        #expect(parsed.count == lines.count, "every line of standard error is a diagnostic:\n\(result.stderr)")
        let errors = Dictionary(grouping: parsed.filter { $0.severity == "error" }, by: \.path)
        #expect((3...4).contains(errors["Content/yaml.md"]?.first?.line ?? 0), "\(result.stderr)")
        #expect(errors["Content/tag.md"]?.first.map { "\($0.line):\($0.column)" } == "5:4", "\(result.stderr)")
        #expect(errors["Content/_data/bad.json"]?.first?.line == 2, "\(result.stderr)")
        #expect(errors["Content/nolayout.md"]?.first?.line == 2, "\(result.stderr)")
        #expect(result.stdout.contains("errors"), "the summary line: \(result.stdout)")
        #expect(Self.snapshot(root.appendingPathComponent("Site")) == before)
    }

    @Test func aGoodSiteExitsZeroAndWritesTheSite() throws {
        let root = try Self.project(["Content/good.md": "---\ntitle: Good\n---\nGood\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run(["build"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Site/good/index.html").path))
    }

    @Test func warningsAloneExitZeroAndQuietHidesThem() throws {
        let root = try Self.project([
            "Content/unclosed.md": "---\ntitle: Never closed\n\nBody\n",
            "Content/good.md": "---\ntitle: Good\n---\nGood\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loud = try CommandRunner.run(["build"], in: root)
        #expect(loud.status == 0, "\(loud.stderr)")
        let warning = loud.stderr.split(separator: "\n").first.flatMap(Self.parse)
        #expect(warning?.path == "Content/unclosed.md" && warning?.line == 1 && warning?.severity == "warning", "\(loud.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Site/good/index.html").path))
        let quiet = try CommandRunner.run(["build", "--quiet"], in: root)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet.stderr)\(quiet.stdout)")
    }

    @Test(arguments: [".", "Content", "..", "Content/..", "/", "TMP"])
    func aDestructiveOutputIsRefusedWithExitOne(_ output: String) throws {
        let root = try Self.project(["Content/good.md": "---\ntitle: Good\n---\nGood\n", "keep.txt": "keep\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let before = Self.snapshot(root)
        let target = output == "TMP" ? root.deletingLastPathComponent().path : output
        let result = try CommandRunner.run(["build", "--output", target], in: root)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("error:") && result.stderr.contains("refusing"), "\(result.stderr)")
        #expect(Self.snapshot(root) == before)
    }

    @Test func anUnreadableConfigurationIsOneClearError() throws {
        let root = try Self.project(["design-history.yml": "input: [Content\nlayouts: x\n", "Content/good.md": "Good\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run(["build"], in: root)
        #expect(result.status == 1)
        let first = result.stderr.split(separator: "\n").first.flatMap(Self.parse)
        #expect(first?.path.hasSuffix("design-history.yml") == true, "\(result.stderr)")
        #expect(first?.severity == "error")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Site").path))
    }

    @Test func aPassthroughTargetOutsideTheOutputIsRefusedAtItsLine() throws {
        let root = try Self.project([
            "design-history.yml": "passthrough:\n  Assets: ../../escaped\n",
            "Assets/a.css": "body {}\n",
            "Content/good.md": "Good\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run(["build"], in: root)
        #expect(result.status == 1)
        let first = result.stderr.split(separator: "\n").first.flatMap(Self.parse)
        #expect(first?.path.hasSuffix("design-history.yml") == true && first?.line == 2 && first?.column == 11, "\(result.stderr)")
        #expect(result.stderr.contains("leaves the output folder"))
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("escaped").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Site").path))
    }

    @Test func aMissingInputFolderIsOneClearError() throws {
        let root = try Self.project(["README.md": "not a site\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run(["build", "--input", "NoSuchFolder"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("NoSuchFolder") && result.stderr.contains("error:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Site").path))
    }
}
