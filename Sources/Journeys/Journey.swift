/// A user journey as an executable flow model: facts, steps and the routes between them.
///
/// Build one with the DSL; the model is compiled once into a graph of indices so that running it for
/// every combination of facts is cheap.
public struct Journey: Sendable, Identifiable {
    public let id: String
    public let title: String
    /// Posts pin a version to document a journey as it was.
    public let version: Int
    public let facts: [Fact]
    /// Every step in document order.
    public let steps: [Step]
    public let notes: [Note]
    /// Region names in document order.
    public let regions: [String]
    /// The step a run begins at.
    public let startID: String?
    public let source: SourceLocation
    let graph: JourneyGraph

    public init(_ id: String, title: String, version: Int = 1, filePath: String = #filePath, line: Int = #line, column: Int = #column, @JourneyBuilder _ content: () -> [JourneyPart]) {
        self.init(id, title: title, version: version, parts: content(), source: SourceLocation(file: filePath, line: line, column: column))
    }

    public init(_ id: String, title: String, version: Int = 1, parts: [JourneyPart], source: SourceLocation) {
        var facts: [Fact] = [], steps: [Step] = [], notes: [Note] = [], regions: [String] = []
        var start: String?
        for part in parts {
            switch part {
            case .facts(let f): facts += f.filter { !facts.contains($0) }
            case .step(let s): steps.append(s)
            case .note(let n): notes.append(n)
            case .start(let s): start = s
            case .region(let r): if !regions.contains(r) { regions.append(r) }
            }
        }
        self.id = id
        self.title = title
        self.version = version
        self.facts = facts
        self.steps = steps
        self.notes = notes
        self.regions = regions
        self.startID = start ?? steps.first?.id
        self.source = source
        self.graph = JourneyGraph(steps: steps, facts: facts, start: self.startID)
    }

    /// The step with this id.
    public subscript(step id: String) -> Step? {
        graph.index[id].map { steps[$0] }
    }

    public var screens: [Step] { steps.filter { $0.kind == .screen } }
    public var outcomes: [Step] { steps.filter(\.isOutcome) }
    public var start: Step? { startID.flatMap { self[step: $0] } }

    /// Every route as (step, route) in document order.
    public var routes: [(from: Step, route: Route)] {
        steps.flatMap { step in step.routes.map { (step, $0) } }
    }

    /// The ids of the steps a user can see next from this step: its route targets, looking through
    /// decisions (which show nothing).
    public func visibleNext(after id: String) -> [String] {
        guard let i = graph.index[id] else { return [] }
        return graph.visibleSuccessors(of: i).map { steps[$0].id }
    }

    /// The facts as a combination: named facts hold, every other fact does not.
    public func values(given holding: Set<String>) -> FactValues {
        var values = FactValues()
        for (i, fact) in facts.enumerated() where holding.contains(fact.id) { values[i] = true }
        return values
    }

    /// Facts that hold in a combination, by id.
    public func holding(_ values: FactValues) -> [Fact] {
        facts.enumerated().filter { values[$0.offset] }.map(\.element)
    }
}

extension Journey {
    /// The same journey with other steps (and optionally another version): how a new version of a
    /// model is derived from the last, and how tests mutate a model.
    public func replacing(steps: [Step], version: Int? = nil) -> Journey {
        var parts: [JourneyPart] = [.facts(facts)]
        parts += regions.map { .region($0) }
        parts += notes.map { .note($0) }
        if let startID { parts.append(.start(startID)) }
        parts += steps.map { .step($0) }
        return Journey(id, title: title, version: version ?? self.version, parts: parts, source: source)
    }
}

extension Step {
    /// The same step with other copy or routes.
    public func replacing(copy: [Copy]? = nil, routes: [Route]? = nil) -> Step {
        Step(id: id, title: title, kind: kind, copy: copy ?? self.copy, routes: routes ?? self.routes, region: region, notes: notes, source: source)
    }
}
