import Foundation
import Markdown
import Testing

/// Golden files: `Fixtures/golden/NAME.md` rendered with the settings in `NAME.options`
/// (`profile: …`, `option: NAME=VALUE`, `extensions: a,b`) must equal `NAME.html`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter GoldenFixtureTests` and review the diff.
struct GoldenFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    static func options(_ text: String) throws -> MarkdownOptions {
        var options = MarkdownOptions.govuk
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "profile": options = try MarkdownOptions.profile(named: parts[1])
            case "extensions": try options.setExtensions(parts[1])
            case "option":
                let pair = parts[1].split(separator: "=", maxSplits: 1).map(String.init)
                try options.setOption(pair[0], to: pair.count > 1 ? pair[1] : "")
            default: break
            }
        }
        return options
    }

    @Test(arguments: names)
    func rendersAsRecorded(_ name: String) throws {
        let markdown = try String(contentsOf: Self.folder.appendingPathComponent(name + ".md"), encoding: .utf8)
        let optionsText = try String(contentsOf: Self.folder.appendingPathComponent(name + ".options"), encoding: .utf8)
        let html = MarkdownDocument.html(markdown, options: try Self.options(optionsText))
        let golden = Self.folder.appendingPathComponent(name + ".html")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try Data(html.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(html == expected, "\(name)")
    }

    @Test func fixturesExist() {
        #expect(Self.names.count >= 25)
    }
}
