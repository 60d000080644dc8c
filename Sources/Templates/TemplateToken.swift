/// One token of template source: text between tags, a tag delimiter, or a piece of an expression.
///
/// Tokens carry their byte offset so that every node and every error can say where it came from.
struct TemplateToken: Sendable {
    enum Kind: Sendable, Equatable {
        /// Literal text outside tags (already trimmed by whitespace control).
        case text
        case variableStart, variableEnd
        case blockStart, blockEnd
        case name, string, number
        /// A regular expression literal, `r/pattern/flags`: `text` is the pattern.
        case regex
        /// An operator or punctuation: `(`, `==`, `|`, `.` and so on.
        case symbol
        case end
    }

    var kind: Kind
    /// Byte offset of the token's first byte in the source.
    var offset: Int
    /// The text of a text, name, string or symbol token.
    var text: String = ""
    /// The value of a number token.
    var number: Double = 0
    /// The flags of a regex token (`g`, `i`, `m`, `y`).
    var flags: String = ""

    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    func isName(_ s: String) -> Bool { kind == .name && text == s }
}
