/// Journeys as plain text for a terminal: an outline of steps and routes, and paths per outcome.
public enum JourneyText {
    /// Steps in document order with their routes, regions, notes and the model checks' verdict.
    public static func outline(_ journey: Journey) -> String {
        var out = "\(journey.title) (\(journey.id), version \(journey.version))\n"
        if !journey.facts.isEmpty { out += "facts: \(journey.facts.map(\.id).joined(separator: ", "))\n" }
        for note in journey.notes { out += "note: \(note.text)\n" }
        var region: String?
        for step in journey.steps {
            if step.region != region {
                region = step.region
                if let region { out += "\n[\(region)]\n" } else { out += "\n" }
            }
            let kind: String = switch step.kind {
            case .screen: "screen"
            case .decision: "decision"
            case .outcome(let k): "outcome (\(k))"
            }
            let start = step.id == journey.startID ? " (start)" : ""
            out += "\(step.id): \(kind)\(start), \(step.title)\n"
            for note in step.notes { out += "    note: \(note.text)\n" }
            for route in step.routes {
                out += "    -> \(route.target)\(route.label.map { " when \($0)" } ?? (step.routes.count > 1 ? " otherwise" : ""))\n"
            }
        }
        let problems = journey.check()
        out += problems.isEmpty ? "\nmodel checks: M1–M7 pass (\(journey.combinationCount) combinations of facts)\n" : "\n" + problems.map(\.description).joined(separator: "\n") + "\n"
        return out
    }

    /// For each outcome, the distinct paths that reach it and the facts that lead there.
    public static func paths(_ journey: Journey) -> String {
        var out = ""
        for outcome in journey.pathsPerOutcome() {
            out += "\(outcome.outcome.id) (\(outcome.outcome.outcome?.description ?? "")): \(outcome.paths.count) path\(outcome.paths.count == 1 ? "" : "s")\n"
            for path in outcome.paths {
                out += "  \(path.steps.joined(separator: " -> "))\n    given \(path.factsText) (\(path.combinations) of \(journey.combinationCount) combinations)\n"
            }
        }
        return out
    }
}
