/// One node of a parsed document: a block or an inline element, with where it starts in the source.
///
/// Nodes live in one array (`MarkdownDocument.nodes`) and point at each other by index, so a
/// document of any depth is walked without recursion and freed without a chain of deinits.
/// An index of `-1` means "none".
public struct MarkdownNode: Sendable {
    /// What the node is, with the data its kind carries.
    public internal(set) var kind: Kind

    // Links and positions are stored in 32 bits: a node of 96 bytes instead of 144 keeps a document
    // of a million nodes a third smaller, and walking it a third cheaper in memory traffic. No
    // document reaches 2^31 nodes, lines or columns (that would need gigabytes of input per node).
    private var parent32: Int32 = -1
    private var firstChild32: Int32 = -1
    private var lastChild32: Int32 = -1
    private var previous32: Int32 = -1
    private var next32: Int32 = -1
    private var line32: Int32
    private var column32: Int32

    public internal(set) var parent: Int {
        get { Int(parent32) }
        set { parent32 = Int32(truncatingIfNeeded: newValue) }
    }
    public internal(set) var firstChild: Int {
        get { Int(firstChild32) }
        set { firstChild32 = Int32(truncatingIfNeeded: newValue) }
    }
    public internal(set) var lastChild: Int {
        get { Int(lastChild32) }
        set { lastChild32 = Int32(truncatingIfNeeded: newValue) }
    }
    public internal(set) var previous: Int {
        get { Int(previous32) }
        set { previous32 = Int32(truncatingIfNeeded: newValue) }
    }
    public internal(set) var next: Int {
        get { Int(next32) }
        set { next32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// 1-based line of the node's first character in the source.
    public internal(set) var line: Int {
        get { Int(line32) }
        set { line32 = Self.clamped(newValue) }
    }
    /// 1-based column (in UTF-8 bytes) of the node's first character in the source.
    public internal(set) var column: Int {
        get { Int(column32) }
        set { column32 = Self.clamped(newValue) }
    }
    /// Attributes set by the `attrs` and `anchor` extensions (`id`, `class`, others), in order.
    public internal(set) var attributes: [MarkdownAttribute] = []

    // Parser state, not part of the public model.
    var content: [UInt8] = []
    /// Where each line of `content` came from: content offset, source line, source column.
    var lineMap: [LineOrigin] = []
    var open = true
    var lastLineBlank = false
    var lastLineChecked = false
    /// A text node from an escape or entity: typography leaves it alone.
    var special = false
    /// A definition list whose descriptions render without `<p>`.
    var tight = false
    /// A text node holding a run of delimiters still waiting for a partner.
    var delimiter = false

    private static func clamped(_ value: Int) -> Int32 {
        Int32(clamping: value)
    }

    init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line32 = Self.clamped(line)
        self.column32 = Self.clamped(column)
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

    /// Whether the node is a block whose children are inline content (never blocks).
    var holdsInlineContent: Bool {
        switch kind {
        case .paragraph, .heading, .tableCell, .definitionTerm: return true
        default: return false
        }
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
    // Marker offset and padding are at most a few columns: 32 bits keep a list (and so every
    // node, whose kind can hold one) small.
    private var markerOffset32: Int32
    private var padding32: Int32
    var markerOffset: Int {
        get { Int(markerOffset32) }
        set { markerOffset32 = Int32(clamping: newValue) }
    }
    var padding: Int {
        get { Int(padding32) }
        set { padding32 = Int32(clamping: newValue) }
    }

    init(ordered: Bool, marker: UInt8, start: Int, tight: Bool, markerOffset: Int, padding: Int) {
        self.ordered = ordered
        self.marker = marker
        self.start = start
        self.tight = tight
        markerOffset32 = Int32(clamping: markerOffset)
        padding32 = Int32(clamping: padding)
    }
}

/// A table column's alignment.
public enum MarkdownTableAlignment: String, Sendable, Hashable {
    case none, left, center, right
}

/// The five GitHub alert kinds.
public enum MarkdownAlertKind: String, Sendable, Hashable, CaseIterable {
    case note, tip, important, warning, caution
}
