import Foundation
import Testing
@testable import Site

/// The real design histories of `../shared/corpora`, materialized and built with the configurations
/// in `Scripts/corpora/`: no errors, every post at the URL Eleventy gives it.
@Suite struct CorporaTests {
    /// `shared/` sits beside the clone (as in CI); `/work/shared` is the developers' copy.
    static var corpora: URL {
        let beside = ContentTests.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
        return FileManager.default.fileExists(atPath: beside.path) ? beside : URL(fileURLWithPath: "/work/shared/corpora")
    }
    static var available: Bool { FileManager.default.fileExists(atPath: corpora.appendingPathComponent("materialize.py").path) }

    static func materialize(_ name: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", corpora.appendingPathComponent("materialize.py").path, corpora.appendingPathComponent(name).path, target.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let config = ContentTests.repositoryRoot.appendingPathComponent("Scripts/corpora/\(name)/design-history.yml")
        try FileManager.default.copyItem(at: config, to: target.appendingPathComponent("design-history.yml"))
        return target
    }

    @Test(.enabled(if: available), arguments: ["DFE-Digital+teacher-cpd-design-history", "x-govuk+govuk-design-history-template"])
    func corpusBuildsWithEleventysURLs(name: String) throws {
        let root = try Self.materialize(name)
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = try SiteConfiguration.load(from: root.appendingPathComponent("design-history.yml"))
        let report = SiteSession(configuration: configuration).build()
        #expect(report.errors == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        // Every post: app/posts/<section>/[YYYY-MM-DD-]<slug>.md -> /<section>/<slug>/.
        let posts = root.appendingPathComponent("app/posts")
        var checked = 0
        for section in try FileManager.default.contentsOfDirectory(atPath: posts.path) {
            let folder = posts.appendingPathComponent(section)
            // Section pages (posts/<section>.md beside posts/<section>/) set their own permalinks.
            if section.hasSuffix(".md") {
                let stem = String(section.dropLast(3))
                if FileManager.default.fileExists(atPath: posts.appendingPathComponent(stem).path) { continue }
                let output = root.appendingPathComponent("_site/\(EleventyPath.stripDate(stem))/index.html")
                #expect(FileManager.default.fileExists(atPath: output.path), "\(section)")
                checked += 1
                continue
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasSuffix(".md") {
                let slug = EleventyPath.stripDate(String(name.dropLast(3)))
                let output = root.appendingPathComponent("_site/\(section)/\(slug)/index.html")
                #expect(FileManager.default.fileExists(atPath: output.path), "\(section)/\(name)")
                checked += 1
            }
        }
        #expect(checked > 0)
        if name.hasPrefix("DFE") {
            #expect(checked >= 151)
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/ecf-v2/exploring-using-dfe-sign-in/index.html").path))
            // The real problems it contains are warnings: missing images and broken links.
            #expect(report.warnings > 0)
            #expect(report.diagnostics.contains { $0.message.contains("is not a file the site has") })
        }
    }
}
