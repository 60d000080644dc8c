import ArgumentParser
import DesignHistoryJourneys
import Foundation
import Site

/// `design-history build`: build the site and print one summary line.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the design history into a static site.")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Print nothing but errors.") var quiet = false
    @Flag(name: .long, help: "Print every page written.") var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        let configuration = try site.configuration()
        let session = SiteBuilder(configuration: configuration, journeys: DesignHistoryJourneys.catalog).session()
        let report = session.build()
        for diagnostic in report.diagnostics where !(quiet && diagnostic.severity == .warning) {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        if verbose {
            for path in session.lastOutputPaths.sorted() { print("wrote \(configuration.output)/\(path)") }
        }
        if !quiet { print(report.summary) }
        if report.errors > 0 { throw ExitCode(1) }
    }
}

/// The options every command that reads a site takes.
struct SiteOptions: ParsableArguments {
    @Option(help: "The configuration file (default: design-history.yml if present).") var config: String?
    @Option(help: "The input folder.") var input: String?
    @Option(help: "The output folder.") var output: String?

    func configuration() throws -> SiteConfiguration {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var configuration: SiteConfiguration
        let file = config.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? cwd.appendingPathComponent("design-history.yml")
        if config != nil || FileManager.default.fileExists(atPath: file.path) {
            do { configuration = try SiteConfiguration.load(from: file) } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
        } else {
            configuration = SiteConfiguration(root: cwd)
        }
        // Folders given on the command line are relative to where the command runs.
        if let input { configuration.input = URL(fileURLWithPath: input, relativeTo: cwd).standardizedFileURL.path }
        if let output { configuration.output = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL.path }
        return configuration
    }
}
