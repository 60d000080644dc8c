/// One node of a parsed document: a block or an inline element, with where it starts in the source.
///
/// Nodes live in one array (`MarkdownDocument.nodes`) and point at each other by index, so a
/// document of any depth is walked without recursion and freed without a chain of deinits.
/// An index of `-1` means "none".
public struct MarkdownNode: Sendable {
    /// What the node is, with the data its kind carries.
    public internal(set) var kind: Kind
    public internal(set) var parent: Int = -1
    public internal(set) var firstChild: Int = -1
    public internal(set) var lastChild: Int = -1
    public internal(set) var previous: Int = -1
    public internal(set) var next: Int = -1
    /// 1-based line of the node's first character in the source.
    public internal(set) var line: Int
    /// 1-based column (in UTF-8 bytes) of the node's first character in the source.
    public internal(set) var column: Int
    /// Attributes set by the `attrs` and `anchor` extensions (`id`, `class`, others), in order.
    public internal(set) var attributes: [MarkdownAttribute] = []

    // Parser state, not part of the public model.
    var open = true
    var lastLineBlank = false
    var lastLineChecked = false
    var content: [UInt8] = []
    /// Where each line of `content` came from: content offset, source line, source column.
    var lineMap: [LineOrigin] = []
    /// A text node from an escape or entity: typography leaves it alone.
    var special = false
    /// A definition list whose descriptions render without `<p>`.
    var tight = false
    /// A text node holding a run of delimiters still waiting for a partner.
    var delimiter = false

    init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// The kinds of node, as markdown-it and CommonMark name them.
    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(MarkdownList)
        case item
        /// A fenced or indented code block: the info string (empty when indented) and the literal content.
        case codeBlock(info: String, literal: String, fenced: Bool)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table
        case tableHead
        case tableBody
        case tableRow
        case tableCell(header: Bool, alignment: MarkdownTableAlignment)
        case definitionList
        case definitionTerm
        case definitionDescription
        case footnoteBlock
        case footnoteDefinition(label: String, number: Int)
        case alert(MarkdownAlertKind)
        case callout(String)
        case tableOfContents
        case figure
        case figureCaption

        case text(String)
        case softBreak
        case hardBreak
        case code(String)
        case html(String)
        case emphasis
        case strong
        case strikethrough
        case inserted
        case marked
        case subscripted
        case superscripted
        case link(destination: String, title: String)
        case image(destination: String, title: String)
        case footnoteReference(label: String, number: Int, subIndex: Int)
        case abbreviation(title: String)
    }

    /// Whether the node is a block (as opposed to an inline element).
    public var isBlock: Bool {
        switch kind {
        case .text, .softBreak, .hardBreak, .code, .html, .emphasis, .strong, .strikethrough, .inserted,
             .marked, .subscripted, .superscripted, .link, .image, .footnoteReference, .abbreviation:
            return false
        default:
            return true
        }
    }
}

/// Where a line of a block's content came from in the source.
struct LineOrigin: Sendable {
    var offset: Int
    var line: Int
    var column: Int
}

/// One `name="value"` attribute on an element.
public struct MarkdownAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A list's kind and markers.
public struct MarkdownList: Sendable, Hashable {
    /// Whether items are numbered.
    public var ordered: Bool
    /// The bullet (`-`, `+`, `*`) or the delimiter after the number (`.`, `)`).
    public var marker: UInt8
    /// The first number of an ordered list.
    public var start: Int
    /// A tight list renders its paragraphs without `<p>`.
    public var tight: Bool
    var markerOffset: Int
    var padding: Int
}

/// A table column's alignment.
public enum MarkdownTableAlignment: String, Sendable, Hashable {
    case none, left, center, right
}

/// The five GitHub alert kinds.
public enum MarkdownAlertKind: String, Sendable, Hashable, CaseIterable {
    case note, tip, important, warning, caution
}
