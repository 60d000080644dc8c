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
