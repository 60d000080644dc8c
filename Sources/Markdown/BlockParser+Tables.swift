/// The table rule of markdown-it, as a block start: a line with a pipe whose next line is a
/// delimiter row with the same number of columns. Like markdown-it, it is tried before every
/// other block start, so `# | a` over `--|--` is a table, not a heading.
extension BlockParser {
    /// Whether the current line (from `nextNonspace`) starts a table.
    func tableMayStart() -> Bool {
        guard !indented, nextNonspace < lineEnd, lastPipe >= nextNonspace else { return false }
        // The next line, with this line's block-quote markers stripped.
        var i = lineEnd
        if i < s.count, s[i] == 0x0D { i += 1 }
        if i < s.count, s[i] == 0x0A { i += 1 }
        guard i < s.count, i > lineEnd else { return false }
        var end = i
        while end < s.count, s[end] != 0x0A, s[end] != 0x0D { end += 1 }
        // Cheap test first: the next line must hold a delimiter row character.
        guard s[i..<end].contains(where: { $0 == UInt8(ascii: "-") }) else { return false }
        var quotes = 0
        var node = tip
        while node != -1 {
            if case .blockQuote = tree[node].kind { quotes += 1 }
            node = tree[node].parent
        }
        var cols = 0
        for _ in 0..<quotes {
            while i < end, s[i] == 0x20 { i += 1; cols += 1 }
            guard i < end, s[i] == UInt8(ascii: ">") else { return false }
            i += 1
            cols += 1
            if i < end, s[i] == 0x20 { i += 1; cols += 1 }
        }
        let startCols = cols
        while i < end, ByteClass.isSpaceOrTab(s[i]) {
            cols += s[i] == 0x09 ? 4 - cols % 4 : 1
            i += 1
        }
        let indentNext = cols - startCols
        guard cols >= column, cols - column < 4 || indentNext < 4 && quotes > 0 else { return false }
        guard let aligns = TableParser.delimiterRow(s, i, end) else { return false }
        let header = TableParser.splitRow(s, nextNonspace, lineEnd)
        return !header.isEmpty && header.count == aligns.count
    }

    /// Whether the current line starts one of the blocks that end a table (markdown-it's
    /// blockquote terminators: fence, block quote, thematic break, list, HTML block, heading).
    func startsTerminator() -> Bool {
        guard !indented else { return false }
        let c = peek(nextNonspace)
        switch c {
        case UInt8(ascii: ">"): return true
        case UInt8(ascii: "#"):
            var i = nextNonspace
            while i < lineEnd, s[i] == c { i += 1 }
            return i - nextNonspace <= 6 && (i == lineEnd || ByteClass.isSpaceOrTab(s[i]))
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            var i = nextNonspace
            while i < lineEnd, s[i] == c { i += 1 }
            return i - nextNonspace >= 3
        case UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"):
            let next = peek(nextNonspace + 1)
            if c != UInt8(ascii: "_"), nextNonspace + 1 >= lineEnd || ByteClass.isSpaceOrTab(next) { return true }
            var count = 0
            var i = nextNonspace
            while i < lineEnd {
                if s[i] == c { count += 1 } else if !ByteClass.isSpaceOrTab(s[i]) { return false }
                i += 1
            }
            return count >= 3
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var i = nextNonspace
            while i < lineEnd, ByteClass.isDigit(s[i]), i - nextNonspace < 9 { i += 1 }
            guard i < lineEnd, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ")") else { return false }
            return i + 1 >= lineEnd || ByteClass.isSpaceOrTab(s[i + 1])
        case UInt8(ascii: "<"):
            return options.html && HTMLScanner.blockStart(s, nextNonspace, lineEnd, canBeType7: false) > 0
        default:
            return false
        }
    }
}
