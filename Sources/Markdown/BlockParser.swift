/// The first phase of parsing: lines into the block structure (CommonMark's two-phase algorithm).
///
/// Works on the UTF-8 bytes of the whole input. Each line is matched against the open blocks,
/// then against the block starts; what remains is text for the innermost block.
struct BlockParser {
    var tree: NodeTree
    let s: [UInt8]
    let options: MarkdownOptions
    var references: [String: LinkReference] = [:]

    var tip = 0
    var oldTip = 0
    var lastMatchedContainer = 0
    var allClosed = true

    var lineNumber = 0
    var lineStart = 0
    var lineEnd = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var indented = false
    var blank = false
    var partiallyConsumedTab = false

    /// Which extensions' block rules run.
    let tables: Bool
    let footnotes: Bool
    let deflists: Bool

    init(bytes: [UInt8], options: MarkdownOptions) {
        self.s = bytes
        self.options = options
        self.tree = NodeTree()
        self.tree.nodes.reserveCapacity(bytes.count / 16 + 16)
        self.tables = options.extensions.contains(.tables)
        self.footnotes = options.extensions.contains(.footnote)
        self.deflists = options.extensions.contains(.deflist)
    }

    // MARK: - Driving

    mutating func parse() {
        var i = 0
        let n = s.count
        while i < n {
            var e = i
            while e < n, s[e] != 0x0A, s[e] != 0x0D { e += 1 }
            incorporateLine(start: i, end: e)
            if e < n, s[e] == 0x0D, e + 1 < n, s[e + 1] == 0x0A { e += 1 }
            i = e + 1
        }
        while tip != -1 && tip != 0 { finalize(tip, line: lineNumber) }
        finalize(0, line: lineNumber)
    }

    /// Hands the parsed tree over (see `NodeTree.take`).
    mutating func takeTree() -> NodeTree { tree.take() }

    @inline(__always) func peek(_ i: Int) -> UInt8 { i < lineEnd ? s[i] : 0 }

    mutating func findNextNonspace() {
        var i = offset
        var cols = column
        while i < lineEnd {
            let c = s[i]
            if c == 0x20 { i += 1; cols += 1 } else if c == 0x09 { i += 1; cols += 4 - (cols % 4) } else { break }
        }
        blank = i >= lineEnd
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = cols - column
        indented = indent >= 4
    }

