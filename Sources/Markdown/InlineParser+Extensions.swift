/// The plugin inline rules: `~sub~`, `^sup^` and footnote references `[^label]`.
extension InlineParser {
    /// markdown-it-sub / -sup: a marker, text without unescaped whitespace, the same marker.
    mutating func parseEnclosed(_ marker: UInt8, kind: MarkdownNode.Kind) -> Bool {
        let start = pos
        guard start + 2 < end else { return false }
        var i = start + 1
        var found = false
        while i < end {
            let c = s[i]
            if c == marker { found = true; break }
            if c == UInt8(ascii: "\\"), i + 1 < end { i += 2; continue }
            if c == UInt8(ascii: "`") {
                var j = i
                while j < end, s[j] == c { j += 1 }
                let length = j - i
                var k = j
                var closed = -1
                while k < end {
                    if s[k] == c {
                        let runStart = k
                        while k < end, s[k] == c { k += 1 }
                        if k - runStart == length { closed = k; break }
                    } else {
                        k += 1
                    }
                }
                i = closed == -1 ? j : closed
                continue
            }
            i += 1
        }
        guard found, i > start + 1 else { return false }
        // No unescaped whitespace inside.
        var k = start + 1
        var content: [UInt8] = []
        while k < i {
            let c = s[k]
            if c == UInt8(ascii: "\\"), k + 1 < i, ByteClass.isASCIIPunctuation(s[k + 1]) || s[k + 1] == 0x20 {
                content.append(s[k + 1])
                k += 2
                continue
            }
            if ByteClass.isWhitespace(c) { return false }
            content.append(c)
            k += 1
        }
        let node = appendNode(kind, at: start)
        tree.append(MarkdownNode(kind: .text(String(decoding: content, as: UTF8.self)), line: 0, column: 0), to: node)
        pos = i + 1
        return true
    }

    /// A footnote reference `[^label]` to a defined footnote.
    mutating func parseFootnoteReference(_ start: Int) -> Bool {
        var i = start + 2
        while i < end {
            let c = s[i]
            if c == 0x20 || c == 0x0A { return false }
            if c == UInt8(ascii: "]") { break }
            i += 1
        }
        guard i < end, i > start + 2 else { return false }
        let label = String(decoding: s[(start + 2)..<i], as: UTF8.self)
        guard footnoteLabels.contains(label) else { return false }
        appendNode(.footnoteReference(label: label, number: 0, subIndex: 0), at: start)
        pos = i + 1
        return true
    }

    /// An inline footnote `^[text]`: a reference here, and a footnote holding the text.
    mutating func parseInlineFootnote() -> Bool {
        let start = pos
        var i = start + 2
        var depth = 1
        while i < end {
            let c = s[i]
            if c == UInt8(ascii: "\\"), i + 1 < end { i += 2; continue }
            if c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "]") { depth -= 1; if depth == 0 { break } }
            i += 1
        }
        guard i < end, depth == 0 else { return false }
        let label = "\u{0}inline-\(tree.nodes.count)"
        appendNode(.footnoteReference(label: label, number: 0, subIndex: 0), at: start)
        let (line, column) = position(start + 2)
        let definition = tree.append(MarkdownNode(kind: .footnoteDefinition(label: label, number: 0), line: line, column: column), to: 0)
        var paragraph = MarkdownNode(kind: .paragraph, line: line, column: column)
        paragraph.content = Array(s[(start + 2)..<i])
        paragraph.lineMap = [LineOrigin(offset: 0, line: line, column: column)]
        paragraph.special = true
        let node = tree.append(paragraph, to: definition)
        pendingBlocks.append(node)
        pos = i + 1
        return true
    }
}
