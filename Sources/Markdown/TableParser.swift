/// GFM pipe tables, as markdown-it 14 reads them: the header row sets the column count, the
/// delimiter row the alignments; body rows are cut or padded to fit.
enum TableParser {
    /// The most empty cells a table may add to short rows (markdown-it's limit against blow-up).
    static let maximumAutocompletedCells = 0x10000

    /// The alignments of a delimiter row (`| :-- | --: |`), or nil if the line is not one.
    static func delimiterRow(_ s: [UInt8], _ start: Int, _ end: Int) -> [MarkdownTableAlignment]? {
        guard start < end else { return nil }
        let first = s[start]
        guard first == UInt8(ascii: "|") || first == UInt8(ascii: "-") || first == UInt8(ascii: ":") else { return nil }
        guard start + 1 < end else { return nil }
        let second = s[start + 1]
        guard second == UInt8(ascii: "|") || second == UInt8(ascii: "-") || second == UInt8(ascii: ":") || ByteClass.isSpaceOrTab(second) else { return nil }
        if first == UInt8(ascii: "-") && ByteClass.isSpaceOrTab(second) { return nil }
        for i in start..<end {
            let c = s[i]
            guard c == UInt8(ascii: "|") || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || ByteClass.isSpaceOrTab(c) else { return nil }
        }
        var columns: [ArraySlice<UInt8>] = []
        var cellStart = start
        for i in start...end where i == end || s[i] == UInt8(ascii: "|") {
            columns.append(s[cellStart..<i])
            cellStart = i + 1
        }
        var aligns: [MarkdownTableAlignment] = []
        for (index, column) in columns.enumerated() {
            let t = column.drop(while: ByteClass.isSpaceOrTab).reversed().drop(while: ByteClass.isSpaceOrTab).reversed()
            if t.isEmpty {
                if index == 0 || index == columns.count - 1 { continue }
                return nil
            }
            let core = Array(t)
            var a = 0
            var b = core.count
            let left = core[0] == UInt8(ascii: ":")
            let right = core[core.count - 1] == UInt8(ascii: ":")
            if left { a += 1 }
            if right && b > a { b -= 1 }
            guard b > a, core[a..<b].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            aligns.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return aligns
    }

    /// Splits a row on unescaped pipes (an escaped pipe loses its backslash), dropping an empty
    /// first and last cell. Returns the cells' byte ranges after trimming, with their bytes.
    static func splitRow(_ s: [UInt8], _ start: Int, _ end: Int) -> [(bytes: [UInt8], offset: Int)] {
        var a = start
        var b = end
        while a < b, ByteClass.isWhitespace(s[a]) { a += 1 }
        while b > a, ByteClass.isWhitespace(s[b - 1]) { b -= 1 }
        var cells: [(bytes: [UInt8], offset: Int)] = []
        var current: [UInt8] = []
        var currentStart = a
        var escaped = false
        var i = a
        while i < b {
            let c = s[i]
            if c == UInt8(ascii: "|") {
                if !escaped {
                    cells.append((current, currentStart))
                    current = []
                    currentStart = i + 1
                } else {
                    current.removeLast()
                    current.append(c)
                }
            } else {
                current.append(c)
            }
            escaped = c == UInt8(ascii: "\\")
            i += 1
        }
        cells.append((current, currentStart))
        if let first = cells.first, first.bytes.isEmpty { cells.removeFirst() }
        if let last = cells.last, last.bytes.isEmpty { cells.removeLast() }
        return cells.map { cell in
            var x = 0
            var y = cell.bytes.count
            while x < y, ByteClass.isWhitespace(cell.bytes[x]) { x += 1 }
            while y > x, ByteClass.isWhitespace(cell.bytes[y - 1]) { y -= 1 }
            return (Array(cell.bytes[x..<y]), cell.offset + x)
        }
    }

    /// Turns a finished table block's lines into head, body, rows and cells.
    static func build(table: Int, in tree: inout NodeTree) {
        let content = tree[table].content
        let lineMap = tree[table].lineMap
        tree[table].content = []
        tree[table].lineMap = []
        var lines: [(start: Int, end: Int, origin: LineOrigin)] = []
        for (index, origin) in lineMap.enumerated() {
            let end = index + 1 < lineMap.count ? lineMap[index + 1].offset - 1 : max(content.count - 1, origin.offset)
            lines.append((origin.offset, end, origin))
        }
        guard lines.count >= 2, let aligns = delimiterRow(content, skipSpace(content, lines[1].start, lines[1].end), lines[1].end) else { return }
        let columnCount = aligns.count
        func addRow(_ line: (start: Int, end: Int, origin: LineOrigin), to section: Int, header: Bool) {
            let row = tree.append(MarkdownNode(kind: .tableRow, line: line.origin.line, column: line.origin.column), to: section)
            let cells = splitRow(content, line.start, line.end)
            for index in 0..<columnCount {
                var cell = MarkdownNode(kind: .tableCell(header: header, alignment: aligns[index]), line: line.origin.line, column: line.origin.column)
                if index < cells.count {
                    cell.content = cells[index].bytes
                    let column = line.origin.column + cells[index].offset - line.start
                    cell.column = column
                    cell.lineMap = [LineOrigin(offset: 0, line: line.origin.line, column: column)]
                }
                tree.append(cell, to: row)
            }
        }
        let head = tree.append(MarkdownNode(kind: .tableHead, line: lines[0].origin.line, column: lines[0].origin.column), to: table)
        addRow(lines[0], to: head, header: true)
        guard lines.count > 2 else { return }
        let body = tree.append(MarkdownNode(kind: .tableBody, line: lines[2].origin.line, column: lines[2].origin.column), to: table)
        var autocompleted = 0
        for line in lines[2...] {
            let cells = splitRow(content, line.start, line.end).count
            autocompleted += columnCount - cells
            if autocompleted > maximumAutocompletedCells { break }
            addRow(line, to: body, header: false)
        }
    }

    static func skipSpace(_ s: [UInt8], _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, ByteClass.isSpaceOrTab(s[i]) { i += 1 }
        return i
    }
}
