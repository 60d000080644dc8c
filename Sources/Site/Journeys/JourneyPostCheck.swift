import Foundation
import Journeys
import Templates

/// One post checked against journey models on its own, from its text: for tests of models against
/// posts, and for tools that check a single file without building the site.
public enum JourneyPostCheck {
    /// Front matter diagnostics and journey diagnostics (D1–D9) of a post.
    ///
    /// - Parameters:
    ///   - url: the page's URL, against which relative screenshot paths resolve.
    ///   - siteHasFile: whether the site will have a file at a site path; by default every file exists.
    public static func diagnostics(text: String, path: String, url: String = "/", catalog: JourneyCatalog, siteHasFile: @escaping @Sendable (String) -> Bool = { _ in true }) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let input = page(text: text, path: path, url: url, siteHasFile: siteHasFile, diagnostics: &diagnostics)
        return diagnostics + journeyDiagnostics(for: input, catalog: catalog)
    }

    /// The `journey` data the post's page gets, or nil if it names no journey.
    public static func pageData(text: String, path: String, url: String = "/", catalog: JourneyCatalog) -> TemplateValue? {
        var diagnostics: [Diagnostic] = []
        return journeyPageData(for: page(text: text, path: path, url: url, siteHasFile: { _ in true }, diagnostics: &diagnostics), catalog: catalog)
    }

    /// The journey checks of every Markdown page under the configuration's input folder, read on their
    /// own (front matter and body), with the files each checked. A screenshot exists if a file of that
    /// name is beside the page or in the page's own folder.
    public static func diagnostics(configuration: SiteConfiguration, catalog: JourneyCatalog) -> (diagnostics: [Diagnostic], files: [String]) {
        let input = configuration.inputURL
        let cwd = FileManager.default.currentDirectoryPath + "/"
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        guard let enumerator = FileManager.default.enumerator(at: input, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return ([], []) }
        var pages: [URL] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name == "node_modules" || name.hasPrefix("_") { enumerator.skipDescendants(); continue }
            if name.hasSuffix(".md") { pages.append(url) }
        }
        for url in pages.sorted(by: { $0.path < $1.path }) {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(input.path.count + 1))
            let display = url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
            let output = SiteBuilder.outputPath(forInput: relative)
            let pageURL = "/" + output.dropLast("index.html".count)
            let folder = url.deletingLastPathComponent()
            let own = input.appendingPathComponent(String(pageURL.dropFirst()))
            let siteHasFile: @Sendable (String) -> Bool = { site in
                let name = String(site.split(separator: "/").last ?? "")
                return FileManager.default.fileExists(atPath: input.appendingPathComponent(String(site.dropFirst())).path)
                    || FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
                    || FileManager.default.fileExists(atPath: own.appendingPathComponent(name).path)
            }
            files.append(display)
            var found: [Diagnostic] = []
            let page = page(text: text, path: display, url: pageURL, siteHasFile: siteHasFile, diagnostics: &found)
            diagnostics += journeyDiagnostics(for: page, catalog: catalog)
        }
        return (diagnostics, files)
    }

    static func page(text: String, path: String, url: String, siteHasFile: @escaping @Sendable (String) -> Bool, diagnostics: inout [Diagnostic]) -> JourneyPageInput {
        let frontMatter = FrontMatter(text: text, path: path, diagnostics: &diagnostics)
        return JourneyPageInput(path: path, data: frontMatter.data, positions: frontMatter.positions, body: frontMatter.body, bodyLine: frontMatter.bodyLine, url: url, siteHasFile: siteHasFile)
    }
}
