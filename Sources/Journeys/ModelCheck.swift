/// The checks on a model (M1–M7): a model that fails one cannot be trusted to check a post.
extension Journey {
    /// Every problem of the model, in check order (M1 first), then document order.
    public func check() -> [JourneyProblem] {
        var problems: [JourneyProblem] = []
        let g = graph

        // M1: every route target, the start and every fact a condition reads exist; ids are unique.
        var seen: Set<String> = []
        for step in steps where !seen.insert(step.id).inserted {
            problems.append(JourneyProblem("M1", at: step.source, "step '\(step.id)' is defined twice in journey '\(id)'"))
        }
        if let startID, g.start == nil {
            problems.append(JourneyProblem("M1", at: source, "the start '\(startID)' is not a step of journey '\(id)'"))
        }
        if steps.isEmpty {
            problems.append(JourneyProblem("M1", at: source, "journey '\(id)' has no steps"))
        }
        for step in steps {
            for route in step.routes {
                if g.index[route.target] == nil {
                    problems.append(JourneyProblem("M1", at: route.source, "route from '\(step.id)' goes to '\(route.target)', which is not a step of journey '\(id)'\(Self.suggestion(route.target, among: steps.map(\.id)))"))
                }
                for fact in route.condition?.facts ?? [] where !facts.contains(fact) {
                    problems.append(JourneyProblem("M1", at: route.source, "route from '\(step.id)' reads fact '\(fact.id)', which journey '\(id)' does not declare in Facts(…)"))
                }
            }
        }

        // M2: every step is reachable from the start.
        if let start = g.start {
            let reachable = g.reachable(from: start)
            for (i, step) in steps.enumerated() where !reachable[i] {
                problems.append(JourneyProblem("M2", at: step.source, "step '\(step.id)' cannot be reached from the start '\(steps[start].id)'"))
            }
        }

        // M3: no dead ends.
        for step in steps where !step.isOutcome && step.routes.isEmpty {
            problems.append(JourneyProblem("M3", at: step.source, "'\(step.id)' is a dead end: it is not an outcome and has no route on"))
        }

        // M4: every step can still reach an outcome (a cycle must have an exit).
        let good = g.canReachOutcome()
        for (i, step) in steps.enumerated() where !good[i] && !(step.routes.isEmpty && !step.isOutcome) {
            problems.append(JourneyProblem("M4", at: step.source, "no outcome can be reached from '\(step.id)'\(g.successors(of: i).isEmpty ? "" : ": it is caught in a cycle with no exit")"))
        }

        // M5: unambiguous branches: at most one unconditional route, and it comes last.
        for step in steps {
            let unconditional = step.routes.indices.filter { step.routes[$0].condition == nil }
            if unconditional.count > 1 {
                let second = step.routes[unconditional[1]]
                problems.append(JourneyProblem("M5", at: second.source, "'\(step.id)' has \(unconditional.count) routes without a condition; only one (the otherwise) is allowed"))
            } else if let only = unconditional.first, only != step.routes.count - 1 {
                let later = step.routes[only + 1]
                problems.append(JourneyProblem("M5", at: step.routes[only].source, "the otherwise route of '\(step.id)' (to '\(step.routes[only].target)') must come last: the route to '\(later.target)' after it can never be taken"))
            }
            var conditions: [Condition: Route] = [:]
            for route in step.routes {
                guard let condition = route.condition, !route.isOnce else { continue }
                if let first = conditions[condition] {
                    problems.append(JourneyProblem("M5", at: route.source, "'\(step.id)' has two routes when \(condition): to '\(first.target)' and to '\(route.target)'; the second can never be taken"))
                } else {
                    conditions[condition] = route
                }
            }
        }

        // M6 and M7: run every combination of facts.
        guard combinationCount > 0 else {
            problems.append(JourneyProblem("M6", .warning, at: source, "journey '\(id)' has \(facts.count) facts: too many to try every combination (at most 20)"))
            return problems
        }
        var path: [Int] = [], routesTaken: [Int] = []
        var outcomeTaken = [Bool](repeating: false, count: g.count)
        var routeTaken = [Bool](repeating: false, count: g.routeCount)
        var failures: [String: (bits: UInt64, end: JourneyGraph.End, last: Int?)] = [:]
        var failureOrder: [String] = []
        for bits in 0..<UInt64(combinationCount) {
            let end = g.run(bits, path: &path, routes: &routesTaken)
            for r in routesTaken { routeTaken[r] = true }
            if end == .outcome, let last = path.last {
                outcomeTaken[last] = true
            } else {
                let key = "\(end)-\(path.last ?? -1)"
                if failures[key] == nil { failures[key] = (bits, end, path.last); failureOrder.append(key) }
            }
        }
        for key in failureOrder {
            guard let failure = failures[key] else { continue }
            let facts = describe(FactValues(bits: failure.bits))
            let at = failure.last.map { steps[$0] }
            switch failure.end {
            case .stuck where at?.routes.isEmpty == true:
                break // a dead end: reported by M3
            case .stuck:
                let name = at?.id ?? "the start"
                problems.append(JourneyProblem("M6", at: at?.source ?? source, "with \(facts) the journey stops at '\(name)': none of its routes applies"))
            case .loop:
                problems.append(JourneyProblem("M6", at: at?.source ?? source, "with \(facts) the journey goes round a cycle through '\(at?.id ?? "?")' and never reaches an outcome"))
            case .missingTarget, .outcome:
                break // reported by M1
            }
        }
        let allRoutes = routes
        for (number, entry) in allRoutes.enumerated() where !routeTaken[number] && g.index[entry.route.target] != nil {
            problems.append(JourneyProblem("M7", at: entry.route.source, "the route from '\(entry.from.id)' to '\(entry.route.target)'\(entry.route.label.map { " when \($0)" } ?? "") is never taken by any combination of facts (a dead branch)"))
        }
        if let start = g.start {
            let reachable = g.reachable(from: start)
            for (i, step) in steps.enumerated() where step.isOutcome && !outcomeTaken[i] && reachable[i] {
                problems.append(JourneyProblem("M7", at: step.source, "outcome '\(step.id)' is never reached by any combination of facts"))
            }
        }
        return problems
    }

    /// A combination of facts as a post writes it: `has-account, not forgot-password`.
    public func describe(_ values: FactValues) -> String {
        if facts.isEmpty { return "no facts" }
        return facts.enumerated().map { values[$0.offset] ? $0.element.id : "not \($0.element.id)" }.joined(separator: ", ")
    }

    /// ", did you mean 'x'?" for the closest id, if one is close.
    static func suggestion(_ name: String, among candidates: [String]) -> String {
        var best: (String, Int)?
        for candidate in candidates {
            let d = EditDistance.between(name, candidate, limit: max(2, name.count / 3))
            if let d, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best.map { "; did you mean '\($0.0)'?" } ?? ""
    }
}
