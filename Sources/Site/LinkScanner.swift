/// Finds the links and images a Markdown (or HTML) body refers to, with their line and column,
/// for the build's link and image checks. Code blocks and code spans are skipped.
enum LinkScanner {
    struct Reference: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case link, image }
        var kind: Kind
        var target: String
        /// 1-based, within the scanned text.
        var line: Int
        var column: Int
    }

    /// With `htmlOnly`, only `<img src>` and `<a href>` are reported (Markdown links come from the
    /// Markdown parser then).
    static func scan(_ text: String, htmlOnly: Bool = false) -> [Reference] {
        let b = Array(text.utf8)
        var refs: [Reference] = []
        var line = 1, lineStart = 0
        var i = 0
        var inFence: UInt8? = nil
        var atLineStart = true
        func column(_ at: Int) -> Int {
            var c = 1
            var k = lineStart
            while k < at { if b[k] & 0xC0 != 0x80 { c += 1 }; k += 1 }
            return c
        }
        func readTarget(from start: Int, quote: UInt8?) -> (String, Int) {
            var j = start
            if let quote {
                while j < b.count, b[j] != quote, b[j] != 0x0A { j += 1 }
            } else if j < b.count, b[j] == UInt8(ascii: "<") {
                j += 1
                let s = j
                while j < b.count, b[j] != UInt8(ascii: ">"), b[j] != 0x0A { j += 1 }
                return (String(decoding: b[s..<j], as: UTF8.self), s)
            } else {
                var depth = 0
                while j < b.count, b[j] != 0x20, b[j] != 0x0A, b[j] != 0x09 {
                    if b[j] == UInt8(ascii: "(") { depth += 1 }
                    if b[j] == UInt8(ascii: ")") { if depth == 0 { break }; depth -= 1 }
                    j += 1
                }
            }
            return (String(decoding: b[start..<j], as: UTF8.self), start)
        }
        while i < b.count {
            let c = b[i]
            if c == 0x0A {
                line += 1; lineStart = i + 1; i += 1; atLineStart = true
                continue
            }
            if atLineStart {
                atLineStart = false
                var k = i
                while k < b.count, b[k] == 0x20, k - i < 4 { k += 1 }
                if k + 2 < b.count, (b[k] == UInt8(ascii: "`") || b[k] == UInt8(ascii: "~")), b[k + 1] == b[k], b[k + 2] == b[k] {
                    if inFence == nil { inFence = b[k] } else if inFence == b[k] { inFence = nil }
                    while i < b.count, b[i] != 0x0A { i += 1 }
                    continue
                }
                if !htmlOnly, inFence == nil, k < b.count, b[k] == UInt8(ascii: "[") {
                    // A link reference definition: [label]: target
                    var j = k + 1
                    while j < b.count, b[j] != UInt8(ascii: "]"), b[j] != 0x0A { j += 1 }
                    if j + 1 < b.count, b[j] == UInt8(ascii: "]"), b[j + 1] == UInt8(ascii: ":"), b[k + 1] != UInt8(ascii: "^") {
                        var s = j + 2
                        while s < b.count, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
                        let (target, at) = readTarget(from: s, quote: nil)
                        if !target.isEmpty { refs.append(Reference(kind: .link, target: target, line: line, column: column(at))) }
                    }
                }
            }
            if inFence != nil { i += 1; continue }
            if c == UInt8(ascii: "`") {
                // Skip a code span.
                var run = 0
                while i < b.count, b[i] == UInt8(ascii: "`") { run += 1; i += 1 }
                var j = i
                while j < b.count {
                    if b[j] == UInt8(ascii: "`") {
                        var r = 0
                        while j < b.count, b[j] == UInt8(ascii: "`") { r += 1; j += 1 }
                        if r == run { break }
                    } else {
                        if b[j] == 0x0A { if j + 1 < b.count, b[j + 1] == 0x0A { break } }
                        j += 1
                    }
                }
                if j <= b.count, j > i {
                    // Keep line counting right.
                    for k in i..<min(j, b.count) where b[k] == 0x0A { line += 1; lineStart = k + 1 }
                    i = j
                }
                continue
            }
            if !htmlOnly, c == UInt8(ascii: "]"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "(") {
                // Find the matching '[' to know whether this is an image.
                var depth = 0, k = i - 1, open = -1
                while k >= 0, b[k] != 0x0A || (k > 0 && b[k - 1] != 0x0A) {
                    if b[k] == UInt8(ascii: "]") { depth += 1 }
                    if b[k] == UInt8(ascii: "[") { if depth == 0 { open = k; break }; depth -= 1 }
                    k -= 1
                }
                if open >= 0 {
                    var s = i + 2
                    while s < b.count, b[s] == 0x20 { s += 1 }
                    let (target, at) = readTarget(from: s, quote: nil)
                    let kind: Reference.Kind = open > 0 && b[open - 1] == UInt8(ascii: "!") ? .image : .link
                    if !target.isEmpty { refs.append(Reference(kind: kind, target: target, line: line, column: column(at))) }
                }
                i += 2
                continue
            }
            if c == UInt8(ascii: "<"), i + 1 < b.count, b[i + 1] != UInt8(ascii: "/") {
                // An HTML tag: src= of <img>, href= of <a>.
                var j = i + 1
                let nameStart = j
                while j < b.count, (b[j] >= 0x41 && b[j] <= 0x5A) || (b[j] >= 0x61 && b[j] <= 0x7A) || (b[j] >= 0x30 && b[j] <= 0x39) { j += 1 }
                let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
                let attribute: String? = name == "img" ? "src" : name == "a" ? "href" : nil
                var end = j
                while end < b.count, b[end] != UInt8(ascii: ">") { end += 1 }
                if let attribute {
                    let tag = Array(b[j..<min(end, b.count)])
                    let needle = Array((attribute + "=").utf8)
                    var t = 0
                    while t + needle.count < tag.count {
                        if (t == 0 || tag[t - 1] == 0x20 || tag[t - 1] == 0x0A || tag[t - 1] == 0x09),
                           Array(tag[t..<(t + needle.count)]).map({ $0 | 0x20 }) == needle.map({ $0 | 0x20 }) {
                            let q = tag[t + needle.count]
                            let absolute = j + t + needle.count
                            if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                                // Count lines inside the tag before the attribute.
                                for k in i..<absolute where b[k] == 0x0A { line += 1; lineStart = k + 1 }
                                let (target, at) = readTarget(from: absolute + 1, quote: q)
                                if !target.isEmpty { refs.append(Reference(kind: name == "img" ? .image : .link, target: target, line: line, column: column(at))) }
                                i = absolute + 1
                            }
                            break
                        }
                        t += 1
                    }
                }
                i = max(i + 1, j)
                continue
            }
            i += 1
        }
        return refs
    }
}
