/// When a route is taken: a named expression over facts.
///
/// A condition is data, so it can be evaluated for any combination of facts, printed on an edge
/// and checked for branches that can never be taken.
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    indirect enum Expression: Sendable, Hashable {
        case fact(Fact)
        case not(Expression)
        case all([Expression])
        case any([Expression])
    }

    let expression: Expression
    /// A name given by the model, used on diagrams instead of the expression.
    public let name: String?

    init(_ expression: Expression, name: String? = nil) {
        self.expression = expression
        self.name = name
    }

    /// The fact holds.
    public static func fact(_ fact: Fact) -> Condition { Condition(.fact(fact)) }
    /// The fact does not hold.
    public static func not(_ fact: Fact) -> Condition { Condition(.not(.fact(fact))) }
    /// The condition does not hold.
    public static func not(_ condition: Condition) -> Condition { Condition(.not(condition.expression)) }
    /// Every fact holds.
    public static func all(_ facts: Fact...) -> Condition { Condition(.all(facts.map { .fact($0) })) }
    /// Every condition holds.
    public static func all(_ conditions: [Condition]) -> Condition { Condition(.all(conditions.map(\.expression))) }
    /// At least one fact holds.
    public static func any(_ facts: Fact...) -> Condition { Condition(.any(facts.map { .fact($0) })) }
    /// At least one condition holds.
    public static func any(_ conditions: [Condition]) -> Condition { Condition(.any(conditions.map(\.expression))) }

    /// The same condition under a name a diagram and a post can use.
    public func named(_ name: String) -> Condition { Condition(expression, name: name) }

    /// Every fact the condition reads.
    public var facts: [Fact] {
        var out: [Fact] = []
        func walk(_ e: Expression) {
            switch e {
            case .fact(let f): if !out.contains(f) { out.append(f) }
            case .not(let inner): walk(inner)
            case .all(let items), .any(let items): items.forEach(walk)
            }
        }
        walk(expression)
        return out
    }

    /// The label a diagram prints on the route.
    public var description: String { name ?? Self.label(expression, nested: false) }

    private static func label(_ e: Expression, nested: Bool) -> String {
        switch e {
        case .fact(let f): return f.label
        case .not(.fact(let f)): return f.negatedLabel
        case .not(let inner): return "not (" + label(inner, nested: true) + ")"
        case .all(let items):
            let text = items.map { label($0, nested: true) }.joined(separator: " and ")
            return nested && items.count > 1 ? "(\(text))" : text
        case .any(let items):
            let text = items.map { label($0, nested: true) }.joined(separator: " or ")
            return nested && items.count > 1 ? "(\(text))" : text
        }
    }
}
