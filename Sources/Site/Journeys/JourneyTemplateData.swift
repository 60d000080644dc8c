import Journeys
import Templates

/// Journeys as template data: what `journey` (a page's) and `journeys` (global) hold.
enum JourneyTemplateData {
    static func page(journey: Journey, check: PageCheck) -> TemplateValue {
        var object = summary(journey)
        let coverage = check.coverage
        object["coverage"] = .object(TemplateObject([
            ("screens", .number(Double(coverage.screens))), ("totalScreens", .number(Double(coverage.totalScreens))),
            ("outcomes", .number(Double(coverage.outcomes))), ("totalOutcomes", .number(Double(coverage.totalOutcomes))),
            ("routes", .number(Double(coverage.routes))), ("totalRoutes", .number(Double(coverage.totalRoutes))),
            ("summary", .string(coverage.summary)),
            ("text", .string("This page documents \(coverage.summary) of the journey.")),
        ]))
        object["documented"] = .array(journey.steps.filter { check.documentedSteps.contains($0.id) }.map { .string($0.id) })
        object["documentedPaths"] = .array(check.validPaths.map { .array($0.map(TemplateValue.string)) })
        let diagram = JourneyDiagram(journey: journey, highlighting: check)
        object["svg"] = .safe(diagram.svg)
        object["diagramWidth"] = .number(diagram.layout.width.rounded(.up))
        object["dot"] = .string(diagram.dot)
        object["mermaid"] = .string(diagram.mermaid)
        return .object(object)
    }

    static func global(catalog: JourneyCatalog, pages: [(url: String, title: String, check: PageCheck)]) -> TemplateValue {
        .array(catalog.latest.map { journey in
            var object = summary(journey)
            let diagram = JourneyDiagram(journey: journey)
            object["svg"] = .safe(diagram.svg)
            object["diagramWidth"] = .number(diagram.layout.width.rounded(.up))
            object["dot"] = .string(diagram.dot)
            object["mermaid"] = .string(diagram.mermaid)
            object["pages"] = .array(pages.filter { $0.check.journey?.id == journey.id }.map { page in
                .object(TemplateObject([
                    ("url", .string(page.url)), ("title", .string(page.title)),
                    ("version", .number(Double(page.check.journey?.version ?? 0))),
                    ("coverage", .string(page.check.coverage.summary)),
                    ("documented", .array(journey.steps.filter { page.check.documentedSteps.contains($0.id) }.map { .string($0.id) })),
                ]))
            })
            return .object(object)
        })
    }

    /// What every view of a journey shows: ids, title, notes, steps and paths per outcome.
    static func summary(_ journey: Journey) -> TemplateObject {
        let outcomes = journey.pathsPerOutcome()
        return TemplateObject([
            ("id", .string(journey.id)),
            ("title", .string(journey.title)),
            ("version", .number(Double(journey.version))),
            ("notes", .array(journey.notes.map { .string($0.text) })),
            ("facts", .array(journey.facts.map { .object(TemplateObject([("id", .string($0.id)), ("label", .string($0.label)), ("negatedLabel", .string($0.negatedLabel))])) })),
            ("steps", .array(journey.steps.map(step))),
            ("outcomes", .array(outcomes.map { outcome in
                .object(TemplateObject([
                    ("outcome", .string(outcome.outcome.id)),
                    ("title", .string(outcome.outcome.title)),
                    ("kind", .string(outcome.outcome.outcome?.description ?? "")),
                    ("paths", .array(outcome.paths.map { path in
                        .object(TemplateObject([
                            ("steps", .array(path.steps.map(TemplateValue.string))),
                            ("facts", .string(path.factsText)),
                            ("combinations", .number(Double(path.combinations))),
                        ]))
                    })),
                ]))
            })),
            ("paths", pathsTable(outcomes)),
        ])
    }

    /// Paths per outcome as `govukTable` parameters: outcome, path (decisions left out), facts.
    static func pathsTable(_ outcomes: [OutcomePaths]) -> TemplateValue {
        func cell(_ text: String) -> TemplateValue { .object(TemplateObject([("text", .string(text))])) }
        var rows: [TemplateValue] = []
        for outcome in outcomes {
            for path in outcome.paths {
                rows.append(.array([
                    cell("\(outcome.outcome.title) (\(outcome.outcome.outcome?.description ?? ""))"),
                    cell(path.steps.joined(separator: " → ")),
                    cell(path.factsText),
                ]))
            }
        }
        return .object(TemplateObject([
            ("caption", .string("Paths to each outcome")),
            ("captionClasses", .string("govuk-table__caption--m")),
            ("firstCellIsHeader", .bool(true)),
            ("head", .array([cell("Outcome"), cell("Path"), cell("Given")])),
            ("rows", .array(rows)),
        ]))
    }

    static func step(_ step: Step) -> TemplateValue {
        let kind: String = switch step.kind {
        case .screen: "screen"
        case .decision: "decision"
        case .outcome: "outcome"
        }
        return .object(TemplateObject([
            ("id", .string(step.id)), ("title", .string(step.title)), ("kind", .string(kind)),
            ("outcome", .string(step.outcome?.description ?? "")),
            ("region", step.region.map(TemplateValue.string) ?? .null),
            ("notes", .array(step.notes.map { .string($0.text) })),
        ]))
    }
}
