import Foundation
import Journeys
import Markdown
import Templates

/// Builds a design history into a static site: load, render, check, write.
///
/// Walking skeleton: Markdown pages with front matter, Eleventy's default permalinks, a plain
/// layout, passthrough copies and an atomic write.
public struct SiteBuilder: Sendable {
    public var configuration: SiteConfiguration
    public var journeys: JourneyCatalog

    public init(configuration: SiteConfiguration, journeys: JourneyCatalog = JourneyCatalog()) {
        self.configuration = configuration
        self.journeys = journeys
    }

    /// Build the site. With `write: false` every check runs but nothing is written.
    public func build(write: Bool = true) -> BuildReport {
        let start = Date()
        var report = BuildReport()
        let input = configuration.inputURL
        var outputs: [(path: String, html: String)] = []
        for file in sourceFiles(in: input) {
            let relative = String(file.path.dropFirst(input.path.count + 1))
            guard relative.hasSuffix(".md") else { continue }
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                report.diagnostics.append(Diagnostic(.error, path: displayPath(file), message: "cannot read: \(error.localizedDescription)"))
                continue
            }
            let frontMatter = FrontMatter(text: text, path: displayPath(file), diagnostics: &report.diagnostics)
            let body = MarkdownDocument.html(frontMatter.body, options: .govuk)
            let title = frontMatter.data["title"]?.stringValue ?? ""
            outputs.append((Self.outputPath(forInput: relative), Self.page(title: title, body: body)))
        }
        report.pages = outputs.count
        report.diagnostics.sort { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }

        if write && report.errors == 0 {
            do {
                let writer = try SiteWriter(output: configuration.outputURL, protecting: [input, configuration.root])
                do {
                    try writer.prepare()
                    for output in outputs { try writer.write(Data(output.html.utf8), to: output.path) }
                    for (from, to) in configuration.passthrough {
                        report.filesCopied += try copyTree(configuration.root.appendingPathComponent(from), to: to, writer: writer)
                    }
                    try writer.commit()
                } catch {
                    writer.abandon()
                    report.diagnostics.append(Diagnostic(.error, path: configuration.output, message: "cannot write the site: \(error)"))
                }
            } catch {
                report.diagnostics.append(Diagnostic(.error, path: configuration.output, message: "\(error)"))
            }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Eleventy's default permalink: `a/b.md` -> `a/b/index.html`, `index.md` stays `index.html`,
    /// and a template named after its folder writes that folder's index.
    static func outputPath(forInput relative: String) -> String {
        var parts = relative.split(separator: "/").map(String.init)
        let stem = String(parts.removeLast().dropLast(3))
        if stem == "index" || stem == parts.last { return (parts + ["index.html"]).joined(separator: "/") }
        return (parts + [stem, "index.html"]).joined(separator: "/")
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>\(HTMLEscaping.escape(title))</title></head>
        <body>
        <main>
        <h1>\(HTMLEscaping.escape(title))</h1>
        \(body)</main>
        </body>
        </html>

        """
    }

    private func sourceFiles(in folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name == "node_modules" || name.hasPrefix("_") { enumerator.skipDescendants(); continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    private func copyTree(_ source: URL, to target: String, writer: SiteWriter) throws -> Int {
        guard FileManager.default.fileExists(atPath: source.path) else { return 0 }
        var count = 0
        for file in sourceFiles(in: source) {
            let relative = String(file.path.dropFirst(source.path.count + 1))
            try writer.copy(file, to: target == "." ? relative : "\(target)/\(relative)")
            count += 1
        }
        return count
    }

    private func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }
}
