/// A remark on a journey or a step that a diagram and a post show: not part of routing.
public struct Note: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case notIncludedInResearch = "not included in research"
        case proposed
        case knownIssue = "known issue"
        case remark
    }

    public var kind: Kind
    public var text: String

    public init(_ text: String) {
        self.kind = .remark
        self.text = text
    }

    public init(kind: Kind, text: String? = nil) {
        self.kind = kind
        self.text = text ?? kind.rawValue
    }

    /// The step was not shown to users in research.
    public static let notIncludedInResearch = Note(kind: .notIncludedInResearch)
    /// The step is a proposal, not yet built.
    public static let proposed = Note(kind: .proposed)
    /// A known bug of the live service.
    public static func knownIssue(_ text: String) -> Note { Note(kind: .knownIssue, text: text) }
}
