/// markdown-it-abbr: `*[HTML]: Hyper Text Markup Language` definitions, and wrapping each
/// whole-word occurrence of a defined abbreviation in text with `<abbr title="…">`.
enum AbbreviationParser {
    /// One definition line at `start`; records it (the first definition of a label wins) and returns its length.
    static func parseDefinition(_ s: [UInt8], from start: Int, into abbreviations: inout [(label: [UInt8], title: String)]) -> Int? {
        var lineEnd = start
        while lineEnd < s.count, s[lineEnd] != 0x0A { lineEnd += 1 }
        guard start + 2 < lineEnd, s[start] == UInt8(ascii: "*"), s[start + 1] == UInt8(ascii: "[") else { return nil }
        var i = start + 2
        var labelEnd = -1
        while i < lineEnd {
            let c = s[i]
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "]") { labelEnd = i; break }
            if c == UInt8(ascii: "\\") { i += 1 }
            i += 1
        }
        guard labelEnd > 0, labelEnd + 1 < lineEnd, s[labelEnd + 1] == UInt8(ascii: ":") else { return nil }
        var label: [UInt8] = []
        var k = start + 2
        while k < labelEnd {
            if s[k] == UInt8(ascii: "\\"), k + 1 < labelEnd { label.append(s[k + 1]); k += 2 } else { label.append(s[k]); k += 1 }
        }
        var a = labelEnd + 2
        var b = lineEnd
        while a < b, ByteClass.isWhitespace(s[a]) { a += 1 }
        while b > a, ByteClass.isWhitespace(s[b - 1]) { b -= 1 }
        guard !label.isEmpty, b > a else { return nil }
        // Every definition is kept; the first of a label wins when the trie is built.
        abbreviations.append((label, String(decoding: s[a..<b], as: UTF8.self)))
        return min(lineEnd + 1, s.count) - start
    }

    static func isBoundary(_ scalar: UInt32) -> Bool {
        ByteClass.isUnicodePunctuation(scalar) || ByteClass.isUnicodeWhitespace(scalar) || scalar == 0x0A
            || " \r\n$+<=>^`|~".unicodeScalars.contains { $0.value == scalar }
    }

    /// Wraps abbreviations in the text nodes of every inline block (not inside links).
    static func apply(_ abbreviations: [(label: [UInt8], title: String)], to tree: inout NodeTree) {
        guard !abbreviations.isEmpty else { return }
        let trie = AbbreviationTrie(abbreviations)
        let count = tree.nodes.count
        // Whether a node is inside a link, worked out once per node: climbing from every text
        // node to its block would be quadratic in a deeply nested block.
        var linked = [UInt8](repeating: 0, count: count)  // 0 not known, 1 in a link, 2 not
        func insideLink(_ start: Int) -> Bool {
            var chain: [Int] = []
            var ancestor = tree[start].parent
            var result: UInt8 = 2
            while ancestor != -1 {
                if ancestor < count, linked[ancestor] != 0 { result = linked[ancestor]; break }
                if case .link = tree[ancestor].kind { result = 1; break }
                if tree[ancestor].isBlock { break }
                chain.append(ancestor)
                ancestor = tree[ancestor].parent
            }
            for q in chain where q < count { linked[q] = result }
            return result == 1
        }
        var ends: [(end: Int, title: Int)] = []
        for node in 0..<count {
            guard case .text(let text) = tree[node].kind, tree[node].parent != -1, !tree[node].special else { continue }
            if insideLink(node) { continue }
            let s = Array(text.utf8)
            var pieces: [(text: [UInt8], title: String?)] = []
            var last = 0
            var i = 0
            while i < s.count {
                let before = ByteClass.scalar(before: i, in: s)
                if i == 0 || isBoundary(before) {
                    let matched = trie.longestMatch(in: s, at: i, ends: &ends) { after in
                        after == s.count || isBoundary(ByteClass.scalar(at: after, in: s, end: s.count))
                    }
                    if let matched {
                        if i > last { pieces.append((Array(s[last..<i]), nil)) }
                        pieces.append((Array(s[i..<(i + matched.length)]), matched.title))
                        i += matched.length
                        last = i
                        continue
                    }
                }
                i += 1
            }
            guard !pieces.isEmpty else { continue }
            if last < s.count { pieces.append((Array(s[last...]), nil)) }
            var anchor = node
            for piece in pieces {
                let inserted: Int
                if let title = piece.title {
                    inserted = tree.make(MarkdownNode(kind: .abbreviation(title: title), line: tree[node].line, column: tree[node].column))
                    tree.append(MarkdownNode(kind: .text(String(decoding: piece.text, as: UTF8.self)), line: tree[node].line, column: tree[node].column), to: inserted)
                } else {
                    inserted = tree.make(MarkdownNode(kind: .text(String(decoding: piece.text, as: UTF8.self)), line: tree[node].line, column: tree[node].column))
                }
                tree.insertAfter(anchor, inserted)
                anchor = inserted
            }
            tree.unlink(node)
        }
    }
}
