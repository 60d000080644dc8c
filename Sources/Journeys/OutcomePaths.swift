/// The distinct paths that end at one outcome, with the facts that lead down each: the "paths per
/// outcome" table a page shows, taken from running every combination of facts.
public struct OutcomePaths: Sendable {
    public struct Path: Sendable, Hashable {
        /// Step ids, decisions included.
        public var steps: [String]
        /// Facts that have the same value in every combination taking this path, as (fact, holds).
        public var facts: [(fact: Fact, holds: Bool)]
        /// How many combinations of facts take it.
        public var combinations: Int

        public static func == (a: Path, b: Path) -> Bool { a.steps == b.steps && a.combinations == b.combinations }
        public func hash(into hasher: inout Hasher) { hasher.combine(steps) }

        /// "has-account, not forgot-password" (or "any facts").
        public var factsText: String {
            facts.isEmpty ? "any facts" : facts.map { $0.holds ? $0.fact.id : "not \($0.fact.id)" }.joined(separator: ", ")
        }
    }

    public var outcome: Step
    public var paths: [Path]
}

extension Journey {
    /// For each outcome in document order, the distinct paths that reach it, shortest first.
    public func pathsPerOutcome() -> [OutcomePaths] {
        var byPath: [[String]: (all: UInt64, none: UInt64, count: Int)] = [:]
        var order: [[String]] = []
        let mask: UInt64 = facts.count >= 64 ? .max : (1 << UInt64(facts.count)) - 1
        for run in exhaustiveRuns() where run.reachedOutcome {
            let bits = run.facts.bits
            if let entry = byPath[run.steps] {
                byPath[run.steps] = (entry.all & bits, entry.none & ~bits & mask, entry.count + 1)
            } else {
                byPath[run.steps] = (bits, ~bits & mask, 1)
                order.append(run.steps)
            }
        }
        return outcomes.map { outcome in
            let paths = order.filter { $0.last == outcome.id }.compactMap { steps -> OutcomePaths.Path? in
                guard let entry = byPath[steps] else { return nil }
                var constant: [(Fact, Bool)] = []
                for (i, fact) in facts.enumerated() {
                    let bit: UInt64 = 1 << UInt64(i)
                    if entry.all & bit != 0 { constant.append((fact, true)) } else if entry.none & bit != 0 { constant.append((fact, false)) }
                }
                return OutcomePaths.Path(steps: steps, facts: constant, combinations: entry.count)
            }
            return OutcomePaths(outcome: outcome, paths: paths.sorted { ($0.steps.count, $0.steps.joined(separator: " ")) < ($1.steps.count, $1.steps.joined(separator: " ")) })
        }
    }
}
