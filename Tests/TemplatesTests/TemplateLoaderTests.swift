import Foundation
import Testing
@testable import Templates

/// `TemplateLoader.locate`: a name with only plain components is joined to each folder's path as a
/// string; one with `.`, `..` or empty components goes through standardized URLs. Both must name the
/// same file, and neither may leave the folder.
@Test func locateFindsPlainAndDottedNamesAtTheSamePath() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
    let site = root.appendingPathComponent("site"), builtIn = root.appendingPathComponent("built-in")
    defer { try? FileManager.default.removeItem(at: root) }
    for folder in [site, builtIn.appendingPathComponent("parts")] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try "site".write(to: site.appendingPathComponent("page.njk"), atomically: true, encoding: .utf8)
    try "built-in".write(to: builtIn.appendingPathComponent("page.njk"), atomically: true, encoding: .utf8)
    try "part".write(to: builtIn.appendingPathComponent("parts/a.njk"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: builtIn.appendingPathComponent("parts/folder.njk"), withIntermediateDirectories: true)
    // A search path written with a `..` of its own, and one with a trailing slash.
    let loader = TemplateLoader(searchPaths: [site.appendingPathComponent("../site"), URL(fileURLWithPath: builtIn.path + "/")])

    #expect(loader.locate("page.njk")?.path == site.standardizedFileURL.path + "/page.njk")
    let part = builtIn.standardizedFileURL.path + "/parts/a.njk"
    #expect(loader.locate("parts/a.njk")?.path == part)
    #expect(loader.locate("./parts/a.njk")?.path == part)
    #expect(loader.locate("parts/../parts/a.njk")?.path == part)
    #expect(loader.locate("parts//a.njk")?.path == part)
    // Not found: missing, a folder, climbing out, empty.
    #expect(loader.locate("missing.njk") == nil)
    #expect(loader.locate("parts/folder.njk") == nil)
    try "outside".write(to: root.appendingPathComponent("outside.njk"), atomically: true, encoding: .utf8)
    #expect(loader.locate("../outside.njk") == nil)
    #expect(loader.locate("") == nil)
    #expect(loader.locate("parts/") == nil)
    // Names with dots that are not `.` or `..` components are plain.
    try "dots".write(to: builtIn.appendingPathComponent("...njk"), atomically: true, encoding: .utf8)
    #expect(loader.locate("...njk")?.path == builtIn.standardizedFileURL.path + "/...njk")
}
