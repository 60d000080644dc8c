/// A piece of the copy a step shows: what a post may quote, and what the check compares it with.
public struct Copy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case heading, paragraph, errorMessage = "error message", button
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A heading the step shows (its `h1`, or a bold title of a message).
public struct Heading: Sendable { public let text: String; public init(_ text: String) { self.text = text } }
/// A paragraph or list item of body text.
public struct Paragraph: Sendable { public let text: String; public init(_ text: String) { self.text = text } }
/// An error message the step shows in its error state.
public struct ErrorMessage: Sendable { public let text: String; public init(_ text: String) { self.text = text } }
/// A button's text.
public struct Button: Sendable { public let text: String; public init(_ text: String) { self.text = text } }
