/// markdown-it's `linkify` option, for the common cases: `http://`, `https://`, `ftp://` and
/// `mailto:` URLs, and `www.` host names, found in text while inline parsing (so emphasis or code
/// markers inside a URL stay part of it).
extension InlineParser {
    static let schemes: [[UInt8]] = ["http", "https", "ftp", "mailto"].map { Array($0.utf8) }

    /// At a `:`: a URL whose scheme is the end of the text before it.
    mutating func parseLinkifyScheme() -> Bool {
        let colon = pos
        var start = colon
        while start > 0, ByteClass.isAlpha(s[start - 1]) { start -= 1 }
        let scheme = s[start..<colon].map(ByteClass.lower)
        guard Self.schemes.contains(scheme) else { return false }
        guard htmlLinkDepth <= 0 else { return false }
        if start > 0, ByteClass.isAlnum(s[start - 1]) || s[start - 1] == UInt8(ascii: "/") || s[start - 1] == UInt8(ascii: "\\") { return false }
        let isMail = scheme == Array("mailto".utf8)
        if !isMail {
            guard colon + 3 < end, s[colon + 1] == UInt8(ascii: "/"), s[colon + 2] == UInt8(ascii: "/") else { return false }
        }
        let urlEnd = linkEnd(from: colon + (isMail ? 1 : 3))
        guard urlEnd > colon + (isMail ? 1 : 3) else { return false }
        // The scheme was already appended as text: take it back.
        let last = tree[block].lastChild
        guard last != -1, case .text(let text) = tree[last].kind, !tree[last].special, text.utf8.count >= colon - start,
              text.utf8.suffix(colon - start).elementsEqual(s[start..<colon]) else { return false }
        dropLastBytes(colon - start, ofText: last)
        emitLink(raw: Array(s[start..<urlEnd]), href: Array(s[start..<urlEnd]), at: start)
        pos = urlEnd
        return true
    }

    /// At `w`: a `www.` host name.
    mutating func parseLinkifyWWW() -> Bool {
        let start = pos
        guard htmlLinkDepth <= 0, HTMLScanner.hasPrefix(s, start, end, "www.") else { return false }
        if start > 0, ByteClass.isAlnum(s[start - 1]) || s[start - 1] == UInt8(ascii: "/") || s[start - 1] == UInt8(ascii: ":") { return false }
        let urlEnd = linkEnd(from: start + 4)
        guard urlEnd > start + 5, s[(start + 4)..<urlEnd].contains(UInt8(ascii: ".")) || urlEnd - start > 5 else { return false }
        emitLink(raw: Array(s[start..<urlEnd]), href: Array("http://".utf8) + s[start..<urlEnd], at: start)
        pos = urlEnd
        return true
    }

    mutating func emitLink(raw: [UInt8], href: [UInt8], at start: Int) {
        let link = appendNode(.link(destination: LinkText.normalizeURI(href), title: ""), at: start)
        let text = String(decoding: LinkText.displayText(raw), as: UTF8.self)
        tree.append(MarkdownNode(kind: .text(text), line: 0, column: 0), to: link)
        autolinks.insert(link)
        linkified.insert(link)
    }

    /// Links are not nested: a URL linkified inside what became a link's text goes back to text.
    mutating func unwrapLinkified(in link: Int) {
        var child = tree[link].firstChild
        while child != -1 {
            let next = tree[child].next
            if linkified.contains(child) {
                var content = ""
                var inner = tree[child].firstChild
                while inner != -1 {
                    if case .text(let more) = tree[inner].kind { content += more }
                    inner = tree[inner].next
                }
                let node = tree.make(MarkdownNode(kind: .text(content), line: 0, column: 0))
                tree.insertBefore(child, node)
                tree.unlink(child)
            }
            child = next
        }
    }

    /// Where a URL starting at `from` ends: no spaces or `<`, balanced brackets, and no trailing
    /// punctuation or emphasis markers.
    func linkEnd(from: Int) -> Int {
        var i = from
        var depth = 0
        while i < end {
            let c = s[i]
            if c <= 0x20 || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "`") && false { break }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { if depth == 0 { break }; depth -= 1 }
            i += 1
        }
        while i > from {
            let c = s[i - 1]
            if ".,:;!?'*_~".utf8.contains(c) { i -= 1 } else { break }
        }
        return i
    }
}
