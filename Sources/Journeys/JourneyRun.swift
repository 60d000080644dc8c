/// The path a journey takes for one combination of facts.
public struct JourneyRun: Sendable, Hashable {
    public enum End: Sendable, Hashable {
        /// The run reached an outcome (the last step).
        case outcome(String)
        /// No route of the last step applies.
        case stuck(at: String)
        /// A route names a step that does not exist.
        case missingTarget(from: String, target: String)
        /// The run went round a cycle with no exit for these facts.
        case loop
    }

    public let facts: FactValues
    /// Step ids in the order visited, decisions included.
    public let steps: [String]
    /// Global route numbers taken (see `Journey.routes`).
    public let routes: [Int]
    public let end: End

    public var reachedOutcome: Bool { if case .outcome = end { true } else { false } }
}

extension Journey {
    /// Run the journey for a combination of facts.
    public func run(_ values: FactValues) -> JourneyRun {
        var path: [Int] = [], routes: [Int] = []
        let end = graph.run(values.bits, path: &path, routes: &routes)
        return JourneyRun(facts: values, steps: path.map { steps[$0].id }, routes: routes, end: publicEnd(end, path: path))
    }

    /// Run the journey with the named facts holding and every other fact not.
    public func run(given holding: Set<String>) -> JourneyRun {
        run(values(given: holding))
    }

    /// How many combinations of facts there are; exhaustive runs are refused past 2^20.
    public var combinationCount: Int { facts.count <= 20 ? 1 << facts.count : 0 }

    /// Every combination of facts, run: the exhaustive exploration model checks rely on.
    public func exhaustiveRuns() -> [JourneyRun] {
        guard combinationCount > 0 else { return [] }
        var out: [JourneyRun] = []
        out.reserveCapacity(combinationCount)
        var path: [Int] = [], routes: [Int] = []
        for bits in 0..<UInt64(combinationCount) {
            let end = graph.run(bits, path: &path, routes: &routes)
            out.append(JourneyRun(facts: FactValues(bits: bits), steps: path.map { steps[$0].id }, routes: routes, end: publicEnd(end, path: path)))
        }
        return out
    }

    /// The shortest route-following path from the start to each outcome, ignoring conditions: what a
    /// diagram-level tour shows. Outcomes that cannot be reached are absent.
    public func shortestPaths() -> [String: [String]] {
        guard let start = graph.start else { return [:] }
        var previous = [Int?](repeating: nil, count: graph.count)
        var seen = [Bool](repeating: false, count: graph.count)
        var queue = [start], head = 0
        seen[start] = true
        while head < queue.count {
            let i = queue[head]; head += 1
            for t in graph.successors(of: i) where !seen[t] {
                seen[t] = true
                previous[t] = i
                queue.append(t)
            }
        }
        var out: [String: [String]] = [:]
        for (i, step) in steps.enumerated() where step.isOutcome && seen[i] {
            var path = [i]
            var cursor = i
            while let p = previous[cursor] { path.append(p); cursor = p }
            out[step.id] = path.reversed().map { steps[$0].id }
        }
        return out
    }

    /// Every simple path (no step twice) from the start to an outcome, ignoring conditions, in
    /// depth-first document order, stopping after `limit` paths (or a million steps of the walk).
    public func simplePaths(limit: Int = 1_000) -> [[String]] {
        guard let start = graph.start, limit > 0 else { return [] }
        var out: [[Int]] = []
        var onPath = [Bool](repeating: false, count: graph.count)
        // An explicit stack of (step, next successor to try) so deep models cannot overflow the call stack.
        var stack: [(step: Int, next: Int)] = [(start, 0)]
        onPath[start] = true
        var budget = 1_000_000 // expansions: a huge model cannot keep this walking for ever
        while let top = stack.last, out.count < limit, budget > 0 {
            budget -= 1
            if graph.isOutcome[top.step] && top.next == 0 {
                out.append(stack.map(\.step))
            }
            let successors = graph.successors(of: top.step)
            if top.next < successors.count && !graph.isOutcome[top.step] {
                stack[stack.count - 1].next += 1
                let t = successors[top.next]
                if !onPath[t] { onPath[t] = true; stack.append((t, 0)) }
            } else {
                onPath[top.step] = false
                stack.removeLast()
            }
        }
        return out.map { $0.map { steps[$0].id } }
    }

    private func publicEnd(_ end: JourneyGraph.End, path: [Int]) -> JourneyRun.End {
        let last = path.last.map { steps[$0].id } ?? ""
        switch end {
        case .outcome: return .outcome(last)
        case .stuck: return .stuck(at: last)
        case .loop: return .loop
        case .missingTarget(let number):
            let route = routes[number]
            return .missingTarget(from: route.from.id, target: route.route.target)
        }
    }
}
