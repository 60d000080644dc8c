/// The second phase of parsing: the text of paragraphs, headings and table cells into inline nodes.
///
/// CommonMark's delimiter-stack algorithm for emphasis and links, on bytes. Every scan that could
/// repeat (backtick runs, HTML comment ends, link openers) remembers what it has already seen, so
/// no input makes it quadratic.
struct InlineParser {
    var tree: NodeTree
    let references: [String: LinkReference]
    let options: MarkdownOptions
    let footnoteLabels: Set<String>

    // Per-block state.
    var s: [UInt8] = []
    var pos = 0
    var end = 0
    var block = 0
    var lead = 0
    var lineMap: [LineOrigin] = []
    var delimiters: [Delimiter] = []
    var topDelimiter = -1
    var brackets: [Bracket] = []
    /// Link openers below this stack index are inactive (a link was matched after them: no links in links).
    var inactiveBelow = 0
    var backtickRuns: [Int: Int] = [:]
    /// The odd markers of pair-marker runs in the current block (see `moveLoneMarkers`).
    var loneMarkers: [Int] = []
    var scannedBackticks = false
    var noCommentEnd = false
    var noProcessingEnd = false
    var noDeclarationEnd = false
    var noCDATAEnd = false
    var special: [Bool]

    let strikethrough: Bool
    let ins: Bool
    let mark: Bool
    let sub: Bool
    let sup: Bool
    let footnotes: Bool

    /// One run of emphasis markers on the delimiter stack. Counts and indices are stored in 32
    /// bits (24 bytes an entry instead of 56): a line of a hundred thousand runs keeps its stack small.
    struct Delimiter {
        var char: UInt8
        var canOpen: Bool
        var canClose: Bool
        private var count32: Int32
        private var original32: Int32
        private var node32: Int32
        private var previous32: Int32
        private var next32: Int32

        init(char: UInt8, count: Int, original: Int, node: Int, previous: Int, next: Int, canOpen: Bool, canClose: Bool) {
            self.char = char
            self.canOpen = canOpen
            self.canClose = canClose
            count32 = Int32(truncatingIfNeeded: count)
            original32 = Int32(truncatingIfNeeded: original)
            node32 = Int32(truncatingIfNeeded: node)
            previous32 = Int32(truncatingIfNeeded: previous)
            next32 = Int32(truncatingIfNeeded: next)
        }

        var count: Int {
            get { Int(count32) }
            set { count32 = Int32(truncatingIfNeeded: newValue) }
        }
        var original: Int { Int(original32) }
        var node: Int { Int(node32) }
        var previous: Int {
            get { Int(previous32) }
            set { previous32 = Int32(truncatingIfNeeded: newValue) }
        }
        var next: Int {
            get { Int(next32) }
            set { next32 = Int32(truncatingIfNeeded: newValue) }
        }
    }

    struct Bracket {
        var node: Int
        var previousDelimiter: Int
        var index: Int
        var image: Bool
        var bracketAfter: Bool
    }

    init(tree: NodeTree, references: [String: LinkReference], footnoteLabels: Set<String>, options: MarkdownOptions) {
        self.tree = tree
        self.references = references
        self.options = options
        self.footnoteLabels = footnoteLabels
        strikethrough = options.extensions.contains(.strikethrough)
        ins = options.extensions.contains(.ins)
        mark = options.extensions.contains(.mark)
        sub = options.extensions.contains(.sub)
        sup = options.extensions.contains(.sup)
        footnotes = options.extensions.contains(.footnote)
        var table = [Bool](repeating: false, count: 256)
        for c in "\n`[]\\!<&*_".utf8 { table[Int(c)] = true }
        if strikethrough || sub { table[Int(UInt8(ascii: "~"))] = true }
        if ins { table[Int(UInt8(ascii: "+"))] = true }
        if mark { table[Int(UInt8(ascii: "="))] = true }
        if sup || footnotes { table[Int(UInt8(ascii: "^"))] = true }
        if options.linkify {
            table[Int(UInt8(ascii: ":"))] = true
            table[Int(UInt8(ascii: "w"))] = true
        }
        special = table
    }

