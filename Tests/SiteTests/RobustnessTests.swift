import Foundation
import Testing
@testable import Site
import Templates

/// Random and hostile input: every reader returns (a value or a diagnostic) and never crashes or hangs.
@Suite struct RobustnessTests {
    /// A small deterministic generator, so a failure can be reproduced.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func text(from alphabet: [String], count: Int) -> String {
            (0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }.joined()
        }
    }

    static let pieces = ["---", "\n", " ", "  ", "-", ":", "title", "'", "\"", "{", "}", "[", "]", "{{", "}}", "{%", "%}", "#",
                         "\r\n", "\u{FEFF}", "é", "0755", "yes", "2023-12-01", "1:30", "*", "&a", "*a", "!!str", "|", ">",
                         "![x](", ")", "<img src=\"", "<a href='", "`", "```", "\t", "module.exports = ", "\\u", ",", "/*", "//"]

    @Test func readersSurviveRandomInput() {
        var generator = Generator(state: 42)
        for _ in 0..<2_000 {
            let text = generator.text(from: Self.pieces, count: Int(generator.next() % 60))
            var diagnostics: [Diagnostic] = []
            _ = FrontMatter(text: text, path: "fuzz.md", diagnostics: &diagnostics)
            _ = DataFile.parse(text, name: "fuzz.js", displayPath: "fuzz.js", diagnostics: &diagnostics)
            _ = DataFile.parse(text, name: "fuzz.yml", displayPath: "fuzz.yml", diagnostics: &diagnostics)
            _ = LinkScanner.scan(text)
            _ = JSYAMLScalar.resolve(text)
            _ = SiteSession.indentationWarnings(FrontMatter(text: text, path: "f", diagnostics: &diagnostics), path: "f")
            _ = TemplateSlug.slugify(text)
            _ = EleventyPath(text).fileSlug
            _ = EleventyPath(text).dateInPath
        }
    }

    @Test func globsCannotHang() {
        let start = Date()
        let pattern = String(repeating: "*a", count: 30) + "b"
        #expect(!Glob(pattern).matches(String(repeating: "a", count: 200)))
        #expect(!Glob(String(repeating: "{a,b}", count: 20)).matches("ab"))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(Glob("posts/**/*.md").matches("posts/a/b/c.md"))
        #expect(Glob("posts/*.md").matches("posts/x.md"))
        #expect(!Glob("posts/*.md").matches("posts/a/x.md"))
        #expect(Glob("app/posts/{ecf-v2,npq}/*.md").matches("app/posts/npq/x.md"))
    }

    @Test func deeplyNestedDataIsBounded() {
        var diagnostics: [Diagnostic] = []
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        _ = DataFile.parse(deep, name: "deep.json", displayPath: "deep.json", diagnostics: &diagnostics)
        #expect(diagnostics.first?.message.contains("nested too deeply") == true)
        let yaml = "---\n" + (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " end\n---\n"
        _ = FrontMatter(text: yaml, path: "deep.md", diagnostics: &diagnostics)
    }
}

@Test func symbolicLinkLoopsAreWalkedOnce() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("---\ntitle: A\n---\n", to: "Content/a/index.md")
    try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/a/loop").path,
                                               withDestinationPath: site.root.appendingPathComponent("Content").path)
    let (session, report) = try site.build(write: false)
    #expect(report.errors == 0, "\(report.diagnostics)")
    #expect(session.builtURLs == ["/a/"])
}
