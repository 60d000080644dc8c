/// A path a post documents in a fenced block:
///
/// ````
/// ```journey partial
/// given: has-account, not forgot-password
/// sign-in -> service-account -> signed-in
/// ```
/// ````
///
/// Plain Markdown on GitHub (a code block); checked against the model on every build.
public struct DocumentedPath: Sendable, Hashable {
    public enum Flag: String, Sendable, Hashable, CaseIterable {
        /// A stretch of the journey: need not start at the start nor end at an outcome.
        case partial
        /// Not in the model yet: not checked, but a warning once the model allows it.
        case pending
        /// Documents something the model must not allow (a removed route).
        case expectedInvalid = "expected-invalid"
        /// Documents the journey as it was: not checked.
        case historical
    }

    public struct Token: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation
    }

    public struct Given: Sendable, Hashable {
        public var fact: String
        public var holds: Bool
        public var location: SourceLocation
    }

    public var steps: [Token]
    /// Facts the path is documented for (`given:`): the facts named hold, those written `not x` and
    /// every fact not named do not. Nil when the block names none (then any facts may lead there).
    public var given: [Given]?
    public var flags: Set<Flag>
    /// The opening fence.
    public var location: SourceLocation
    /// Info-string words that are not flags, and other lines the block cannot read.
    public var unreadable: [Token]

    public func has(_ flag: Flag) -> Bool { flags.contains(flag) }
}

/// A link to a screen or an outcome: `[sign in](#screen-sign-in)`, `[signed in](#outcome-signed-in)`.
/// On the built page these jump to the node of the journey diagram.
public struct StepLink: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case screen, outcome }
    public var kind: Kind
    public var id: String
    public var location: SourceLocation
}

/// A block quote that quotes the service's copy: its first line is wholly bold (the heading), the
/// rest are paragraphs and list items of the same screen.
public struct QuotedCopy: Sendable, Hashable {
    public var heading: DocumentedPath.Token
    public var lines: [DocumentedPath.Token]
}