    // MARK: - Driving

    /// Parses the content of `block` into its inline children.
    mutating func parse(block: Int) {
        self.block = block
        let firstNode = tree.nodes.count
        let content = tree[block].content
        tree[block].content = []
        lineMap = tree[block].lineMap
        tree[block].lineMap = []
        var a = 0
        var b = content.count
        // An inline footnote's text keeps its spaces, as markdown-it-footnote keeps them.
        if !tree[block].special {
            while a < b, ByteClass.isWhitespace(content[a]) { a += 1 }
            while b > a, ByteClass.isWhitespace(content[b - 1]) { b -= 1 }
        }
        s = content
        lead = 0
        pos = a
        end = b
        delimiters.removeAll(keepingCapacity: true)
        loneMarkers.removeAll(keepingCapacity: true)
        topDelimiter = -1
        brackets.removeAll(keepingCapacity: true)
        inactiveBelow = 0
        backtickRuns.removeAll(keepingCapacity: true)
        scannedBackticks = false
        noCommentEnd = false
        noProcessingEnd = false
        noDeclarationEnd = false
        noCDATAEnd = false
        htmlLinkDepth = 0
        while pos < end { parseInline() }
        processEmphasis(bottom: -1)
        moveLoneMarkers()
        trimDelimiterRuns()
        finishText(from: firstNode)
    }

    /// Hands the tree over (see `NodeTree.take`).
    mutating func takeTree() -> NodeTree { tree.take() }

    /// Source line and column of subject offset `offset`.
    func position(_ offset: Int) -> (line: Int, column: Int) {
        guard !lineMap.isEmpty else { return (tree[block].line, tree[block].column) }
        var lo = 0
        var hi = lineMap.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineMap[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        let origin = lineMap[lo]
        return (origin.line, origin.column + offset - origin.offset)
    }

    @discardableResult
    mutating func appendNode(_ kind: MarkdownNode.Kind, at offset: Int) -> Int {
        let (line, column) = position(offset)
        return tree.append(MarkdownNode(kind: kind, line: line, column: column), to: block)
    }

    /// Appends text cut from the subject (at ASCII boundaries, so valid UTF-8) or decoded from it.
    @discardableResult
    mutating func appendText(_ bytes: ArraySlice<UInt8>, at offset: Int, special: Bool = false, mergeable: Bool = true) -> Int {
        appendString(String(decoding: bytes, as: UTF8.self), special: special, mergeable: mergeable)
    }

    @discardableResult
    mutating func appendText(_ text: StaticString, at offset: Int, mergeable: Bool = true) -> Int {
        appendString(text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }, special: false, mergeable: mergeable)
    }

    /// A text node's string is made at once: up to 15 bytes (most nodes in text dense with markup)
    /// it is stored in the node itself, with no allocation.
    mutating func appendString(_ text: String, special: Bool, mergeable: Bool) -> Int {
        if mergeable && !special {
            // Plain text after plain text joins it: fewer nodes, fewer allocations.
            let last = tree[block].lastChild
            if last != -1, case .text(var joined) = tree[last].kind, !tree[last].special, !tree[last].delimiter {
                // Let go of the node's reference first, so the string is unique and grows in place.
                tree[last].kind = .text("")
                joined.append(text)
                tree[last].kind = .text(joined)
                return last
            }
        }
        var node = MarkdownNode(kind: .text(text), line: 0, column: 0)
        node.special = special
        return tree.append(node, to: block)
    }

    /// Removes the last `count` bytes (ASCII: spaces, a scheme's letters) of a text node.
    mutating func dropLastBytes(_ count: Int, ofText node: Int) {
        guard count > 0, case .text(let text) = tree[node].kind else { return }
        let utf8 = text.utf8
        tree[node].kind = .text(String(decoding: utf8.prefix(max(utf8.count - count, 0)), as: UTF8.self))
    }

