/// A journey compiled to indices: what runs, checks and layouts work on.
struct JourneyGraph: Sendable {
    /// A condition over fact indices; an unknown fact is never true.
    indirect enum Test: Sendable {
        case always
        case fact(Int)
        case not(Test)
        case all([Test])
        case any([Test])

        @inline(__always)
        func holds(_ bits: UInt64) -> Bool {
            switch self {
            case .always: return true
            case .fact(let i): return i >= 0 && i < 64 && bits & (1 << UInt64(i)) != 0
            case .not(let t): return !t.holds(bits)
            case .all(let ts): return ts.allSatisfy { $0.holds(bits) }
            case .any(let ts): return ts.contains { $0.holds(bits) }
            }
        }
    }

    struct Edge: Sendable {
        /// Global route number (document order over all steps).
        var number: Int
        var target: Int?
        var test: Test
        /// Bit of the once-mask, for a route taken at most once in a run.
        var onceBit: Int?
    }

    var index: [String: Int] = [:]
    var edges: [[Edge]] = []
    var isOutcome: [Bool] = []
    var isDecision: [Bool] = []
    var start: Int?
    var routeCount = 0
    var onceCount = 0

    init(steps: [Step], facts: [Fact], start: String?) {
        for (i, step) in steps.enumerated() where index[step.id] == nil { index[step.id] = i }
        var factIndex: [String: Int] = [:]
        for (i, fact) in facts.enumerated() { factIndex[fact.id] = i }
        func compile(_ e: Condition.Expression) -> Test {
            switch e {
            case .fact(let f): return .fact(factIndex[f.id] ?? -1)
            case .not(let inner): return .not(compile(inner))
            case .all(let items): return .all(items.map(compile))
            case .any(let items): return .any(items.map(compile))
            }
        }
        for step in steps {
            var out: [Edge] = []
            for route in step.routes {
                var onceBit: Int?
                if route.isOnce && onceCount < 64 { onceBit = onceCount; onceCount += 1 }
                out.append(Edge(number: routeCount, target: index[route.target], test: route.condition.map { compile($0.expression) } ?? .always, onceBit: onceBit))
                routeCount += 1
            }
            edges.append(out)
            isOutcome.append(step.isOutcome)
            isDecision.append(step.isDecision)
        }
        self.start = start.flatMap { index[$0] }
    }

    var count: Int { edges.count }

    /// Distinct route targets of a step, in route order.
    func successors(of i: Int) -> [Int] {
        var out: [Int] = []
        for e in edges[i] { if let t = e.target, !out.contains(t) { out.append(t) } }
        return out
    }

    /// Steps reachable from `i` through decisions only (the decisions themselves are not listed).
    func visibleSuccessors(of i: Int) -> [Int] {
        var out: [Int] = []
        var seen: Set<Int> = [i]
        var stack = successors(of: i).reversed().map { $0 }
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            if isDecision[next] { stack += successors(of: next).reversed() } else { out.append(next) }
        }
        return out
    }

    /// Steps reachable from `from` (including it).
    func reachable(from: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: count)
        var stack = [from]
        while let i = stack.popLast() {
            guard !seen[i] else { continue }
            seen[i] = true
            stack += successors(of: i)
        }
        return seen
    }

    /// Steps from which some outcome is reachable.
    func canReachOutcome() -> [Bool] {
        var predecessors = [[Int]](repeating: [], count: count)
        for i in 0..<count { for t in successors(of: i) { predecessors[t].append(i) } }
        var good = [Bool](repeating: false, count: count)
        var stack = (0..<count).filter { isOutcome[$0] }
        while let i = stack.popLast() {
            guard !good[i] else { continue }
            good[i] = true
            stack += predecessors[i]
        }
        return good
    }

    /// How a run ended.
    enum End: Sendable, Hashable {
        case outcome
        /// No route of the last step applies (or it has none).
        case stuck
        /// A route names a step that does not exist.
        case missingTarget(route: Int)
        /// The run went on past the bound: a cycle with no exit for these facts.
        case loop
    }

    /// The run for one combination of facts: steps visited, routes taken, how it ended.
    func run(_ bits: UInt64, path: inout [Int], routes: inout [Int]) -> End {
        path.removeAll(keepingCapacity: true)
        routes.removeAll(keepingCapacity: true)
        guard var current = start else { return .stuck }
        var used: UInt64 = 0
        let bound = count * (onceCount + 1) + 1
        path.append(current)
        while !isOutcome[current] {
            var taken: Edge?
            for edge in edges[current] {
                if let bit = edge.onceBit, used & (1 << UInt64(bit)) != 0 { continue }
                if edge.test.holds(bits) { taken = edge; break }
            }
            guard let edge = taken else { return .stuck }
            routes.append(edge.number)
            if let bit = edge.onceBit { used |= 1 << UInt64(bit) }
            guard let target = edge.target else { return .missingTarget(route: edge.number) }
            current = target
            path.append(current)
            if path.count > bound { return .loop }
        }
        return .outcome
    }
}
