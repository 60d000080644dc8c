import Foundation
@testable import Site

/// A fixture site copied to a temporary folder, built there, and removed afterwards.
struct FixtureSite {
    let root: URL

    /// Copy `Fixtures/<name>` (or start empty with `nil`) into a fresh temporary folder.
    init(_ name: String?) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("site-tests-\(UUID().uuidString)")
        if let name {
            guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw CocoaError(.fileNoSuchFile)
            }
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// The configuration: the fixture's `design-history.yml` if it has one, else the defaults.
    func configuration() throws -> SiteConfiguration {
        let file = root.appendingPathComponent("design-history.yml")
        var configuration = FileManager.default.fileExists(atPath: file.path) ? try SiteConfiguration.load(from: file) : SiteConfiguration(root: root)
        configuration.includeVirtualTemplates = false
        return configuration
    }

    /// Build, returning the session (for its pages and collections) and the report.
    func build(write: Bool = true, configure: (inout SiteConfiguration) -> Void = { _ in }) throws -> (SiteSession, BuildReport) {
        var configuration = try configuration()
        configure(&configuration)
        let session = SiteSession(configuration: configuration)
        let report = session.build(write: write)
        return (session, report)
    }

    /// Every file below a folder of the fixture, relative to it.
    func files(under folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            found.append(String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)))
        }
        return found.sorted()
    }
}

extension SiteSession {
    /// The URLs of the last build's pages, in page order.
    var builtURLs: [String] { state.pages.compactMap(\.url) }

    /// The titles of a collection, in its order.
    func titles(ofCollection name: String) -> [String] {
        guard case .array(let items)? = state.collections[name] else { return [] }
        return items.map { $0[member: "data"][member: "title"].stringValue }
    }

    func page(url: String) -> Page? { state.pages.first { $0.url == url } }
}
