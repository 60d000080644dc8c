/// A link or image found in a document, with where it starts in the source.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination, percent-encoded as it is written into `href`/`src`.
    public let destination: String
    public let title: String
    /// The link text (an image's alt text), without markup.
    public let text: String
    public let isImage: Bool
    /// 1-based line and column of the `[` (or `!`, `<`) that starts it.
    public let line: Int
    public let column: Int

    public init(destination: String, title: String, text: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.title = title
        self.text = text
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// A heading, with its id when the `anchor` extension (or an attribute) gave it one.
public struct MarkdownHeading: Sendable, Hashable {
    public let level: Int
    /// The heading's text without markup.
    public let text: String
    public let id: String?
    public let line: Int
    public let column: Int

    public init(level: Int, text: String, id: String?, line: Int, column: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
        self.column = column
    }
}

/// A fenced or indented code block.
public struct MarkdownCodeBlock: Sendable, Hashable {
    /// The info string after the opening fence (empty for indented code).
    public let info: String
    /// The literal content, ending with a newline unless empty.
    public let content: String
    public let isFenced: Bool
    public let line: Int
    public let column: Int

    public init(info: String, content: String, isFenced: Bool, line: Int, column: Int) {
        self.info = info
        self.content = content
        self.isFenced = isFenced
        self.line = line
        self.column = column
    }
}

/// A block quote and the plain text of what it holds.
public struct MarkdownBlockQuote: Sendable, Hashable {
    public let text: String
    public let line: Int
    public let column: Int

    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }
}

extension MarkdownDocument {
    /// Node indices in document order.
    func preorder() -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(nodes.count)
        var stack = [root]
        while let node = stack.popLast() {
            if tree[node].parent == -1 && node != root { continue }
            out.append(node)
            var child = tree[node].lastChild
            while child != -1 { stack.append(child); child = tree[child].previous }
        }
        return out
    }

    /// The text of a subtree without markup (blocks separated by newlines).
    public func plainText(of node: Int) -> String {
        var text = ""
        var stack: [Int] = []
        var child = tree[node].lastChild
        while child != -1 { stack.append(child); child = tree[child].previous }
        while let current = stack.popLast() {
            switch tree[current].kind {
            case .text(let t), .code(let t): text += t
            case .softBreak, .hardBreak: text += "\n"
            case .codeBlock(_, let literal, _): text += literal
            default: break
            }
            if tree[current].isBlock, !text.isEmpty, text.last != "\n", tree[current].previous != -1 { text += "\n" }
            var c = tree[current].lastChild
            while c != -1 { stack.append(c); c = tree[c].previous }
        }
        return text
    }

    /// Every link and image, in reading order.
    public var links: [MarkdownLink] {
        preorder().compactMap { node in
            switch tree[node].kind {
            case .link(let destination, let title):
                return MarkdownLink(destination: destination, title: title, text: plainText(of: node), isImage: false,
                                    line: tree[node].line, column: tree[node].column)
            case .image(let destination, let title):
                return MarkdownLink(destination: destination, title: title, text: plainText(of: node), isImage: true,
                                    line: tree[node].line, column: tree[node].column)
            default:
                return nil
            }
        }
    }

    /// Every heading, in reading order.
    public var headings: [MarkdownHeading] {
        preorder().compactMap { node in
            guard case .heading(let level) = tree[node].kind else { return nil }
            return MarkdownHeading(level: level, text: plainText(of: node),
                                   id: tree[node].attributes.first(where: { $0.name == "id" })?.value,
                                   line: tree[node].line, column: tree[node].column)
        }
    }

    /// Every code block, fenced and indented, in reading order.
    public var codeBlocks: [MarkdownCodeBlock] {
        preorder().compactMap { node in
            guard case .codeBlock(let info, let literal, let fenced) = tree[node].kind else { return nil }
            return MarkdownCodeBlock(info: info, content: literal, isFenced: fenced, line: tree[node].line, column: tree[node].column)
        }
    }

    /// Every block quote, in reading order (nested ones too).
    public var blockQuotes: [MarkdownBlockQuote] {
        preorder().compactMap { node in
            guard case .blockQuote = tree[node].kind else { return nil }
            return MarkdownBlockQuote(text: plainText(of: node), line: tree[node].line, column: tree[node].column)
        }
    }
}
