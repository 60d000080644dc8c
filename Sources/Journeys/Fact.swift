/// A yes/no thing a route depends on ("has a DfE Sign-in account").
///
/// Facts are named values so that a branch can be printed on a diagram edge, referred to from a post
/// and tried exhaustively; they are never Swift control flow inside the model.
public struct Fact: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The id a post uses (`has-account`).
    public let id: String
    /// How a diagram labels the fact when it holds.
    public let label: String
    /// How a diagram labels the fact when it does not hold.
    public let negatedLabel: String

    public init(_ id: String, _ label: String? = nil, otherwise negatedLabel: String? = nil) {
        self.id = id
        self.label = label ?? id
        self.negatedLabel = negatedLabel ?? "not " + (label ?? id)
    }

    public var description: String { id }
    public static func < (a: Fact, b: Fact) -> Bool { a.id < b.id }
    public static func == (a: Fact, b: Fact) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
