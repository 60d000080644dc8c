import Foundation
import Testing
@testable import Site

/// Each kind of bad input gets its diagnostic, with the file, line and column, and no crash.
@Suite struct DiagnosticsTests {
    /// The diagnostics of the `bad` fixture with paths relative to it, as `path:line:column: severity`.
    func diagnostics() throws -> [String: [Diagnostic]] {
        let site = try FixtureSite("bad")
        defer { site.remove() }
        let (_, report) = try site.build()
        #expect(!site.exists("Site"), "a build with errors writes nothing")
        var byFile: [String: [Diagnostic]] = [:]
        let root = site.root.standardizedFileURL.path + "/"
        for var d in report.diagnostics {
            if d.path.hasPrefix(root) { d.path.removeFirst(root.count) }
            if d.path.hasPrefix("/private" + root) { d.path.removeFirst(root.count + 8) }
            byFile[d.path, default: []].append(d)
        }
        return byFile
    }

    func location(_ d: Diagnostic?) -> String {
        guard let d else { return "none" }
        return "\(d.line):\(d.column): \(d.severity.rawValue)"
    }

    @Test func everyKindOfBadInput() throws {
        let all = try diagnostics()
        // YAML errors: an error at the line of the problem.
        let yaml = all["Content/yaml-error.md"]?.first
        #expect(yaml?.severity == .error)
        #expect((3...4).contains(yaml?.line ?? 0), "\(String(describing: yaml))")
        // Unclosed front matter: a warning.
        #expect(location(all["Content/unclosed.md"]?.first) == "1:1: warning")
        // Two pages writing one file: an error naming both.
        let duplicate = (all["Content/sub/template/template.md"] ?? []) + (all["Content/sub/template.md"] ?? [])
        #expect(duplicate.count == 1)
        #expect(duplicate.first?.message.contains("sub/template/index.html") == true)
        #expect(duplicate.first?.message.contains("also writes") == true)
        // Missing screenshot, missing inline images, a broken link: warnings at the reference.
        let post = all["Content/post.md"] ?? []
        #expect(post.map(location) == ["9:7: warning", "11:16: warning", "11:52: warning", "13:92: warning"], "\(post)")
        #expect(post[0].message.contains("screenshot 'missing.png'"))
        #expect(post[1].message.contains("image 'missing-inline.png'"))
        #expect(post[2].message.contains("link '/nowhere/'"))
        #expect(post[3].message.contains("image '/also-missing.png'"))
        // Mis-indented screenshots and related: warnings at the key.
        let misindented = all["Content/misindented.md"] ?? []
        #expect(misindented.map(location) == ["4:1: warning", "9:3: warning"], "\(misindented)")
        #expect(misindented.first?.message.contains("'screenshots' is empty") == true)
        // A JavaScript data file that runs code: an error saying what to write instead.
        let api = all["Content/_data/api.js"]?.first
        #expect(api?.severity == .error)
        #expect(api?.message.contains("write the data as api.json") == true)
        // An unknown layout, a template error at its file line, a bad date, an impossible file-name date.
        #expect(all["Content/no-layout.md"]?.first?.message.contains("layout 'nonexistent' not found") == true)
        let templateError = all["Content/template-error.md"]?.first
        #expect(templateError?.severity == .error)
        #expect(templateError?.line == 6, "\(String(describing: templateError))")
        #expect(templateError?.message.contains("nosuchfilter") == true)
        #expect(location(all["Content/bad-date.md"]?.first) == "3:1: error")
        #expect(location(all["Content/2025-08-37-impossible.md"]?.first) == "1:1: warning")
        // eleventyComputed cannot set tags.
        #expect(all["Content/computed-tags.md"]?.first?.message.contains("cannot set 'tags'") == true)
    }

    @Test func refusesToWriteOverTheInputOrTheProject() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("---\ntitle: Hello\n---\nText\n", to: "Content/index.md")
        try site.write("keep", to: "Content/keep.txt")
        for output in ["Content", ".", "..", "Content/.."] {
            let (_, report) = try site.build { $0.output = output }
            #expect(report.errors == 1, "output \(output)")
            #expect(report.diagnostics.first?.message.contains("refusing to write the site") == true)
        }
        #expect(site.read("Content/keep.txt") == "keep")
        #expect(site.read("Content/index.md") != nil)
    }

    @Test func aFailedBuildLeavesThePreviousSiteWhole() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        try site.write("---\ntitle: Hello\n---\nText\n", to: "Content/index.md")
        let (_, good) = try site.build()
        #expect(good.errors == 0)
        let before = site.read("Site/index.html")
        try site.write("---\ntitle: [broken\n---\n", to: "Content/index.md")
        let (_, bad) = try site.build()
        #expect(bad.errors == 1)
        #expect(site.read("Site/index.html") == before)
        // No staging folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Site") }
        #expect(leftovers.isEmpty)
    }

    @Test func garbageInputNeverCrashes() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        let samples = ["---", "---\n---", "---\n: :\n---", "---\n- a\n- b\n---\nlist", "---\n&a [*a]\n---", "\u{FEFF}", "",
                       "---\nkey: value\n---\n{{", "---\npermalink: {{\n---", "---\npagination:\n  data: nothing\n---",
                       "---\ndate: 2023-13-45\n---", "---\ntags:\n---", "---\nlayout: [x]\n---", "[](", "<img src=", "![x](<unclosed"]
        for (index, text) in samples.enumerated() { try site.write(text, to: "Content/sample-\(index).md") }
        let (_, report) = try site.build(write: false)
        #expect(report.pages >= 0)
    }
}

@Test func imagesWrittenByMacrosAreChecked() throws {
    let site = try FixtureSite(nil)
    defer { site.remove() }
    try site.write("""
    ---
    title: Macro
    ---
    Intro.

    {% from "screenshots/macro.njk" import appScreenshots with context %}
    {{ appScreenshots({
      items: [{
        text: "Present",
        img: { src: "here.png" }
      }, {
        text: "Absent",
        img: { src: "gone.png" }
      }]
    }) }}
    """, to: "Content/posts/macro.md")
    let (_, report) = try site.build(write: false)
    #expect(report.errors == 0, "\(report.diagnostics)")
    let images = report.diagnostics.filter { $0.message.contains("image '") }
    #expect(images.count == 2, "\(report.diagnostics)")  // neither file exists
    #expect(images.map(\.line).sorted() == [10, 13], "\(images)")
    #expect(images.allSatisfy { $0.severity == .warning })
}
