import ArgumentParser
import DesignHistoryJourneys
import Foundation
import Site

/// `design-history check`: every check `build` runs, without writing the site; exit 1 on any error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Run every check of the build without writing the site.")

    @Option(help: "The configuration file (default: design-history.yml if present).") var config: String?
    @Option(help: "The input folder.") var input: String?
    @Option(help: "human, json, github or junit.") var format: Format = .human

    enum Format: String, ExpressibleByArgument, CaseIterable { case human, json, github, junit }

    func run() throws {
        let options = try SiteOptions.parse((config.map { ["--config", $0] } ?? []) + (input.map { ["--input", $0] } ?? []))
        let configuration = try options.configuration()
        let catalog = DesignHistoryJourneys.catalog
        let report = SiteBuilder(configuration: configuration, journeys: catalog).build(write: false)
        // The build's checks (each page's journey checks among them) and the models' own (M1–M7);
        // the same diagnostic found twice is reported once.
        var seen = Set<Diagnostic>()
        var diagnostics: [Diagnostic] = []
        for diagnostic in report.diagnostics + journeyCatalogDiagnostics(catalog: catalog) where seen.insert(diagnostic).inserted {
            diagnostics.append(diagnostic)
        }
        diagnostics.sort { ($0.path, $0.line, $0.column, $0.id ?? "") < ($1.path, $1.line, $1.column, $1.id ?? "") }
        let style = CheckReportFormat(rawValue: format.rawValue) ?? .human
        let color = style == .human && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        FileHandle.standardOutput.write(Data(style.render(diagnostics, files: Self.sourceFiles(in: configuration.inputURL), color: color).utf8))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    /// The pages checked, as diagnostics name them: one JUnit test case each.
    static func sourceFiles(in input: URL) -> [String] {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        guard let enumerator = FileManager.default.enumerator(at: input, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name == "node_modules" || name.hasPrefix("_") { enumerator.skipDescendants(); continue }
            guard name.hasSuffix(".md") || name.hasSuffix(".njk") || name.hasSuffix(".html") else { continue }
            files.append(url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path)
        }
        return files.sorted()
    }
}
