/// A parsed Markdown document: the AST with source positions, and what other modules read from it.
///
/// Parsing is CommonMark 0.31.2 on the UTF-8 bytes of the input, with markdown-it's options and
/// the GOV.UK Eleventy plugin's extensions switched by `MarkdownOptions`.
public struct MarkdownDocument: Sendable {
    public let options: MarkdownOptions
    /// Every node, linked by index; `nodes[root]` is the document node.
    public let nodes: [MarkdownNode]
    /// The index of the document node.
    public var root: Int { 0 }

    let tree: NodeTree
    let sourceSize: Int

    public init(parsing text: String, options: MarkdownOptions = .commonMark) {
        self.options = options
        var bytes = Array(text.utf8)
        if bytes.contains(0) {
            var cleaned: [UInt8] = []
            cleaned.reserveCapacity(bytes.count + 8)
            for b in bytes {
                if b == 0 { cleaned.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { cleaned.append(b) }
            }
            bytes = cleaned
        }
        sourceSize = bytes.count
        var blocks = BlockParser(bytes: bytes, options: options)
        blocks.parse()
        // The block parser gives its tree away, so the inline parser's first change does not copy it.
        var inlines = InlineParser(tree: blocks.takeTree(), references: blocks.references,
                                   footnoteLabels: blocks.footnoteLabels, options: options)
        for block in Self.inlineContainers(inlines.tree) { inlines.parse(block: block) }
        var inlineFootnotes = false
        while let pending = inlines.pendingBlocks.popLast() {
            inlineFootnotes = true
            inlines.parse(block: pending)
        }
        var tree = inlines.takeTree()
        AbbreviationParser.apply(blocks.abbreviations, to: &tree)
        DocumentTransforms.apply(to: &tree, options: options, autolinks: inlines.autolinks,
                                 hasFootnotes: inlineFootnotes || !blocks.footnoteDefinitions.isEmpty)
        self.tree = tree
        self.nodes = tree.nodes
    }

    /// The blocks whose content is inline Markdown, in document order.
    static func inlineContainers(_ tree: NodeTree) -> [Int] {
        var out: [Int] = []
        var stack = [0]
        while let node = stack.popLast() {
            switch tree[node].kind {
            case .paragraph, .heading, .tableCell, .definitionTerm:
                out.append(node)
                continue
            default:
                break
            }
            var child = tree[node].lastChild
            while child != -1 {
                if tree[child].isBlock { stack.append(child) }
                child = tree[child].previous
            }
        }
        return out
    }

    /// The children of a node, in order.
    public func children(of node: Int) -> [Int] { tree.children(of: node) }

    /// The document as HTML.
    public func renderHTML() -> String {
        var renderer = HTMLRenderer(tree: tree, options: options, expectedSize: sourceSize)
        return String(decoding: renderer.render(root), as: UTF8.self)
    }

    /// The document as HTML, with some fenced blocks written by the caller: `fencedBlock` returns
    /// the markup for a block (trusted, written as-is) or nil to write it as code. This is how a
    /// site shows a block in a language of its own, such as a documented journey, as more than code.
    public func renderHTML(fencedBlock: (MarkdownCodeBlock) -> String?) -> String {
        withoutActuallyEscaping(fencedBlock) { fencedBlock in
            var renderer = HTMLRenderer(tree: tree, options: options, expectedSize: sourceSize)
            renderer.fencedBlockHTML = fencedBlock
            return String(decoding: renderer.render(root), as: UTF8.self)
        }
    }

    /// Inline-only rendering, as markdown-it's `renderInline`: no paragraphs or other blocks, every
    /// line break is a soft break; for one-line text such as titles (the `markdown` filter's inline mode).
    public static func inlineHTML(_ text: String, options: MarkdownOptions = .commonMark) -> String {
        var bytes = Array(text.utf8)
        for k in bytes.indices where bytes[k] == 0 { bytes[k] = 0x20 }
        var tree = NodeTree()
        var paragraph = MarkdownNode(kind: .paragraph, line: 1, column: 1)
        var lineMap = [LineOrigin(offset: 0, line: 1, column: 1)]
        var line = 1
        var content: [UInt8] = []
        content.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            var b = bytes[i]
            if b == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                b = 0x0A
            }
            content.append(b)
            i += 1
            if b == 0x0A {
                line += 1
                lineMap.append(LineOrigin(offset: content.count, line: line, column: 1))
            }
        }
        paragraph.content = content
        paragraph.lineMap = lineMap
        let block = tree.append(paragraph, to: 0)
        var inlines = InlineParser(tree: tree.take(), references: [:], footnoteLabels: [], options: options)
        inlines.parse(block: block)
        tree = inlines.takeTree()
        DocumentTransforms.apply(to: &tree, options: options, autolinks: inlines.autolinks)
        var renderer = HTMLRenderer(tree: tree, options: options)
        var out: [UInt8] = []
        var child = tree[block].firstChild
        while child != -1 {
            renderer.out = []
            out += renderer.render(child)
            child = tree[child].next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Render Markdown text to HTML in one call.
    public static func html(_ text: String, options: MarkdownOptions = .commonMark) -> String {
        MarkdownDocument(parsing: text, options: options).renderHTML()
    }
}
