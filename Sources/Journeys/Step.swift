/// One node of a journey: a screen the user sees, a decision the service makes, or an outcome.
public struct Step: Sendable, Identifiable {
    public enum Kind: Sendable, Hashable {
        case screen
        /// A branch the service takes without showing anything (shown as a diamond).
        case decision
        case outcome(OutcomeKind)
    }

    public let id: String
    public let title: String
    public let kind: Kind
    public let copy: [Copy]
    public let routes: [Route]
    /// The region (another service's part of the journey) the step belongs to.
    public let region: String?
    public let notes: [Note]
    public let source: SourceLocation

    public init(id: String, title: String, kind: Kind, copy: [Copy] = [], routes: [Route] = [], region: String? = nil, notes: [Note] = [], source: SourceLocation) {
        self.id = id
        self.title = title
        self.kind = kind
        self.copy = copy
        self.routes = routes
        self.region = region
        self.notes = notes
        self.source = source
    }

    public var isOutcome: Bool { if case .outcome = kind { true } else { false } }
    public var isDecision: Bool { kind == .decision }
    /// The kind of outcome, for an outcome.
    public var outcome: OutcomeKind? { if case .outcome(let k) = kind { k } else { nil } }

    /// The copy of one kind.
    public func copy(_ kind: Copy.Kind) -> [String] { copy.filter { $0.kind == kind }.map(\.text) }

    func inRegion(_ name: String) -> Step {
        Step(id: id, title: title, kind: kind, copy: copy, routes: routes, region: region ?? name, notes: notes, source: source)
    }
}