    mutating func advanceNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < lineEnd {
            if s[offset] == 0x09 {
                let charsToTab = 4 - (column % 4)
                if columns {
                    partiallyConsumedTab = charsToTab > count
                    let advance = min(charsToTab, count)
                    column += advance
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= advance
                } else {
                    partiallyConsumedTab = false
                    column += charsToTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    mutating func addLine() {
        let origin = LineOrigin(offset: tree[tip].content.count, line: lineNumber, column: offset - lineStart + 1)
        tree[tip].lineMap.append(origin)
        if partiallyConsumedTab {
            offset += 1
            let charsToTab = 4 - (column % 4)
            tree[tip].content.append(contentsOf: repeatElement(0x20, count: charsToTab))
        }
        if offset < lineEnd { tree[tip].content.append(contentsOf: s[offset..<lineEnd]) }
        tree[tip].content.append(0x0A)
    }

    func canContain(_ parent: Int, _ child: MarkdownNode.Kind) -> Bool {
        switch tree[parent].kind {
        case .document, .blockQuote, .item, .footnoteDefinition, .definitionDescription:
            if case .item = child { return false }
            return true
        case .list:
            if case .item = child { return true }
            return false
        case .definitionList:
            switch child {
            case .definitionTerm, .definitionDescription: return true
            default: return false
            }
        default:
            return false
        }
    }

    @discardableResult
    mutating func addChild(_ kind: MarkdownNode.Kind, at offset: Int) -> Int {
        while !canContain(tip, kind) { finalize(tip, line: lineNumber - 1) }
        let node = tree.append(MarkdownNode(kind: kind, line: lineNumber, column: offset - lineStart + 1), to: tip)
        tip = node
        return node
    }

    mutating func closeUnmatchedBlocks() {
        if !allClosed {
            while oldTip != lastMatchedContainer {
                let parent = tree[oldTip].parent
                finalize(oldTip, line: lineNumber - 1)
                oldTip = parent
            }
            allClosed = true
        }
    }

    func acceptsLines(_ node: Int) -> Bool {
        switch tree[node].kind {
        case .paragraph, .codeBlock, .htmlBlock, .table: return true
        default: return false
        }
    }

    // MARK: - One line

    mutating func incorporateLine(start: Int, end: Int) {
        var allMatched = true
        var container = 0
        oldTip = tip
        offset = start
        column = 0
        blank = false
        partiallyConsumedTab = false
        lineNumber += 1
        lineStart = start
        lineEnd = end
        if tables {
            lastPipe = -1
            var k = end
            while k > start { k -= 1; if s[k] == UInt8(ascii: "|") { lastPipe = k; break } }
        }

        while true {
            let last = tree[container].lastChild
            guard last != -1, tree[last].open else { break }
            container = last
            findNextNonspace()
            switch continueBlock(container) {
            case 0: continue
            case 1:
                allMatched = false
            default:
                return
            }
            break
        }
        if !allMatched { container = tree[container].parent }
        allClosed = container == oldTip
        lastMatchedContainer = container

        var matchedLeaf: Bool = {
            if case .paragraph = tree[container].kind { return false }
            return acceptsLines(container)
        }()
        while !matchedLeaf {
            findNextNonspace()
            if !indented && !mayStartBlock(peek(nextNonspace)) && !(tables && tableMayStart()) {
                advanceNextNonspace()
                break
            }
            let result = tryBlockStarts(container)
            if result == 0 {
                advanceNextNonspace()
                break
            }
            container = tip
            if result == 2 { matchedLeaf = true }
        }

        if !allClosed && !blank, case .paragraph = tree[tip].kind {
            addLine()
        } else {
            closeUnmatchedBlocks()
            if blank, tree[container].lastChild != -1 { tree[tree[container].lastChild].lastLineBlank = true }
            let kind = tree[container].kind
            var lastLineBlank = blank
            if blank {
                switch kind {
                case .blockQuote: lastLineBlank = false
                case .codeBlock(_, _, let fenced) where fenced: lastLineBlank = false
                case .item where tree[container].firstChild == -1 && tree[container].line == lineNumber: lastLineBlank = false
                default: break
                }
            }
            var cont = container
            while cont != -1 {
                tree[cont].lastLineBlank = lastLineBlank
                cont = tree[cont].parent
            }
            if acceptsLines(container) {
                addLine()
                if case .htmlBlock = kind, let type = htmlBlockType[container], type >= 1, type <= 5,
                   HTMLScanner.blockEnds(type: type, s, offset, lineEnd) {
                    finalize(container, line: lineNumber)
                }
            } else if offset < lineEnd && !blank {
                addChild(.paragraph, at: offset)
                advanceNextNonspace()
                addLine()
            }
        }
    }

    var htmlBlockType: [Int: Int] = [:]
    var fences: [Int: Fence] = [:]

    struct Fence {
        var char: UInt8
        var length: Int
        var offset: Int
    }

    @inline(__always) func mayStartBlock(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "#"), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    /// 0 no match, 1 matched a container (keep looking), 2 matched a leaf.
    mutating func continueBlock(_ container: Int) -> Int {
        switch tree[container].kind {
        case .document, .list:
            return 0
        case .definitionList:
            // Stays open for a following description (`: …`) or a blank line; a term line closes it
            // unless a description follows (tryDefinition reopens the list then).
            if blank { return 0 }
            let c = peek(nextNonspace)
            if !indented && (c == UInt8(ascii: ":") || c == UInt8(ascii: "~")) { return 0 }
            let last = tree[container].lastChild
            if last != -1, tree[last].open, let needed = descriptionIndent[last], indent >= needed { return 0 }
            return 1
        case .blockQuote:
            if !indented && peek(nextNonspace) == UInt8(ascii: ">") {
                advanceNextNonspace()
                advanceOffset(1, columns: false)
                if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                return 0
            }
            return 1
        case .item:
            guard let data = itemData[container] else { return 1 }
            if blank {
                if tree[container].firstChild == -1 { return 1 }
                advanceNextNonspace()
            } else if indent >= data.markerOffset + data.padding {
                advanceOffset(data.markerOffset + data.padding, columns: true)
            } else {
                return 1
            }
            return 0
        case .footnoteDefinition:
            if blank {
                advanceNextNonspace()
            } else if indent >= 4 {
                advanceOffset(4, columns: true)
            } else {
                return 1
            }
            return 0
        case .definitionDescription:
            let needed = descriptionIndent[container] ?? 2
            if blank {
                if tree[container].firstChild == -1 { return 1 }
                advanceNextNonspace()
            } else if indent >= needed {
                advanceOffset(needed, columns: true)
            } else {
                return 1
            }
            return 0
        case .heading, .thematicBreak, .definitionTerm:
            return 1
        case .codeBlock(_, _, let fenced):
            if fenced, let fence = fences[container] {
                if indent <= 3, peek(nextNonspace) == fence.char {
                    var i = nextNonspace
                    while i < lineEnd, s[i] == fence.char { i += 1 }
                    let length = i - nextNonspace
                    while i < lineEnd, ByteClass.isSpaceOrTab(s[i]) { i += 1 }
                    if length >= fence.length && length >= 3 && i == lineEnd {
                        finalize(container, line: lineNumber)
                        return 2
                    }
                }
                var i = fence.offset
                while i > 0, ByteClass.isSpaceOrTab(peek(offset)) {
                    advanceOffset(1, columns: true)
                    i -= 1
                }
            } else {
                if indent >= 4 {
                    advanceOffset(4, columns: true)
                } else if blank {
                    advanceNextNonspace()
                } else {
                    return 1
                }
            }
            return 0
        case .htmlBlock:
            if blank, let type = htmlBlockType[container], type == 6 || type == 7 { return 1 }
            return 0
        case .paragraph:
            return blank ? 1 : 0
        case .table:
            if blank || indented { return 1 }
            if let delimiterRows = tableRowsLeft[container], delimiterRows > 0 {
                tableRowsLeft[container] = delimiterRows - 1
                advanceNextNonspace()
                return 0
            }
            if startsTerminator() { return 1 }
            advanceNextNonspace()
            return 0
        default:
            return 1
        }
    }

    func isFootnote(_ node: Int) -> Bool {
        if case .footnoteDefinition = tree[node].kind { return true }
        return false
    }

    // MARK: - Block starts

    mutating func tryBlockStarts(_ containerIn: Int) -> Int {
        let container = containerIn
        let c = peek(nextNonspace)
        let inParagraph: Bool = { if case .paragraph = tree[container].kind { return true }; return false }()

        if !indented && tables, tableMayStart() {
            closeUnmatchedBlocks()
            let table = addChild(.table, at: nextNonspace)
            advanceNextNonspace()
            tableRowsLeft[table] = 1
            return 2
        }
        if !indented {
            // Block quote.
            if c == UInt8(ascii: ">") {
                advanceNextNonspace()
                advanceOffset(1, columns: false)
                if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                closeUnmatchedBlocks()
                addChild(.blockQuote, at: nextNonspace)
                return 1
            }
            // ATX heading.
            if c == UInt8(ascii: "#") {
                var i = nextNonspace
                while i < lineEnd, s[i] == UInt8(ascii: "#"), i - nextNonspace < 7 { i += 1 }
                let level = i - nextNonspace
                if level <= 6 && (i == lineEnd || ByteClass.isSpaceOrTab(s[i])) {
                    advanceNextNonspace()
                    advanceOffset(level, columns: false)
                    closeUnmatchedBlocks()
                    let heading = addChild(.heading(level: level), at: nextNonspace)
                    // Content: strip the optional closing sequence.
                    var start = offset
                    while start < lineEnd, ByteClass.isSpaceOrTab(s[start]) { start += 1 }
                    var end = lineEnd
                    while end > start, ByteClass.isSpaceOrTab(s[end - 1]) { end -= 1 }
                    var hashes = end
                    while hashes > start, s[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
                    if hashes < end {
                        if hashes == start {
                            end = start
                        } else if ByteClass.isSpaceOrTab(s[hashes - 1]) {
                            end = hashes
                            while end > start, ByteClass.isSpaceOrTab(s[end - 1]) { end -= 1 }
                        }
                    }
                    tree[heading].lineMap = [LineOrigin(offset: 0, line: lineNumber, column: start - lineStart + 1)]
                    tree[heading].content = Array(s[start..<end])
                    advanceOffset(lineEnd - offset, columns: false)
                    return 2
                }
            }
            // Fenced code.
            if c == UInt8(ascii: "`") || c == UInt8(ascii: "~") {
                var i = nextNonspace
                while i < lineEnd, s[i] == c { i += 1 }
                let length = i - nextNonspace
                var ok = length >= 3
                if ok && c == UInt8(ascii: "`") {
                    var j = i
                    while j < lineEnd { if s[j] == c { ok = false; break }; j += 1 }
                }
                if ok {
                    closeUnmatchedBlocks()
                    let block = addChild(.codeBlock(info: "", literal: "", fenced: true), at: nextNonspace)
                    fences[block] = Fence(char: c, length: length, offset: indent)
                    advanceNextNonspace()
                    advanceOffset(length, columns: false)
                    return 2
                }
            }
            // HTML block.
            if c == UInt8(ascii: "<") && options.html {
                let lazy = !allClosed && !blank && { if case .paragraph = tree[tip].kind { return true }; return false }()
                let type = HTMLScanner.blockStart(s, nextNonspace, lineEnd, canBeType7: !inParagraph && !lazy)
                if type > 0 {
                    closeUnmatchedBlocks()
                    let block = addChild(.htmlBlock(""), at: offset)
                    htmlBlockType[block] = type
                    return 2
                }
            }
            // Setext heading underline.
            if inParagraph && (c == UInt8(ascii: "=") || c == UInt8(ascii: "-")) {
                var i = nextNonspace
                while i < lineEnd, s[i] == c { i += 1 }
                while i < lineEnd, ByteClass.isSpaceOrTab(s[i]) { i += 1 }
                if i == lineEnd {
                    closeUnmatchedBlocks()
                    extractReferences(container)
                    if !tree[container].content.isEmpty {
                        // The paragraph becomes the heading; it stays the tip until the next line closes it.
                        tree[container].kind = .heading(level: c == UInt8(ascii: "=") ? 1 : 2)
                        trimTrailingNewline(container)
                        tip = container
                        advanceOffset(lineEnd - offset, columns: false)
                        return 2
                    }
                    // Only reference definitions: the paragraph is gone, the line is read afresh.
                }
            }
            // Thematic break.
            if (c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_"))
                && !(breakScanChar == c && breakScanLine == lineNumber && nextNonspace <= breakScanFailedAt) {
                var i = nextNonspace
                var count = 0
                var ok = true
                while i < lineEnd {
                    if s[i] == c { count += 1 } else if !ByteClass.isSpaceOrTab(s[i]) { ok = false; break }
                    i += 1
                }
                if !ok {
                    // A later start on this line fails at the same place: remember it (nested list markers).
                    breakScanChar = c
                    breakScanLine = lineNumber
                    breakScanFailedAt = i
                }
                if ok && count >= 3 {
                    closeUnmatchedBlocks()
                    addChild(.thematicBreak, at: nextNonspace)
                    advanceOffset(lineEnd - offset, columns: false)
                    return 2
                }
            }
            // Footnote definition.
            if footnotes && c == UInt8(ascii: "[") && peek(nextNonspace + 1) == UInt8(ascii: "^"),
               let result = tryFootnoteDefinition(container) {
                return result
            }
            // Definition list description.
            if deflists && (c == UInt8(ascii: ":") || c == UInt8(ascii: "~")), let result = tryDefinition(container) {
                return result
            }
        }
        // List item.
        if !indented || { if case .list = tree[container].kind { return true }; return false }() {
            if let data = parseListMarker(container) {
                closeUnmatchedBlocks()
                let sameList: Bool = {
                    if case .list(let existing) = tree[tip].kind {
                        return existing.ordered == data.ordered && existing.marker == data.marker
                    }
                    return false
                }()
                if !sameList { addChild(.list(data), at: nextNonspace) }
                let item = addChild(.item, at: nextNonspace)
                itemData.set(data, for: item)
                return 1
            }
        }
        // Indented code.
        if indented && !inParagraph && !blank && options.indentedCode {
            if case .paragraph = tree[tip].kind { return 0 }
            advanceOffset(4, columns: true)
            closeUnmatchedBlocks()
            addChild(.codeBlock(info: "", literal: "", fenced: false), at: offset)
            return 2
        }
        if indented, case .paragraph = tree[tip].kind { return 0 }
        return 0
    }

    var itemData = NodeTable<MarkdownList>()
    var footnoteDefinitions: Set<String> = []
    var tableRowsLeft: [Int: Int] = [:]
    var breakScanChar: UInt8 = 0
    var breakScanLine = 0
    var breakScanFailedAt = 0
    /// The last `|` on the current line, or -1 (tables start only on lines with a pipe).
    var lastPipe = -1
    var descriptionIndent: [Int: Int] = [:]
    var abbreviations: [(label: [UInt8], title: String)] = []
    var abbreviationsOn: Bool { options.extensions.contains(.abbr) }

    mutating func trimTrailingNewline(_ node: Int) {
        while let last = tree[node].content.last, ByteClass.isWhitespace(last) { tree[node].content.removeLast() }
    }

    mutating func parseListMarker(_ container: Int) -> MarkdownList? {
        guard indent < 4 else { return nil }
        let inParagraph: Bool = { if case .paragraph = tree[container].kind { return true }; return false }()
        let c = peek(nextNonspace)
        var data = MarkdownList(ordered: false, marker: c, start: 1, tight: true, markerOffset: indent, padding: 0)
        var markerLength = 0
        if c == UInt8(ascii: "*") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            markerLength = 1
        } else if ByteClass.isDigit(c) {
            var i = nextNonspace
            var value = 0
            while i < lineEnd, ByteClass.isDigit(s[i]), i - nextNonspace < 9 { value = value * 10 + Int(s[i] - 0x30); i += 1 }
            guard i < lineEnd, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ")") else { return nil }
            if inParagraph && value != 1 { return nil }
            data.ordered = true
            data.marker = s[i]
            data.start = value
            markerLength = i + 1 - nextNonspace
        } else {
            return nil
        }
        let after = nextNonspace + markerLength
        let next = peek(after)
        guard after >= lineEnd || ByteClass.isSpaceOrTab(next) else { return nil }
        if inParagraph {
            var j = after
            while j < lineEnd, ByteClass.isSpaceOrTab(s[j]) { j += 1 }
            if j >= lineEnd { return nil }
        }
        advanceNextNonspace()
        advanceOffset(markerLength, columns: true)
        let spacesStartColumn = column
        let spacesStartOffset = offset
        repeat {
            advanceOffset(1, columns: true)
        } while column - spacesStartColumn < 5 && ByteClass.isSpaceOrTab(peek(offset))
        let blankItem = offset >= lineEnd
        let spacesAfterMarker = column - spacesStartColumn
        if spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem {
            data.padding = markerLength + 1
            column = spacesStartColumn
            offset = spacesStartOffset
            partiallyConsumedTab = false
            if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        } else {
            data.padding = markerLength + spacesAfterMarker
        }
        return data
    }

    // MARK: - Finalizing

    mutating func finalize(_ block: Int, line: Int) {
        let above = tree[block].parent
        tree[block].open = false
        switch tree[block].kind {
        case .paragraph:
            extractReferences(block)
            if tree[block].content.allSatisfy(ByteClass.isWhitespace) {
                tree.unlink(block)
            } else if options.extensions.contains(.govspeak) {
                GovspeakCallouts.wrap(paragraph: block, in: &tree)
            }
        case .table:
            TableParser.build(table: block, in: &tree)
        case .codeBlock(_, _, let fenced):
            let content = tree[block].content
            if fenced {
                let newline = content.firstIndex(of: 0x0A) ?? content.count
                var a = 0
                var b = newline
                while a < b, ByteClass.isWhitespace(content[a]) { a += 1 }
                while b > a, ByteClass.isWhitespace(content[b - 1]) { b -= 1 }
                let info = String(decoding: EntityDecoder.unescape(content[a..<b]), as: UTF8.self)
                let rest = newline < content.count ? content[(newline + 1)...] : []
                tree[block].kind = .codeBlock(info: info, literal: String(decoding: rest, as: UTF8.self), fenced: true)
            } else {
                // Drop trailing blank lines.
                var end = content.count
                var lastNewline = end
                var i = end - 1
                while i >= 0 {
                    let b = content[i]
                    if b == 0x0A { lastNewline = i } else if b != 0x20 && b != 0x09 { break }
                    i -= 1
                }
                end = min(lastNewline + 1, content.count)
                tree[block].kind = .codeBlock(info: "", literal: String(decoding: content[..<end], as: UTF8.self), fenced: false)
            }
            tree[block].content = []
        case .htmlBlock:
            var content = tree[block].content
            while let last = content.last, last == 0x0A || last == 0x20 {
                // Strip trailing blank lines (newlines and the spaces on them).
                if last == 0x20 {
                    var k = content.count - 1
                    while k >= 0, content[k] == 0x20 { k -= 1 }
                    if k >= 0 && content[k] != 0x0A { break }
                    content.removeSubrange((k + 1)...)
                } else {
                    content.removeLast()
                }
            }
            tree[block].kind = .htmlBlock(String(decoding: content, as: UTF8.self))
            tree[block].content = []
        case .list(var data):
            var item = tree[block].firstChild
            outer: while item != -1 {
                if endsWithBlankLine(item) && tree[item].next != -1 { data.tight = false; break }
                var sub = tree[item].firstChild
                while sub != -1 {
                    if endsWithBlankLine(sub) && (tree[item].next != -1 || tree[sub].next != -1) { data.tight = false; break outer }
                    sub = tree[sub].next
                }
                item = tree[item].next
            }
            tree[block].kind = .list(data)
        default:
            break
        }
        tip = above
    }

    mutating func endsWithBlankLine(_ start: Int) -> Bool {
        var block = start
        while block != -1 {
            if tree[block].lastLineBlank { return true }
            let isContainer: Bool = {
                switch tree[block].kind { case .list, .item: return true; default: return false }
            }()
            if !tree[block].lastLineChecked && isContainer {
                tree[block].lastLineChecked = true
                block = tree[block].lastChild
            } else {
                tree[block].lastLineChecked = true
                break
            }
        }
        return false
    }

    /// Makes room for as many definitions as the paragraph has lines starting with `[`, so a
    /// paragraph of a hundred thousand definitions fills the table without rehashing it at
    /// every doubling.
    mutating func reserveReferences(for content: [UInt8]) {
        var lines = 0
        var atLineStart = true
        for b in content {
            if atLineStart && b == UInt8(ascii: "[") { lines += 1 }
            atLineStart = b == 0x0A
        }
        if lines > 1 { references.reserveCapacity(references.count + lines) }
    }

    /// Removes link reference definitions from the start of a paragraph, recording them.
    mutating func extractReferences(_ block: Int) {
        var content = tree[block].content
        if content.first == UInt8(ascii: "[") { reserveReferences(for: content) }
        var consumed = 0
        while consumed < content.count {
            if content[consumed] == UInt8(ascii: "["),
               let length = ReferenceParser.parse(content, from: consumed, options: options, into: &references) {
                consumed += length
            } else if abbreviationsOn, content[consumed] == UInt8(ascii: "*"),
                      let length = AbbreviationParser.parseDefinition(content, from: consumed, into: &abbreviations) {
                consumed += length
            } else {
                break
            }
        }
        if consumed > 0 {
            content.removeSubrange(0..<consumed)
            var map = tree[block].lineMap.filter { $0.offset >= consumed }
            for k in map.indices { map[k].offset -= consumed }
            tree[block].lineMap = map
            tree[block].content = content
            if let first = map.first {
                tree[block].line = first.line
                tree[block].column = first.column
            }
        }
    }
}
