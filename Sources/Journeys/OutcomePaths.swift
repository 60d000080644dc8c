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
        var byPath: [[Int]: (all: UInt64, none: UInt64, count: Int)] = [:]
        var order: [[Int]] = []
        let mask: UInt64 = facts.count >= 64 ? .max : (1 << UInt64(facts.count)) - 1
        var path: [Int] = [], taken: [Int] = []
        for bits in 0..<UInt64(combinationCount) {
            guard graph.run(bits, path: &path, routes: &taken) == .outcome else { continue }
            if let entry = byPath[path] {
                byPath[path] = (entry.all & bits, entry.none & ~bits & mask, entry.count + 1)
            } else {
                byPath[path] = (bits, ~bits & mask, 1)
                order.append(path)
            }
        }
        return outcomes.map { outcome in
            let paths = order.filter { $0.last.map { self.steps[$0].id } == outcome.id }.compactMap { indices -> OutcomePaths.Path? in
                guard let entry = byPath[indices] else { return nil }
                let steps = indices.map { self.steps[$0].id }
                var constant: [(Fact, Bool)] = []
                for (i, fact) in facts.enumerated() {
                    let bit: UInt64 = 1 << UInt64(i)
                    if entry.all & bit != 0 { constant.append((fact, true)) } else if entry.none & bit != 0 { constant.append((fact, false)) }
                }
                return OutcomePaths.Path(steps: steps, facts: constant, combinations: entry.count)
            }
            let sorted = paths.map { ($0, $0.steps.joined(separator: " ")) }.sorted { ($0.0.steps.count, $0.1) < ($1.0.steps.count, $1.1) }.map(\.0)
            return OutcomePaths(outcome: outcome, paths: sorted)
        }
    }
}