    mutating func parseInline() {
        let c = s[pos]
        switch c {
        case 0x0A: parseNewline()
        case UInt8(ascii: "\\"): parseBackslash()
        case UInt8(ascii: "`"): parseBackticks()
        case UInt8(ascii: "*"), UInt8(ascii: "_"): handleDelimiter(c)
        case UInt8(ascii: "["): parseOpenBracket()
        case UInt8(ascii: "!"): parseBang()
        case UInt8(ascii: "]"): parseCloseBracket()
        case UInt8(ascii: "<"):
            if !parseAutolink() && !(options.html && parseHTMLTag()) {
                appendText(s[pos..<(pos + 1)], at: pos)
                pos += 1
            }
        case UInt8(ascii: "&"): parseEntity()
        case UInt8(ascii: "~"):
            if strikethrough, pos + 1 < end, s[pos + 1] == c { handleDelimiter(c) }
            else if sub, parseEnclosed(c, kind: .subscripted) {}
            else { appendText(s[pos..<(pos + 1)], at: pos); pos += 1 }
        case UInt8(ascii: "^"):
            if footnotes, pos + 1 < end, s[pos + 1] == UInt8(ascii: "["), parseInlineFootnote() {}
            else if sup, parseEnclosed(c, kind: .superscripted) {}
            else { appendText(s[pos..<(pos + 1)], at: pos); pos += 1 }
        case UInt8(ascii: "+"), UInt8(ascii: "="):
            if pos + 1 < end, s[pos + 1] == c { handleDelimiter(c) } else { appendText(s[pos..<(pos + 1)], at: pos); pos += 1 }
        case UInt8(ascii: ":") where options.linkify:
            if !parseLinkifyScheme() { appendText(s[pos..<(pos + 1)], at: pos); pos += 1 }
        case UInt8(ascii: "w") where options.linkify:
            if !parseLinkifyWWW() { parseString() }
        default:
            parseString()
        }
    }

    mutating func parseString() {
        let start = pos
        pos += 1
        while pos < end, !special[Int(s[pos])] { pos += 1 }
        appendText(s[start..<pos], at: start)
    }

    mutating func parseNewline() {
        pos += 1
        let last = tree[block].lastChild
        if last != -1, case .text(let text) = tree[last].kind, !tree[last].special, !tree[last].delimiter,
           text.utf8.last == 0x20 {
            var spaces = 0
            for b in text.utf8.reversed() {
                guard b == 0x20 else { break }
                spaces += 1
            }
            dropLastBytes(spaces, ofText: last)
            appendNode(spaces >= 2 ? .hardBreak : .softBreak, at: pos - 1)
        } else {
            appendNode(.softBreak, at: pos - 1)
        }
        while pos < end, ByteClass.isSpaceOrTab(s[pos]) { pos += 1 }
    }

    mutating func parseBackslash() {
        pos += 1
        if pos < end, s[pos] == 0x0A {
            pos += 1
            appendNode(.hardBreak, at: pos - 2)
            while pos < end, ByteClass.isSpaceOrTab(s[pos]) { pos += 1 }
        } else if pos < end, ByteClass.isASCIIPunctuation(s[pos]) {
            appendText(s[pos..<(pos + 1)], at: pos - 1, special: true)
            pos += 1
        } else {
            appendText("\\", at: pos - 1)
        }
    }

