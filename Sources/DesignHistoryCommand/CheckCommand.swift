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
        // The model checks, and each page's journey checks, joined with what the build found (the
        // same diagnostic found twice is reported once).
        let pages = JourneyPostCheck.diagnostics(configuration: configuration, catalog: catalog)
        var seen = Set<Diagnostic>()
        var diagnostics: [Diagnostic] = []
        for diagnostic in report.diagnostics + journeyCatalogDiagnostics(catalog: catalog) + pages.diagnostics where seen.insert(diagnostic).inserted {
            diagnostics.append(diagnostic)
        }
        diagnostics.sort { ($0.path, $0.line, $0.column, $0.id ?? "") < ($1.path, $1.line, $1.column, $1.id ?? "") }
        let style = CheckReportFormat(rawValue: format.rawValue) ?? .human
        let color = style == .human && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        FileHandle.standardOutput.write(Data(style.render(diagnostics, files: pages.files, color: color).utf8))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
