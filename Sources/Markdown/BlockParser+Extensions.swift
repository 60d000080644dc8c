/// Block rules of the plugin extensions: footnote definitions (markdown-it-footnote) and
/// definition lists (markdown-it-deflist).
extension BlockParser {
    /// The labels of every footnote definition, for the inline parser's references.
    var footnoteLabels: Set<String> { footnoteDefinitions }

    /// `[^label]: text` at `nextNonspace`: opens a footnote definition container.
    mutating func tryFootnoteDefinition(_ container: Int) -> Int? {
        var i = nextNonspace + 2
        let labelStart = i
        while i < lineEnd {
            let c = s[i]
            if c == 0x20 || c == 0x09 { return nil }
            if c == UInt8(ascii: "]") { break }
            i += 1
        }
        guard i > labelStart, i + 1 < lineEnd, s[i] == UInt8(ascii: "]"), s[i + 1] == UInt8(ascii: ":") else { return nil }
        let label = String(decoding: s[labelStart..<i], as: UTF8.self)
        closeUnmatchedBlocks()
        addChild(.footnoteDefinition(label: label, number: 0), at: nextNonspace)
        footnoteDefinitions.insert(label)
        advanceNextNonspace()
        advanceOffset(i + 2 - offset, columns: false)
        // Up to three spaces after the colon are not indentation; four or more count from the fourth.
        var cols = 0
        var j = offset
        var c = column
        while j < lineEnd, ByteClass.isSpaceOrTab(s[j]) {
            let w = s[j] == 0x09 ? 4 - c % 4 : 1
            cols += w
            c += w
            j += 1
        }
        if cols >= 4 { advanceOffset(4, columns: true) }
        return 1
    }

    /// `: definition` or `~ definition` after a one-line term: opens a definition list item.
    mutating func tryDefinition(_ container: Int) -> Int? {
        // Something after the marker, and at least one space before it.
        let markerAt = nextNonspace
        guard markerAt + 1 < lineEnd, ByteClass.isSpaceOrTab(s[markerAt + 1]) else { return nil }
        var k = markerAt + 1
        while k < lineEnd, ByteClass.isSpaceOrTab(s[k]) { k += 1 }
        guard k < lineEnd else { return nil }

        // The term: the open one-line paragraph just above, or the closed one before one blank line,
        // or (for a further description) the description list whose last description just ended.
        var term = -1
        var list = -1
        if case .definitionList = tree[container].kind {
            list = container
        } else if case .paragraph = tree[tip].kind, tip == container, tree[tip].lineMap.count == 1 {
            term = tip
        } else {
            let last = tree[container].lastChild
            if last != -1 {
                switch tree[last].kind {
                case .paragraph where tree[last].lineMap.count == 1 && !tree[last].open && (tree[last].lineMap.first?.line ?? 0) >= lineNumber - 2:
                    term = last
                case .definitionList:
                    list = last
                default:
                    break
                }
            }
            if term == -1 && list == -1 { return nil }
        }
        closeUnmatchedBlocks()
        if term != -1 {
            if tip == term { finalize(term, line: lineNumber - 1) }
            guard tree[term].parent != -1 else { return nil }
            let previous = tree[term].previous
            tree[term].kind = .definitionTerm
            tree[term].open = false
            if previous != -1, case .definitionList = tree[previous].kind {
                list = previous
            } else {
                list = tree.make(MarkdownNode(kind: .definitionList, line: tree[term].line, column: tree[term].column))
                tree.insertBefore(term, list)
            }
            tree.unlink(term)
            tree.appendChild(term, to: list)
        }
        tree[list].open = true
        tip = list
        let description = addChild(.definitionDescription, at: markerAt)
        descriptionIndent[description] = indent + 2
        advanceNextNonspace()
        advanceOffset(2, columns: true)
        return 1
    }
}
