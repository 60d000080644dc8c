/// linkify-it's fuzzy matches, for the `linkify` option: bare domains with a known top-level domain
/// (`example.com/path`), protocol-relative links (`//example.com`) and e-mail addresses, found in
/// text outside links after inline parsing (as markdown-it's core `linkify` rule does).
enum FuzzyLinkify {
    static let topLevelDomains: Set<String> = [
        "biz", "com", "edu", "gov", "net", "org", "pro", "web", "xxx", "aero", "asia", "coop", "info", "museum",
        "name", "shop", "рф",
    ]

    static func isLabelByte(_ b: UInt8) -> Bool { ByteClass.isAlnum(b) || b == UInt8(ascii: "-") || b >= 0x80 }

    /// The end of a host name starting at `start` whose last label is a known or two-letter TLD, or nil.
    static func hostEnd(_ s: [UInt8], _ start: Int) -> Int? {
        var i = start
        var labels: [Range<Int>] = []
        while i < s.count {
            let labelStart = i
            while i < s.count, isLabelByte(s[i]) { i += 1 }
            guard i > labelStart else { break }
            labels.append(labelStart..<i)
            if i + 1 < s.count, s[i] == UInt8(ascii: "."), isLabelByte(s[i + 1]) { i += 1 } else { break }
        }
        guard labels.count >= 2, let last = labels.last else { return nil }
        let tld = String(decoding: s[last], as: UTF8.self).lowercased()
        let twoLetters = tld.utf8.count == 2 && tld.utf8.allSatisfy(ByteClass.isAlpha)
        guard topLevelDomains.contains(tld) || twoLetters || tld.hasPrefix("xn--") else { return nil }
        return last.upperBound
    }

    /// Where the path, query or fragment after a host ends (trailing punctuation left out).
    static func tailEnd(_ s: [UInt8], _ from: Int) -> Int {
        var i = from
        if i < s.count, s[i] == UInt8(ascii: ":") {
            var j = i + 1
            while j < s.count, ByteClass.isDigit(s[j]) { j += 1 }
            if j > i + 1 { i = j }
        }
        guard i < s.count, s[i] == UInt8(ascii: "/") || s[i] == UInt8(ascii: "?") || s[i] == UInt8(ascii: "#") else { return i }
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c <= 0x20 || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { if depth == 0 { break }; depth -= 1 }
            i += 1
        }
        while i > from, ".,:;!?'*_~".utf8.contains(s[i - 1]) { i -= 1 }
        return i
    }

    static func isEmailLocal(_ b: UInt8) -> Bool {
        ByteClass.isAlnum(b) || "._%+-".utf8.contains(b)
    }

    /// Matches in one text: (range, href).
    static func matches(_ s: [UInt8], after before: UInt8 = 0x20) -> [(Range<Int>, [UInt8])] {
        var out: [(Range<Int>, [UInt8])] = []
        var i = 0
        while i < s.count {
            let previous: UInt8 = i > 0 ? s[i - 1] : before
            let boundary = !(ByteClass.isAlnum(previous) || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "@")
                || previous == UInt8(ascii: "-") || previous == UInt8(ascii: "_") || previous == UInt8(ascii: "/")
                || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "\\") || previous >= 0x80)
            guard boundary else { i += 1; continue }
            // Protocol-relative: //host
            if s[i] == UInt8(ascii: "/"), i + 2 < s.count, s[i + 1] == UInt8(ascii: "/"), let host = hostEnd(s, i + 2) {
                let end = tailEnd(s, host)
                out.append((i..<end, Array(s[i..<end])))
                i = end
                continue
            }
            if isLabelByte(s[i]) || isEmailLocal(s[i]) {
                // E-mail: local@host
                var j = i
                while j < s.count, isEmailLocal(s[j]) { j += 1 }
                if j > i, j < s.count, s[j] == UInt8(ascii: "@"), let host = hostEnd(s, j + 1) {
                    out.append((i..<host, Array("mailto:".utf8) + s[i..<host]))
                    i = host
                    continue
                }
                if let host = hostEnd(s, i) {
                    let end = tailEnd(s, host)
                    if end < s.count, s[end] == UInt8(ascii: "@") { i = end + 1; continue }
                    out.append((i..<end, Array("http://".utf8) + s[i..<end]))
                    i = end
                    continue
                }
                // Skip the rest of this word (always at least one byte).
                let wordStart = i
                while i < s.count, isLabelByte(s[i]) || s[i] == UInt8(ascii: ".") { i += 1 }
                if i == wordStart { i += 1 }
                continue
            }
            i += 1
        }
        return out
    }

    /// The text nodes to search, in order: not inside links, not between raw `<a …>` and `</a>`.
    static func candidates(_ tree: NodeTree) -> [Int] {
        var out: [Int] = []
        for block in MarkdownDocument.inlineContainers(tree) {
            var htmlLinks = 0
            var stack: [Int] = []
            var child = tree[block].lastChild
            while child != -1 { stack.append(child); child = tree[child].previous }
            while let node = stack.popLast() {
                switch tree[node].kind {
                case .link, .image: continue
                case .html(let html):
                    let lower = html.lowercased()
                    if lower.hasPrefix("<a ") || lower.hasPrefix("<a>") { htmlLinks += 1 }
                    if lower.hasPrefix("</a") { htmlLinks -= 1 }
                case .text(let text):
                    if htmlLinks <= 0, !tree[node].special, text.utf8.contains(UInt8(ascii: ".")) { out.append(node) }
                default:
                    var c = tree[node].lastChild
                    while c != -1 { stack.append(c); c = tree[c].previous }
                }
            }
        }
        return out
    }

    static func apply(to tree: inout NodeTree, autolinks: inout Set<Int>) {
        for node in candidates(tree) {
            guard case .text(let text) = tree[node].kind else { continue }
            let s = Array(text.utf8)
            // The character before this text, from the node before it (an escape, say).
            var before: UInt8 = 0x20
            let previousNode = tree[node].previous
            if previousNode != -1, case .text(let previousText) = tree[previousNode].kind, let last = previousText.utf8.last { before = last }
            let found = matches(s, after: before)
            guard !found.isEmpty else { continue }
            var anchor = node
            var last = 0
            let (line, column) = (tree[node].line, tree[node].column)
            func insert(_ kind: MarkdownNode.Kind) -> Int {
                let made = tree.make(MarkdownNode(kind: kind, line: line, column: column))
                tree.insertAfter(anchor, made)
                anchor = made
                return made
            }
            for (range, href) in found {
                if range.lowerBound > last { _ = insert(.text(String(decoding: s[last..<range.lowerBound], as: UTF8.self))) }
                let link = insert(.link(destination: LinkText.normalizeURI(href), title: ""))
                // Shown as markdown-it shows it: the normalised link without the scheme it added.
                var shown = LinkText.displayText(href)
                let added = href.count - range.count
                if added > 0, shown.count >= added { shown.removeFirst(added) }
                tree.append(MarkdownNode(kind: .text(String(decoding: shown, as: UTF8.self)), line: line, column: column), to: link)
                autolinks.insert(link)
                last = range.upperBound
            }
            if last < s.count { _ = insert(.text(String(decoding: s[last...], as: UTF8.self))) }
            tree.unlink(node)
        }
    }
}
