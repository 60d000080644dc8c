/// Recognises raw HTML: the seven kinds of HTML block start and end, and inline tags.
enum HTMLScanner {
    static let type1Names: [[UInt8]] = ["script", "pre", "textarea", "style"].map { Array($0.utf8) }
    static let type6Names: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

    /// The HTML block type (1–7) a line starting at `start` (which holds `<`) opens, or 0.
    static func blockStart(_ s: [UInt8], _ start: Int, _ end: Int, canBeType7: Bool) -> Int {
        var i = start + 1
        guard i < end else { return 0 }
        if s[i] == UInt8(ascii: "!") {
            if hasPrefix(s, i + 1, end, "--") { return 2 }
            if hasPrefix(s, i + 1, end, "[CDATA[") { return 5 }
            if i + 1 < end, ByteClass.isAlpha(s[i + 1]) { return 4 }
            return 0
        }
        if s[i] == UInt8(ascii: "?") { return 3 }
        let closing = s[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        let nameStart = i
        while i < end, ByteClass.isAlnum(s[i]) { i += 1 }
        let name = s[nameStart..<i].map(ByteClass.lower)
        if !closing, type1Names.contains(name) {
            if i == end || ByteClass.isWhitespace(s[i]) || s[i] == UInt8(ascii: ">") { return 1 }
        }
        if type6Names.contains(name) {
            if i == end || ByteClass.isWhitespace(s[i]) || s[i] == UInt8(ascii: ">") { return 6 }
            if s[i] == UInt8(ascii: "/"), i + 1 < end, s[i + 1] == UInt8(ascii: ">") { return 6 }
        }
        if canBeType7 {
            let tagEnd = closing ? closeTag(s, start, end) : openTag(s, start, end)
            if let tagEnd {
                var j = tagEnd
                while j < end, ByteClass.isWhitespace(s[j]) { j += 1 }
                if j == end { return 7 }
            }
        }
        return 0
    }

    /// Whether a line (`start..<end`) holds the end condition of an HTML block of type 1–5.
    static func blockEnds(type: Int, _ s: [UInt8], _ start: Int, _ end: Int) -> Bool {
        switch type {
        case 1:
            var i = start
            while i + 1 < end {
                if s[i] == UInt8(ascii: "<"), s[i + 1] == UInt8(ascii: "/") {
                    for name in type1Names where i + 2 + name.count < end || i + 2 + name.count == end - 0 {
                        let nameEnd = i + 2 + name.count
                        guard nameEnd < end else { continue }
                        if s[(i + 2)..<nameEnd].map(ByteClass.lower) == name, s[nameEnd] == UInt8(ascii: ">") { return true }
                    }
                }
                i += 1
            }
            return false
        case 2: return find(s, start, end, "-->") != nil
        case 3: return find(s, start, end, "?>") != nil
        case 4: return find(s, start, end, ">") != nil
        case 5: return find(s, start, end, "]]>") != nil
        default: return false
        }
    }

    static func hasPrefix(_ s: [UInt8], _ i: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= end else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<count where s[i + k] != p[k] { return false }
            return true
        }
    }

    static func find(_ s: [UInt8], _ start: Int, _ end: Int, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { p -> Int? in
            var i = start
            while i + count <= end {
                if s[i] == p[0] {
                    var ok = true
                    for k in 1..<max(count, 1) where s[i + k] != p[k] { ok = false; break }
                    if ok { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// An open tag at `start` (`<`): returns the index after `>`.
    static func openTag(_ s: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start + 1
        guard i < end, ByteClass.isAlpha(s[i]) else { return nil }
        while i < end, ByteClass.isAlnum(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
        while true {
            // Attribute: whitespace, name, optional value.
            let beforeSpace = i
            while i < end, ByteClass.isWhitespace(s[i]) { i += 1 }
            guard i < end else { return nil }
            if s[i] == UInt8(ascii: "/") {
                return i + 1 < end && s[i + 1] == UInt8(ascii: ">") ? i + 2 : nil
            }
            if s[i] == UInt8(ascii: ">") { return i + 1 }
            guard i > beforeSpace else { return nil }
            let c = s[i]
            guard ByteClass.isAlpha(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return nil }
            i += 1
            while i < end, ByteClass.isAlnum(s[i]) || s[i] == UInt8(ascii: "_") || s[i] == UInt8(ascii: ".")
                || s[i] == UInt8(ascii: ":") || s[i] == UInt8(ascii: "-") { i += 1 }
            // Value?
            var j = i
            while j < end, ByteClass.isWhitespace(s[j]) { j += 1 }
            if j < end, s[j] == UInt8(ascii: "=") {
                j += 1
                while j < end, ByteClass.isWhitespace(s[j]) { j += 1 }
                guard j < end else { return nil }
                let q = s[j]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    j += 1
                    while j < end, s[j] != q { j += 1 }
                    guard j < end else { return nil }
                    i = j + 1
                } else {
                    let valueStart = j
                    while j < end {
                        let b = s[j]
                        if b <= 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "=")
                            || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "`") { break }
                        j += 1
                    }
                    guard j > valueStart else { return nil }
                    i = j
                }
            }
        }
    }

    /// A closing tag at `start` (`<`): returns the index after `>`.
    static func closeTag(_ s: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start + 2
        guard start + 1 < end, s[start + 1] == UInt8(ascii: "/"), i < end, ByteClass.isAlpha(s[i]) else { return nil }
        while i < end, ByteClass.isAlnum(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
        while i < end, ByteClass.isWhitespace(s[i]) { i += 1 }
        return i < end && s[i] == UInt8(ascii: ">") ? i + 1 : nil
    }
}
