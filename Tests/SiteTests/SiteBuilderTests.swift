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

@Test func aLinkedAssetIsCopiedAsTheFileItPointsAt() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: outside) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Assets"), withIntermediateDirectories: true)
    try "---\ntitle: Home\n---\nText\n".write(to: root.appendingPathComponent("Content/index.md"), atomically: true, encoding: .utf8)
    try "kept".write(to: outside, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Assets/linked.txt"), withDestinationURL: outside)
    let report = SiteBuilder(configuration: SiteConfiguration(root: root)).build()
    #expect(report.errors == 0)
    let copied = root.appendingPathComponent("Site/linked.txt")
    let attributes = try FileManager.default.attributesOfItem(atPath: copied.path)
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    #expect(try String(contentsOf: copied, encoding: .utf8) == "kept")
}
