/// markdown-it's typographer: the `replacements` rule (dashes, ellipsis, (c) (r) (tm), ±) and
/// `smartquotes`, applied as markdown-it applies them, to the top-level text of each inline block.
struct Typographer {
    static let quotes: [UInt32] = [0x201C, 0x201D, 0x2018, 0x2019]

    /// One inline token in markdown-it's flat order: a node opening, closing, or a leaf.
    struct Token {
        var node: Int
        var level: Int
        var isText: Bool
        var isBreak: Bool
        var content: [UInt32]
        /// Changed by a replacement or a smart quote: to be written back.
        var dirty = false
    }

    // MARK: - Replacements

    static func isJSWhitespace(_ c: UInt32) -> Bool {
        switch c {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    static func replace(_ text: [UInt32]) -> [UInt32] {
        var s = text
        if s.contains(0x28) { s = scoped(s) }
        let rare = hasRare(s)
        if rare { s = rareReplacements(s) }
        return s
    }

    static func hasRare(_ s: [UInt32]) -> Bool {
        guard s.count >= 2 else { return false }
        for i in 0..<(s.count - 1) {
            let a = s[i], b = s[i + 1]
            if (a == 0x2B && b == 0x2D) || (a == 0x2E && b == 0x2E) || (a == 0x2C && b == 0x2C) || (a == 0x2D && b == 0x2D) { return true }
            if i + 3 < s.count, (a == 0x3F || a == 0x21), b == a, s[i + 2] == a, s[i + 3] == a { return true }
        }
        return false
    }

    static func scoped(_ s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        var i = 0
        func lower(_ c: UInt32) -> UInt32 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
        while i < s.count {
            if s[i] == 0x28 {
                if i + 2 < s.count, s[i + 2] == 0x29 {
                    let c = lower(s[i + 1])
                    if c == 0x63 { out.append(0xA9); i += 3; continue }
                    if c == 0x72 { out.append(0xAE); i += 3; continue }
                }
                if i + 3 < s.count, lower(s[i + 1]) == 0x74, lower(s[i + 2]) == 0x6D, s[i + 3] == 0x29 {
                    out.append(0x2122); i += 4; continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    static func rareReplacements(_ input: [UInt32]) -> [UInt32] {
        var s = input
        // +- to ±
        s = mapPairs(s) { a, b in a == 0x2B && b == 0x2D ? 0xB1 : nil }
        // .. and more to …
        var out: [UInt32] = []
        var i = 0
        while i < s.count {
            if s[i] == 0x2E, i + 1 < s.count, s[i + 1] == 0x2E {
                while i < s.count, s[i] == 0x2E { i += 1 }
                out.append(0x2026)
            } else {
                out.append(s[i]); i += 1
            }
        }
        s = out
        // ?… and !… back to ?.. and !..
        out = []
        for c in s {
            if c == 0x2026, let last = out.last, last == 0x3F || last == 0x21 { out.append(0x2E); out.append(0x2E) } else { out.append(c) }
        }
        s = out
        // ???? and more to ???
        out = []
        i = 0
        while i < s.count {
            if s[i] == 0x3F || s[i] == 0x21 {
                var j = i
                while j < s.count, s[j] == 0x3F || s[j] == 0x21 { j += 1 }
                if j - i >= 4 { out.append(contentsOf: [s[j - 1], s[j - 1], s[j - 1]]) } else { out.append(contentsOf: s[i..<j]) }
                i = j
            } else {
                out.append(s[i]); i += 1
            }
        }
        s = out
        // ,, and more to ,
        out = []
        for c in s where !(c == 0x2C && out.last == 0x2C) { out.append(c) }
        s = out
        // --- to em dash
        s = dashes(s, length: 3, replacement: 0x2014) { before in before != 0x2D } after: { after in after != 0x2D }
        // -- between spaces to en dash
        s = dashes(s, length: 2, replacement: 0x2013) { before in isJSWhitespace(before) } after: { after in isJSWhitespace(after) }
        // -- between other characters to en dash
        s = dashes(s, length: 2, replacement: 0x2013) { before in before != 0x2D && !isJSWhitespace(before) } after: { after in after != 0x2D && !isJSWhitespace(after) }
        return s
    }

    static func mapPairs(_ s: [UInt32], _ f: (UInt32, UInt32) -> UInt32?) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0
        while i < s.count {
            if i + 1 < s.count, let r = f(s[i], s[i + 1]) { out.append(r); i += 2 } else { out.append(s[i]); i += 1 }
        }
        return out
    }

    /// `(^|before)-{length}(?=after|$)`, left to right, without overlapping.
    static func dashes(_ s: [UInt32], length: Int, replacement: UInt32, before: (UInt32) -> Bool, after: (UInt32) -> Bool) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0
        var lastEnd = 0
        while i < s.count {
            if s[i] == 0x2D, i + length <= s.count, s[i..<(i + length)].allSatisfy({ $0 == 0x2D }),
               i == 0 || (i - 1 >= lastEnd && before(s[i - 1])) || (i - 1 < lastEnd && i - 1 >= 0 && false),
               i + length == s.count || after(s[i + length]) {
                out.append(replacement)
                i += length
                lastEnd = i
            } else {
                out.append(s[i]); i += 1
            }
        }
        return out
    }

    // MARK: - Smart quotes

    static func isPunct(_ c: UInt32) -> Bool { ByteClass.isUnicodePunctuation(c) }

    /// markdown-it's `smartquotes` over one block's flat token list.
    static func smartQuotes(_ tokens: inout [Token]) {
        struct Open { var token: Int; var pos: Int; var single: Bool; var level: Int }
        var stack: [Open] = []
        for i in tokens.indices {
            let thisLevel = tokens[i].level
            var j = stack.count - 1
            while j >= 0 { if stack[j].level <= thisLevel { break }; j -= 1 }
            stack.removeSubrange((j + 1)...)
            guard tokens[i].isText else { continue }
            var pos = 0
            outer: while pos < tokens[i].content.count {
                let text = tokens[i].content
                guard let index = text[pos...].firstIndex(where: { $0 == 0x27 || $0 == 0x22 }) else { break }
                var canOpen = true
                var canClose = true
                pos = index + 1
                let isSingle = text[index] == 0x27
                var lastChar: UInt32 = 0x20
                if index > 0 {
                    lastChar = text[index - 1]
                } else {
                    var k = i - 1
                    while k >= 0 {
                        if tokens[k].isBreak { break }
                        if tokens[k].content.isEmpty { k -= 1; continue }
                        lastChar = tokens[k].content[tokens[k].content.count - 1]
                        break
                    }
                }
                var nextChar: UInt32 = 0x20
                if pos < text.count {
                    nextChar = text[pos]
                } else {
                    var k = i + 1
                    while k < tokens.count {
                        if tokens[k].isBreak { break }
                        if tokens[k].content.isEmpty { k += 1; continue }
                        nextChar = tokens[k].content[0]
                        break
                    }
                }
                let lastPunct = isPunct(lastChar)
                let nextPunct = isPunct(nextChar)
                let lastWhite = isJSWhitespace(lastChar)
                let nextWhite = isJSWhitespace(nextChar)
                if nextWhite { canOpen = false } else if nextPunct, !(lastWhite || lastPunct) { canOpen = false }
                if lastWhite { canClose = false } else if lastPunct, !(nextWhite || nextPunct) { canClose = false }
                if nextChar == 0x22 && text[index] == 0x22, lastChar >= 0x30, lastChar <= 0x39 {
                    canClose = false
                    canOpen = false
                }
                if canOpen && canClose {
                    canOpen = lastPunct
                    canClose = nextPunct
                }
                if !canOpen && !canClose {
                    if isSingle { tokens[i].content[index] = 0x2019; tokens[i].dirty = true }
                    continue
                }
                if canClose {
                    var j = stack.count - 1
                    while j >= 0 {
                        let item = stack[j]
                        if item.level < thisLevel { break }
                        if item.single == isSingle && item.level == thisLevel {
                            tokens[i].content[index] = isSingle ? quotes[3] : quotes[1]
                            tokens[item.token].content[item.pos] = isSingle ? quotes[2] : quotes[0]
                            tokens[i].dirty = true
                            tokens[item.token].dirty = true
                            stack.removeSubrange(j...)
                            continue outer
                        }
                        j -= 1
                    }
                }
                if canOpen {
                    stack.append(Open(token: i, pos: index, single: isSingle, level: thisLevel))
                } else if canClose && isSingle {
                    tokens[i].content[index] = 0x2019
                    tokens[i].dirty = true
                }
            }
        }
    }
}