    mutating func parseBackticks() {
        let start = pos
        while pos < end, s[pos] == UInt8(ascii: "`") { pos += 1 }
        let length = pos - start
        let afterOpen = pos
        if scannedBackticks, (backtickRuns[length] ?? -1) < afterOpen {
            appendText(s[start..<afterOpen], at: start)
            return
        }
        var i = afterOpen
        while i < end {
            if s[i] == UInt8(ascii: "`") {
                let runStart = i
                while i < end, s[i] == UInt8(ascii: "`") { i += 1 }
                let runLength = i - runStart
                backtickRuns[runLength] = runStart
                if runLength == length {
                    var content = Array(s[afterOpen..<runStart])
                    for k in content.indices where content[k] == 0x0A { content[k] = 0x20 }
                    if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
                        content = Array(content[1..<(content.count - 1)])
                    }
                    appendNode(.code(String(decoding: content, as: UTF8.self)), at: start)
                    pos = i
                    return
                }
            } else {
                i += 1
            }
        }
        scannedBackticks = true
        pos = afterOpen
        appendText(s[start..<afterOpen], at: start)
    }

    mutating func parseEntity() {
        if let entity = EntityDecoder.match(at: pos, in: s, end: end) {
            appendText(ArraySlice(entity.value), at: pos, special: true)
            pos += entity.length
        } else {
            appendText("&", at: pos)
            pos += 1
        }
    }

    // MARK: - Emphasis

    func scanDelimiters(_ c: UInt8) -> (count: Int, canOpen: Bool, canClose: Bool) {
        var i = pos
        while i < end, s[i] == c { i += 1 }
        let count = i - pos
        let before = ByteClass.scalar(before: pos, in: s, lowerBound: 0)
        let after = ByteClass.scalar(at: i, in: s, end: end)
        let afterWhite = ByteClass.isUnicodeWhitespace(after)
        let afterPunct = ByteClass.isUnicodePunctuation(after)
        let beforeWhite = ByteClass.isUnicodeWhitespace(before)
        let beforePunct = ByteClass.isUnicodePunctuation(before)
        let left = !afterWhite && (!afterPunct || beforeWhite || beforePunct)
        let right = !beforeWhite && (!beforePunct || afterWhite || afterPunct)
        if c == UInt8(ascii: "_") {
            return (count, left && (!right || beforePunct), right && (!left || afterPunct))
        }
        return (count, left, right)
    }

    mutating func handleDelimiter(_ c: UInt8) {
        let start = pos
        let scan = scanDelimiters(c)
        pos += scan.count
        var count = scan.count
        var runStart = start
        if c == UInt8(ascii: "~") || c == UInt8(ascii: "+") || c == UInt8(ascii: "=") {
            // markdown-it's pair markers: an odd run keeps one marker as text before its pairs.
            // After matching, that lone marker moves past the elements its pairs closed
            // (`moveLoneMarkers`), as markdown-it moves it past the closing tags.
            if count % 2 == 1 {
                let lone = appendText(s[start..<(start + 1)], at: start, mergeable: count == 1)
                if count > 1 {
                    tree[lone].delimiter = true
                    loneMarkers.append(lone)
                }
                runStart += 1
                count -= 1
            }
            if count < 2 { return }
        }
        let node = appendText(s[runStart..<pos], at: runStart, mergeable: false)
        tree[node].delimiter = true
        pushDelimiter(c, count: count, node: node, canOpen: scan.canOpen, canClose: scan.canClose)
    }

    mutating func pushDelimiter(_ c: UInt8, count: Int, node: Int, canOpen: Bool, canClose: Bool) {
        let index = delimiters.count
        delimiters.append(Delimiter(char: c, count: count, original: count, node: node, previous: topDelimiter,
                                    next: -1, canOpen: canOpen, canClose: canClose))
        if topDelimiter != -1 { delimiters[topDelimiter].next = index }
        topDelimiter = index
    }

    mutating func removeDelimiter(_ d: Int) {
        let previous = delimiters[d].previous
        let next = delimiters[d].next
        if previous != -1 { delimiters[previous].next = next }
        if next != -1 { delimiters[next].previous = previous } else { topDelimiter = previous }
    }

    func bottomIndex(_ d: Delimiter) -> Int {
        let kind: Int
        switch d.char {
        case UInt8(ascii: "*"): kind = 0
        case UInt8(ascii: "_"): kind = 1
        case UInt8(ascii: "~"): kind = 2
        case UInt8(ascii: "+"): kind = 3
        default: kind = 4
        }
        return kind * 6 + (d.canOpen ? 3 : 0) + d.original % 3
    }

    mutating func processEmphasis(bottom: Int) {
        var openersBottom = [Int](repeating: bottom, count: 30)
        // Nothing above the bottom: stop here rather than walk the whole stack below it (quadratic
        // for a line of many links after unmatched emphasis delimiters).
        var closer = topDelimiter == bottom ? -1 : topDelimiter
        while closer != -1 && delimiters[closer].previous != bottom { closer = delimiters[closer].previous }
        while closer != -1 {
            let closerDelim = delimiters[closer]
            if !closerDelim.canClose {
                closer = closerDelim.next
                continue
            }
            let isPairMarker = closerDelim.char == UInt8(ascii: "~") || closerDelim.char == UInt8(ascii: "+")
                || closerDelim.char == UInt8(ascii: "=")
            let bottomSlot = bottomIndex(closerDelim)
            var opener = closerDelim.previous
            var found = false
            while opener != -1 && opener != bottom && opener != openersBottom[bottomSlot] {
                let o = delimiters[opener]
                let oddMatch = !isPairMarker && (closerDelim.canOpen || o.canClose) && closerDelim.original % 3 != 0
                    && (o.original + closerDelim.original) % 3 == 0
                if o.char == closerDelim.char && o.canOpen && !oddMatch {
                    found = true
                    break
                }
                opener = o.previous
            }
            let oldCloser = closer
            if found {
                let use: Int
                let kind: MarkdownNode.Kind
                if isPairMarker {
                    use = 2
                    switch closerDelim.char {
                    case UInt8(ascii: "~"): kind = .strikethrough
                    case UInt8(ascii: "+"): kind = .inserted
                    default: kind = .marked
                    }
                } else {
                    use = closerDelim.count >= 2 && delimiters[opener].count >= 2 ? 2 : 1
                    kind = use == 1 ? .emphasis : .strong
                }
                let openerNode = delimiters[opener].node
                let closerNode = closerDelim.node
                // The runs' text nodes are cut to their remaining counts once, at the end of the block.
                delimiters[opener].count -= use
                delimiters[closer].count -= use
                let (line, column) = (tree[openerNode].line, tree[openerNode].column)
                let emphasis = tree.make(MarkdownNode(kind: kind, line: line, column: column))
                tree.moveSiblings(after: openerNode, upTo: closerNode, into: emphasis)
                tree.insertAfter(openerNode, emphasis)
                // Remove delimiters between opener and closer.
                delimiters[opener].next = closer
                delimiters[closer].previous = opener
                if delimiters[opener].count == 0 {
                    tree.unlink(openerNode)
                    removeDelimiter(opener)
                }
                if delimiters[closer].count == 0 {
                    tree.unlink(closerNode)
                    let next = delimiters[closer].next
                    removeDelimiter(closer)
                    closer = next
                }
            } else {
                closer = closerDelim.next
                openersBottom[bottomSlot] = delimiters[oldCloser].previous
                if !delimiters[oldCloser].canOpen { removeDelimiter(oldCloser) }
            }
        }
        while topDelimiter != -1 && topDelimiter != bottom { removeDelimiter(topDelimiter) }
    }

    /// A lone marker (the odd one of a run of `~`, `+` or `=`) that ended up as the last child of
    /// an element its run's pairs closed goes after that element, and after every enclosing
    /// element of the same kind it is also the end of: markdown-it writes `<s>a</s>~`, not
    /// `<s>a~</s>`.
    mutating func moveLoneMarkers() {
        while let lone = loneMarkers.popLast() {
            guard tree[lone].parent != -1, case .text(let text) = tree[lone].kind, let marker = text.utf8.first else { continue }
            var target = lone
            var parent = tree[lone].parent
            while parent != -1, tree[target].next == -1, Self.isPairElement(tree[parent].kind, of: marker) {
                target = parent
                parent = tree[parent].parent
            }
            if target != lone { tree.insertAfter(target, lone) }
        }
    }

    /// Whether `kind` is the element a pair of `marker`s makes.
    static func isPairElement(_ kind: MarkdownNode.Kind, of marker: UInt8) -> Bool {
        switch kind {
        case .strikethrough: return marker == UInt8(ascii: "~")
        case .inserted: return marker == UInt8(ascii: "+")
        case .marked: return marker == UInt8(ascii: "=")
        default: return false
        }
    }

    /// Gives each delimiter run's text node the markers left after matching. Done once per block
    /// rather than at each match: a run of n markers matched n/2 times would otherwise be rebuilt
    /// n/2 times.
    mutating func trimDelimiterRuns() {
        for d in delimiters where d.count != d.original {
            let marker = Character(Unicode.Scalar(d.char))
            tree[d.node].kind = .text(d.count > 0 ? String(repeating: marker, count: d.count) : "")
        }
    }

    // MARK: - Links

    mutating func pushBracket(node: Int, index: Int, image: Bool) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(node: node, previousDelimiter: topDelimiter, index: index, image: image, bracketAfter: false))
    }

    mutating func popBracket() {
        brackets.removeLast()
        inactiveBelow = min(inactiveBelow, brackets.count)
    }

    mutating func parseOpenBracket() {
        let start = pos
        pos += 1
        if footnotes, pos < end, s[pos] == UInt8(ascii: "^"), parseFootnoteReference(start) { return }
        let node = appendText("[", at: start, mergeable: false)
        tree[node].delimiter = true
        pushBracket(node: node, index: start, image: false)
    }

    mutating func parseBang() {
        let start = pos
        pos += 1
        if pos < end, s[pos] == UInt8(ascii: "[") {
            pos += 1
            let node = appendText("![", at: start, mergeable: false)
            tree[node].delimiter = true
            pushBracket(node: node, index: start + 1, image: true)
        } else {
            appendText("!", at: start)
        }
    }

    mutating func parseCloseBracket() {
        pos += 1
        let start = pos
        guard let opener = brackets.last else {
            appendText("]", at: start - 1)
            return
        }
        let openerIndex = brackets.count - 1
        if !opener.image && openerIndex < inactiveBelow {
            appendText("]", at: start - 1)
            popBracket()
            return
        }
        let isImage = opener.image
        var destination: String?
        var title = ""
        var matched = false

        if pos < end, s[pos] == UInt8(ascii: "(") {
            var p = LinkScanner.skipSpaceAndNewline(s, pos + 1, end)
            var dest: [UInt8]? = nil
            if p < end, s[p] == UInt8(ascii: ")") {
                dest = []
            } else if let d = LinkScanner.destination(s, p, end) {
                dest = d.value
                p = d.end
            }
            if let dest {
                let href = LinkText.normalizeURI(dest)
                if LinkText.isSafeDestination(href) {
                    let beforeTitle = p
                    p = LinkScanner.skipSpaceAndNewline(s, p, end)
                    var t: [UInt8] = []
                    if p != beforeTitle, let parsed = LinkScanner.title(s, p, end) {
                        t = parsed.value
                        p = parsed.end
                    } else {
                        p = beforeTitle
                    }
                    p = LinkScanner.skipSpaceAndNewline(s, p, end)
                    if p < end, s[p] == UInt8(ascii: ")") {
                        pos = p + 1
                        destination = href
                        title = String(decoding: t, as: UTF8.self)
                        matched = true
                    }
                }
            }
        }
        if !matched {
            var label: ArraySlice<UInt8>? = nil
            if let n = LinkScanner.label(s, pos, end) {
                if n > 2 {
                    label = s[(pos + 1)..<(pos + n - 1)]
                } else if !opener.bracketAfter {
                    label = s[(opener.index + 1)..<(start - 1)]
                }
                pos += n
            } else if !opener.bracketAfter {
                label = s[(opener.index + 1)..<(start - 1)]
            }
            if let label, label.count <= 999 {
                if let reference = references[LinkText.normalizeLabel(label)] {
                    destination = reference.destination
                    title = reference.title
                    matched = true
                }
            }
            if !matched { pos = start }
        }
        guard matched, let destination else {
            popBracket()
            pos = start
            appendText("]", at: start - 1)
            return
        }
        let kind: MarkdownNode.Kind = isImage ? .image(destination: destination, title: title) : .link(destination: destination, title: title)
        let (line, column) = position(opener.index - (isImage ? 1 : 0))
        let link = tree.make(MarkdownNode(kind: kind, line: line, column: column))
        tree.moveSiblings(after: opener.node, upTo: -1, into: link)
        tree.appendChild(link, to: block)
        if !isImage && !linkified.isEmpty { unwrapLinkified(in: link) }
        processEmphasis(bottom: opener.previousDelimiter)
        popBracket()
        tree.unlink(opener.node)
        // Openers below stay on the stack; an inactive link opener later yields a literal `]`.
        if !isImage { inactiveBelow = brackets.count }
    }

    // MARK: - Autolinks and raw HTML

    mutating func parseAutolink() -> Bool {
        let start = pos
        var i = start + 1
        // URI autolink: scheme of 2–32 characters, colon, no spaces, < or >.
        if i < end, ByteClass.isAlpha(s[i]) {
            var j = i + 1
            while j < end, ByteClass.isAlnum(s[j]) || s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: "-") { j += 1 }
            let schemeLength = j - i
            if schemeLength >= 2 && schemeLength <= 32 && j < end && s[j] == UInt8(ascii: ":") {
                j += 1
                while j < end, s[j] > 0x20, s[j] != UInt8(ascii: "<"), s[j] != UInt8(ascii: ">") { j += 1 }
                if j < end, s[j] == UInt8(ascii: ">") {
                    let raw = Array(s[(start + 1)..<j])
                    let href = LinkText.normalizeURI(raw)
                    if LinkText.isSafeDestination(href) {
                        let link = appendNode(.link(destination: href, title: ""), at: start)
                        let text = String(decoding: LinkText.displayText(raw), as: UTF8.self)
                        tree.append(MarkdownNode(kind: .text(text), line: 0, column: 0), to: link)
                        autolinks.insert(link)
                        pos = j + 1
                        return true
                    }
                }
            }
        }
        // Email autolink.
        i = start + 1
        var j = i
        while j < end, isEmailLocal(s[j]) { j += 1 }
        guard j > i, j < end, s[j] == UInt8(ascii: "@") else { return false }
        j += 1
        var labelStart = j
        while true {
            guard j < end, ByteClass.isAlnum(s[j]) else { return false }
            while j < end, ByteClass.isAlnum(s[j]) || s[j] == UInt8(ascii: "-") { j += 1 }
            if s[j - 1] == UInt8(ascii: "-") || j - labelStart > 63 { return false }
            if j < end, s[j] == UInt8(ascii: ".") {
                j += 1
                labelStart = j
                continue
            }
            break
        }
        guard j < end, s[j] == UInt8(ascii: ">") else { return false }
        let raw = Array(s[(start + 1)..<j])
        let link = appendNode(.link(destination: "mailto:" + LinkText.normalizeURI(raw), title: ""), at: start)
        tree.append(MarkdownNode(kind: .text(String(decoding: raw, as: UTF8.self)), line: 0, column: 0), to: link)
        autolinks.insert(link)
        pos = j + 1
        return true
    }

    var autolinks: Set<Int> = []
    /// Paragraphs made for inline footnotes (`^[…]`), parsed after the blocks that hold them.
    var pendingBlocks: [Int] = []
    var linkified: Set<Int> = []
    /// Open raw `<a>` tags in the current block: no linkify inside them.
    var htmlLinkDepth = 0

    func isEmailLocal(_ c: UInt8) -> Bool {
        if ByteClass.isAlnum(c) { return true }
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"),
             UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    mutating func parseHTMLTag() -> Bool {
        let start = pos
        guard start + 1 < end else { return false }
        var tagEnd: Int? = nil
        let c = s[start + 1]
        if ByteClass.isAlpha(c) {
            tagEnd = HTMLScanner.openTag(s, start, end)
        } else if c == UInt8(ascii: "/") {
            tagEnd = HTMLScanner.closeTag(s, start, end)
        } else if c == UInt8(ascii: "?") {
            if !noProcessingEnd {
                if let k = HTMLScanner.find(s, start + 2, end, "?>") { tagEnd = k + 2 } else { noProcessingEnd = true }
            }
        } else if c == UInt8(ascii: "!") {
            if HTMLScanner.hasPrefix(s, start + 2, end, "--") {
                if HTMLScanner.hasPrefix(s, start + 4, end, ">") {
                    tagEnd = start + 5
                } else if HTMLScanner.hasPrefix(s, start + 4, end, "->") {
                    tagEnd = start + 6
                } else if !noCommentEnd {
                    if let k = HTMLScanner.find(s, start + 4, end, "-->") { tagEnd = k + 3 } else { noCommentEnd = true }
                }
            } else if HTMLScanner.hasPrefix(s, start + 2, end, "[CDATA[") {
                if !noCDATAEnd {
                    if let k = HTMLScanner.find(s, start + 9, end, "]]>") { tagEnd = k + 3 } else { noCDATAEnd = true }
                }
            } else if start + 2 < end, ByteClass.isAlpha(s[start + 2]) {
                if !noDeclarationEnd {
                    if let k = HTMLScanner.find(s, start + 3, end, ">") { tagEnd = k + 1 } else { noDeclarationEnd = true }
                }
            }
        }
        guard let tagEnd else { return false }
        appendNode(.html(String(decoding: s[start..<tagEnd], as: UTF8.self)), at: start)
        if tagEnd - start >= 3, s[start + 1] | 0x20 == UInt8(ascii: "a"), ByteClass.isWhitespace(s[start + 2]) || s[start + 2] == UInt8(ascii: ">") {
            htmlLinkDepth += 1
        } else if tagEnd - start >= 4, s[start + 1] == UInt8(ascii: "/"), s[start + 2] | 0x20 == UInt8(ascii: "a"), !ByteClass.isAlnum(s[start + 3]) {
            htmlLinkDepth -= 1
        }
        pos = tagEnd
        return true
    }

    // MARK: - Text clean-up

    /// Joins neighbouring text nodes of the same kind (plain, or from escapes and entities) and
    /// drops empty ones, among the nodes made for a block (indices from `firstNode` on).
    ///
    /// The nodes are visited in arena order, not tree order: in a deeply nested block the tree
    /// order jumps about the arena and every step waits on memory, while the arena order reads it
    /// front to back. Text nodes follow each other in the arena as in the text, so a run of
    /// neighbours is joined from its first node; a run met in the middle joins the same way.
    mutating func finishText(from firstNode: Int) {
        var node = firstNode
        while node < tree.nodes.count {
            defer { node += 1 }
            guard case .text(var content) = tree[node].kind, tree[node].parent != -1 else { continue }
            let special = tree[node].special
            var after = tree[node].next
            if after != -1, case .text = tree[after].kind, tree[after].special == special {
                tree[node].kind = .text("")
                while after != -1, case .text(let more) = tree[after].kind, tree[after].special == special {
                    content += more
                    let n = tree[after].next
                    tree.unlink(after)
                    after = n
                }
                tree[node].kind = .text(content)
            }
            if content.isEmpty { tree.unlink(node) }
        }
    }
}
