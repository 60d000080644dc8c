import ArgumentParser
import DesignHistoryJourneys
import Foundation
import Journeys

/// `design-history journeys [ID]`: list the journey models, or print one as text, DOT, Mermaid, SVG or
/// its paths per outcome.
struct JourneysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "journeys", abstract: "List the journey models, or print one.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, dot, mermaid, svg, paths }

    @Argument(help: "The journey's id (default: list every journey).") var id: String?
    @Option(help: "text, dot, mermaid, svg or paths.") var format: Format = .text
    @Option(help: "A version other than the latest.") var version: Int?

    func run() throws {
        let catalog = DesignHistoryJourneys.catalog
        guard let id else {
            for journey in catalog.journeys {
                print("\(journey.id)  v\(journey.version)  \(journey.title)  (\(journey.screens.count) screens, \(journey.outcomes.count) outcomes, \(journey.facts.count) facts)")
            }
            return
        }
        guard let journey = version.map({ catalog[id, version: $0] }) ?? catalog[id] else {
            FileHandle.standardError.write(Data("error: no journey '\(id)'\(version.map { " version \($0)" } ?? "") (journeys: \(catalog.latest.map(\.id).joined(separator: ", ")))\n".utf8))
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(Data(Self.render(journey, as: format).utf8))
    }

    /// A journey in one of the formats.
    static func render(_ journey: Journey, as format: Format) -> String {
        switch format {
        case .dot: return JourneyDiagram(journey: journey).dot
        case .mermaid: return JourneyDiagram(journey: journey).mermaid
        case .svg: return JourneyDiagram(journey: journey).svg
        case .paths: return JourneyText.paths(journey)
        case .text: return JourneyText.outline(journey)
        }
    }
}
