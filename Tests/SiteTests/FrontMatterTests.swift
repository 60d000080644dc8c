import Foundation
import Testing
import Templates
@testable import Site

/// Front matter as gray-matter and js-yaml 3 read it.
@Suite struct FrontMatterTests {
    func parse(_ text: String) -> (FrontMatter, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let frontMatter = FrontMatter(text: text, path: "post.md", diagnostics: &diagnostics)
        return (frontMatter, diagnostics)
    }

    @Test func scalarsResolveAsJSYAMLNotYAML11() {
        let (fm, diagnostics) = parse("""
        ---
        yes: yes
        no: No
        on: on
        t: true
        f: False
        octal: 0755
        decimal: 1_000
        hex: 0x1F
        time: 1:30
        float: 1.5e3
        notANumber: 09
        empty:
        tilde: ~
        quoted: "0755"
        date: 2023-12-01
        stamp: 2023-12-01 10:30:00
        zoned: 2023-12-01T10:30:00+01:00
        ---
        Body
        """)
        #expect(diagnostics.isEmpty)
        let d = fm.data
        #expect(d["yes"]?.stringValue == "yes")
        if case .string? = d["no"] {} else { Issue.record("No should be a string, got \(String(describing: d["no"]))") }
        #expect(d["on"]?.stringValue == "on")
        if case .bool(true)? = d["t"] {} else { Issue.record("true") }
        if case .bool(false)? = d["f"] {} else { Issue.record("False") }
        if case .number(493)? = d["octal"] {} else { Issue.record("0755 is octal 493, got \(String(describing: d["octal"]))") }
        if case .number(1000)? = d["decimal"] {} else { Issue.record("1_000") }
        if case .number(31)? = d["hex"] {} else { Issue.record("0x1F") }
        if case .number(90)? = d["time"] {} else { Issue.record("1:30 is sexagesimal 90, got \(String(describing: d["time"]))") }
        if case .number(1500)? = d["float"] {} else { Issue.record("1.5e3") }
        if case .string("09")? = d["notANumber"] {} else { Issue.record("09 is a string, got \(String(describing: d["notANumber"]))") }
        if case .null? = d["empty"] {} else { Issue.record("empty is null") }
        if case .null? = d["tilde"] {} else { Issue.record("~ is null") }
        if case .string("0755")? = d["quoted"] {} else { Issue.record("quoted stays a string") }
        if case .date(let date)? = d["date"] { #expect(JSDate.isoString(date) == "2023-12-01T00:00:00.000Z") } else { Issue.record("date") }
        if case .date(let date)? = d["stamp"] { #expect(JSDate.isoString(date) == "2023-12-01T10:30:00.000Z") } else { Issue.record("stamp") }
        if case .date(let date)? = d["zoned"] { #expect(JSDate.isoString(date) == "2023-12-01T09:30:00.000Z") } else { Issue.record("zoned") }
        #expect(fm.body == "Body")
        #expect(fm.bodyLine == 20)
    }

    @Test func toleratesWhatRealPostsDo() {
        // The whole block indented, a closing '--- ' with trailing spaces.
        let (indented, d1) = parse("---\n  title: Indented\n  tags:\n    - a\n---   \nBody\n")
        #expect(d1.isEmpty)
        #expect(indented.data["title"]?.stringValue == "Indented")
        #expect(indented.body.trimmingCharacters(in: .whitespacesAndNewlines) == "Body")
        // CRLF and a byte-order mark.
        let (crlf, d2) = parse("\u{FEFF}---\r\ntitle: Windows\r\n---\r\nBody\r\n")
        #expect(d2.isEmpty)
        #expect(crlf.data["title"]?.stringValue == "Windows")
        #expect(crlf.body == "Body\r\n")
        #expect(crlf.bodyLine == 4)
        // '--- ' opening with trailing spaces is still YAML.
        let (spaces, d3) = parse("---  \ntitle: Spaces\n---\n")
        #expect(d3.isEmpty)
        #expect(spaces.data["title"]?.stringValue == "Spaces")
        // No front matter; four dashes is not front matter.
        let (none, _) = parse("Just text\n")
        #expect(!none.present && none.body == "Just text\n")
        let (dashes, _) = parse("----\ntitle: x\n----\n")
        #expect(!dashes.present)
    }

    @Test func unclosedFrontMatterIsAWarning() {
        let (fm, diagnostics) = parse("---\ntitle: Never closed\nSome text that is not YAML: really: no\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.description.hasPrefix("post.md:1:1: warning: front matter is not closed") == true)
        #expect(fm.body.contains("Some text"))
    }

    @Test func yamlErrorsPointAtTheFileLine() {
        let (_, diagnostics) = parse("---\ntitle: Fine\ntags: [unclosed\nother: x\n---\nBody\n")
        #expect(diagnostics.count == 1)
        let d = diagnostics.first
        #expect(d?.severity == .error)
        #expect(d?.path == "post.md")
        #expect((d?.line ?? 0) >= 3 && (d?.line ?? 0) <= 5, "\(String(describing: d))")
        #expect(d?.description.contains("error: front matter:") == true)
        let (_, tabs) = parse("---\ntitle: a\n\tbad: tab\n---\n")
        #expect(tabs.first?.line == 3, "\(tabs)")
    }

    @Test func positionsAreFileLines() {
        let (fm, _) = parse("---\ntitle: T\nscreenshots:\n  items:\n    - text: A\n      src: a.png\n---\n")
        #expect(fm.positions["title"] == SourcePosition(line: 2, column: 1))
        #expect(fm.positions["screenshots.items.0.src"]?.line == 6)
    }

    @Test func javaScriptFrontMatterReadsOnlyObjectLiterals() {
        let (fm, d1) = parse("---js\n{ title: 'From JS', tags: [\"a\"], }\n---\nBody")
        #expect(d1.isEmpty, "\(d1)")
        #expect(fm.data["title"]?.stringValue == "From JS")
        let (_, d2) = parse("---js\nconst x = 1;\nmodule.exports = { title: x }\n---\n")
        #expect(d2.first?.severity == .error)
        #expect(d2.first?.message.contains("write it as YAML front matter") == true)
    }

    @Test func javaScriptDataFiles() throws {
        var diagnostics: [Diagnostic] = []
        let value = DataFile.parse("'use strict'\nmodule.exports = {\n  name: `Design`, // c\n  n: -1.5, list: [true, null, 'x\\'y'],\n}\n", name: "app.js", displayPath: "_data/app.js", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(value?[member: "name"].stringValue == "Design")
        #expect(value?[member: "list"][member: "2"].stringValue == "x'y")
        let esm = DataFile.parse("export default { a: 1 }", name: "x.js", displayPath: "x.js", diagnostics: &diagnostics)
        #expect(esm?[member: "a"].stringValue == "1")
        _ = DataFile.parse("module.exports = async function () {\n  return await fetch('x')\n}\n", name: "api.js", displayPath: "_data/api.js", diagnostics: &diagnostics)
        let d = try #require(diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.line == 1 && d.column == 18)
        #expect(d.message.contains("write the data as api.json"))
    }
}

@Test func duplicatedKeysAreAnErrorAsInJSYAML() {
    var diagnostics: [Diagnostic] = []
    _ = FrontMatter(text: "---\ndescription: x\ntitle: a\ntitle: b\n---\nBody\n", path: "dup.md", diagnostics: &diagnostics)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.description.hasPrefix("dup.md:3:1: error: front matter: duplicated key 'title'") == true, "\(diagnostics)")
}

/// libyaml notices an unclosed `[`, `{` or quote only where the text runs out; the error points
/// where the construct opens, which is what the writer has to fix, and says where it was noticed.
@Test(arguments: [
    ("---\ntitle: Hello\ntags: [a, b\ndate: 2024-01-02\n---\nBody\n", 3, 7, "this list (`[`) is not closed"),
    ("---\nscreenshots: {items: a\ntitle: x\n---\nBody\n", 2, 14, "this mapping (`{`) is not closed"),
    ("---\ntitle: \"Unclosed\ndate: 2024-01-02\n---\nBody\n", 2, 8, "this quoted string is not closed"),
])
func unclosedYAMLIsReportedWhereItOpens(text: String, line: Int, column: Int, message: String) throws {
    var diagnostics: [Diagnostic] = []
    _ = FrontMatter(text: text, path: "post.md", diagnostics: &diagnostics)
    let d = try #require(diagnostics.first, "\(diagnostics)")
    #expect(diagnostics.count == 1)
    #expect(d.severity == .error)
    #expect(d.line == line && d.column == column, "\(d)")
    #expect(d.message.hasPrefix("front matter: \(message): "), "\(d)")
    #expect(d.message.contains("(noticed at line "), "\(d)")
}

@Test func aYAMLErrorWithoutAnOpeningIsReportedWhereItIs() throws {
    var diagnostics: [Diagnostic] = []
    _ = FrontMatter(text: "---\ntitle: Hi\n  bad: indent\n---\nBody\n", path: "post.md", diagnostics: &diagnostics)
    let d = try #require(diagnostics.first)
    #expect(d.line == 3 && d.column == 6, "\(d)")
    #expect(d.message == "front matter: mapping values are not allowed in this context")
}
