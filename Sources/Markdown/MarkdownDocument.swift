/// A parsed Markdown document: the AST with source positions, and what other modules read from it.
///
/// Walking skeleton: paragraphs and ATX headings only, until the CommonMark parser lands.
public struct MarkdownDocument: Sendable {
    public let options: MarkdownOptions
    /// The top-level blocks, in source order.
    public let blocks: [MarkdownBlock]

    public init(parsing text: String, options: MarkdownOptions = .commonMark) {
        self.options = options
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var paragraphLine = 1
        func flush() {
            if !paragraph.isEmpty {
                blocks.append(.init(kind: .paragraph, text: paragraph.joined(separator: "\n"), line: paragraphLine, column: 1))
                paragraph = []
            }
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.isEmpty {
                flush()
            } else if trimmed.hasPrefix("#") {
                flush()
                let level = trimmed.prefix(while: { $0 == "#" }).count
                let rest = trimmed.dropFirst(level)
                if level <= 6, rest.isEmpty || rest.first == " " {
                    blocks.append(.init(kind: .heading(level: level), text: rest.trimmingSpaces(), line: index + 1, column: 1))
                } else {
                    paragraph.append(String(trimmed))
                }
            } else {
                if paragraph.isEmpty { paragraphLine = index + 1 }
                paragraph.append(String(trimmed))
            }
        }
        flush()
        self.blocks = blocks
    }

    /// The document as HTML.
    public func renderHTML() -> String {
        var out = ""
        for block in blocks {
            switch block.kind {
            case .paragraph: out += "<p>\(HTMLEscaping.escape(block.text))</p>\n"
            case .heading(let level): out += "<h\(level)>\(HTMLEscaping.escape(block.text))</h\(level)>\n"
            }
        }
        return out
    }

    /// Render Markdown text to HTML in one call.
    public static func html(_ text: String, options: MarkdownOptions = .commonMark) -> String {
        MarkdownDocument(parsing: text, options: options).renderHTML()
    }
}

/// A block of the walking-skeleton AST.
public struct MarkdownBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case paragraph
        case heading(level: Int)
    }
    public let kind: Kind
    public let text: String
    /// 1-based line of the block's first character.
    public let line: Int
    /// 1-based column of the block's first character.
    public let column: Int
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
