import Foundation
import Preview
import Testing

@Test func traversalIsForbiddenAndFoldersRedirect() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("x"), withIntermediateDirectories: true)
    try "hi".write(to: root.appendingPathComponent("x/index.html"), atomically: true, encoding: .utf8)
    let folder = SiteFolder(root: root)
    #expect(folder.resolve("/x") == .redirect("/x/"))
    if case .file(let url) = folder.resolve("/x/") { #expect(url.lastPathComponent == "index.html") } else { Issue.record("expected a file") }
    #expect(folder.resolve("/%2e%2e/etc/passwd") == .forbidden)
    #expect(folder.resolve("/missing") == .notFound)
}

@Test func resolutionDecodesSegmentsStrictly() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("a b/empty"), withIntermediateDirectories: true)
    try "hi".write(to: root.appendingPathComponent("a b/page.html"), atomically: true, encoding: .utf8)
    try "home".write(to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    let folder = SiteFolder(root: root)
    if case .file(let url) = folder.resolve("/a%20b/page.html?x=%2e%2e") { #expect(url.lastPathComponent == "page.html") } else { Issue.record("expected a file") }
    if case .file(let url) = folder.resolve("/") { #expect(url.lastPathComponent == "index.html") } else { Issue.record("expected the home page") }
    #expect(folder.resolve("/a%20b/empty/") == .notFound, "a folder without index.html is not listed")
    #expect(folder.resolve("/a%20b/empty") == .notFound)
    #expect(folder.resolve("/a%20b%2fpage.html") == .forbidden)
    #expect(folder.resolve("/a%20b%5cpage.html") == .forbidden)
    #expect(folder.resolve("/a%20b/..") == .forbidden)
    #expect(folder.resolve("/%2E") == .forbidden)
    #expect(folder.resolve("/page%00.html") == .badRequest)
    #expect(folder.resolve("/%C3%28") == .badRequest, "not UTF-8")
    #expect(folder.resolve("/%4") == .badRequest)
    #expect(folder.resolve("relative") == .badRequest)
}
