/// A way on from a step: a target, and the condition under which it is taken.
///
/// Routes are tried in document order; the first whose condition holds is taken, and a route with no
/// condition is the otherwise, which must come last.
public struct Route: Sendable, Hashable {
    public var target: String
    public var condition: Condition?
    /// Taken at most once in a run: a user asks for a new code once, then goes on.
    public var isOnce: Bool
    public var source: SourceLocation

    public init(_ target: String, condition: Condition?, isOnce: Bool = false, source: SourceLocation) {
        self.target = target
        self.condition = condition
        self.isOnce = isOnce
        self.source = source
    }

    /// The label of the route's edge on a diagram.
    public var label: String? {
        guard let condition else { return nil }
        return isOnce ? "\(condition) (first time)" : condition.description
    }
}

/// The DSL's route: `Go("create-account", when: .not(.hasAccount))`, or `Go("done")` for the otherwise.
public struct Go: Sendable {
    public var route: Route

    public init(_ target: String, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        route = Route(target, condition: nil, source: SourceLocation(file: filePath, line: line, column: column))
    }

    public init(_ target: String, when condition: Condition, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        route = Route(target, condition: condition, source: SourceLocation(file: filePath, line: line, column: column))
    }

    public init(_ target: String, when fact: Fact, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        route = Route(target, condition: .fact(fact), source: SourceLocation(file: filePath, line: line, column: column))
    }

    /// The route is taken at most once in a run, so a loop such as "resend the code" has an exit.
    public func once() -> Go {
        var copy = self
        copy.route.isOnce = true
        return copy
    }
}
