/// Scans the parts of a link: label, destination and title, on bytes.
enum LinkScanner {
    /// A link label `[...]` at `pos`: returns its length including brackets (at most 999 characters inside).
    static func label(_ s: [UInt8], _ pos: Int, _ end: Int) -> Int? {
        guard pos < end, s[pos] == UInt8(ascii: "[") else { return nil }
        var i = pos + 1
        while i < end, i - pos <= 1000 {
            let c = s[i]
            if c == UInt8(ascii: "\\"), i + 1 < end, ByteClass.isASCIIPunctuation(s[i + 1]) {
                i += 2
                continue
            }
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "]") { return i - pos - 1 <= 999 ? i + 1 - pos : nil }
            i += 1
        }
        return nil
    }

    /// A link destination at `pos`: returns the unescaped, still un-normalised bytes and the index after it.
    static func destination(_ s: [UInt8], _ pos: Int, _ end: Int) -> (value: [UInt8], end: Int)? {
        guard pos < end else { return nil }
        if s[pos] == UInt8(ascii: "<") {
            var i = pos + 1
            while i < end {
                let c = s[i]
                if c == UInt8(ascii: "\\"), i + 1 < end, ByteClass.isASCIIPunctuation(s[i + 1]) { i += 2; continue }
                if c == UInt8(ascii: ">") { return (EntityDecoder.unescape(s[(pos + 1)..<i]), i + 1) }
                if c == UInt8(ascii: "<") || c == 0x0A || c == 0x0D { return nil }
                i += 1
            }
            return nil
        }
        var i = pos
        var depth = 0
        while i < end {
            let c = s[i]
            if c == UInt8(ascii: "\\"), i + 1 < end, ByteClass.isASCIIPunctuation(s[i + 1]) { i += 2; continue }
            if c == UInt8(ascii: "(") {
                depth += 1
                if depth > 32 { return nil }
            } else if c == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
            } else if c <= 0x20 || c == 0x7F {
                break
            }
            i += 1
        }
        if i == pos || depth != 0 { return nil }
        return (EntityDecoder.unescape(s[pos..<i]), i)
    }

    /// A link title at `pos` (`"…"`, `'…'` or `(…)`): returns the unescaped title and the index after it.
    static func title(_ s: [UInt8], _ pos: Int, _ end: Int) -> (value: [UInt8], end: Int)? {
        guard pos < end else { return nil }
        let open = s[pos]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""): close = open
        case UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        var i = pos + 1
        while i < end {
            let c = s[i]
            if c == UInt8(ascii: "\\"), i + 1 < end, ByteClass.isASCIIPunctuation(s[i + 1]) { i += 2; continue }
            if c == close { return (EntityDecoder.unescape(s[(pos + 1)..<i]), i + 1) }
            if open == UInt8(ascii: "(") && c == open { return nil }
            i += 1
        }
        return nil
    }

    /// Skips spaces and tabs and at most one line ending.
    static func skipSpaceAndNewline(_ s: [UInt8], _ pos: Int, _ end: Int) -> Int {
        var i = pos
        while i < end, ByteClass.isSpaceOrTab(s[i]) { i += 1 }
        if i < end, s[i] == 0x0A {
            i += 1
            while i < end, ByteClass.isSpaceOrTab(s[i]) { i += 1 }
        }
        return i
    }
}
