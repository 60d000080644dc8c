/// The DSL's screen: `Screen("sign-in", title: "Sign in") { Heading(…); Go(…) }`.
public struct Screen: Sendable {
    public let step: Step

    public init(_ id: String, title: String, filePath: String = #filePath, line: Int = #line, column: Int = #column, @StepBuilder _ content: () -> [StepPart] = { [] }) {
        step = Step(id: id, title: title, kind: .screen, parts: content(), source: SourceLocation(file: filePath, line: line, column: column))
    }

    public var id: String { step.id }
    public var title: String { step.title }
}

/// The DSL's decision: a branch the service takes without showing a screen.
public struct Decision: Sendable {
    public let step: Step

    public init(_ id: String, title: String, filePath: String = #filePath, line: Int = #line, column: Int = #column, @StepBuilder _ content: () -> [StepPart]) {
        step = Step(id: id, title: title, kind: .decision, parts: content(), source: SourceLocation(file: filePath, line: line, column: column))
    }
}

/// The DSL's outcome: where a journey ends, with what it means and the copy shown there.
public struct Outcome: Sendable {
    public let step: Step

    public init(_ id: String, _ kind: OutcomeKind, title: String, filePath: String = #filePath, line: Int = #line, column: Int = #column, @StepBuilder _ content: () -> [StepPart] = { [] }) {
        step = Step(id: id, title: title, kind: .outcome(kind), parts: content(), source: SourceLocation(file: filePath, line: line, column: column))
    }
}

/// The DSL's list of the facts a journey depends on, in the order runs and tables use.
public struct Facts: Sendable {
    public let facts: [Fact]
    public init(_ facts: Fact...) { self.facts = facts }
}

/// The DSL's start: the step a run begins at (default: the first step).
public struct Start: Sendable {
    public let id: String
    public init(_ id: String) { self.id = id }
}

/// The DSL's region: steps another service owns (GOV.UK One Login, DfE Sign-in), grouped on diagrams.
public struct Region: Sendable {
    public let name: String
    public let parts: [JourneyPart]

    public init(_ name: String, @JourneyBuilder _ content: () -> [JourneyPart]) {
        self.name = name
        self.parts = content().map { part in
            if case .step(let step) = part { return .step(step.inRegion(name)) }
            return part
        }
    }
}
