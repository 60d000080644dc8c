import Foundation
import Testing
@testable import Site

@Test(arguments: [
    ("index.md", "index.html"),
    ("template.md", "template/index.html"),
    ("sub/template.md", "sub/template/index.html"),
    ("sub/template/template.md", "sub/template/index.html"),
])
func defaultPermalinkFollowsEleventy(input: String, output: String) {
    #expect(SiteBuilder.outputPath(forInput: input) == output)
}

@Test func buildWritesPagesAndRefusesToOverwriteInput() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/posts"), withIntermediateDirectories: true)
    try "---\ntitle: Hello\n---\nText\n".write(to: root.appendingPathComponent("Content/posts/hello.md"), atomically: true, encoding: .utf8)
    var configuration = SiteConfiguration(root: root)
    let report = SiteBuilder(configuration: configuration).build()
    #expect(report.errors == 0)
    let html = try String(contentsOf: root.appendingPathComponent("Site/posts/hello/index.html"), encoding: .utf8)
    #expect(html.contains("Text"))  // no layout: the body alone, as Eleventy writes it

    configuration.output = "Content"
    let refused = SiteBuilder(configuration: configuration).build()
    #expect(refused.errors == 1)
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Content/posts/hello.md").path))
}

@Test func anAbsoluteOutputFolderIsUsedAsGiven() {
    var configuration = SiteConfiguration(root: URL(fileURLWithPath: "/work/project"))
    configuration.output = "/tmp/elsewhere"
    #expect(configuration.outputURL.path == "/tmp/elsewhere")
    configuration.output = "Site"
    #expect(configuration.outputURL.path == "/work/project/Site")
}
