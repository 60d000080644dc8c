import Foundation

/// Text helpers the filters share: regular-expression replacement, URI encoding, `urlize`.
enum TemplateText {
    private static let regexCache = RegexCache()

    /// Replaces every match of a regular expression (ICU syntax, as close to JavaScript's as needed).
    static func replace(_ pattern: String, in text: String, with template: String, caseInsensitive: Bool = false) -> String {
        guard let regex = regexCache.regex(pattern, caseInsensitive: caseInsensitive) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: template)
    }

    /// Whether `striptags` would leave `text` as it is: printable ASCII without `<`, no space at
    /// either end and no two spaces in a row (so there is no tag, comment or whitespace to change).
    static func isPlainSingleSpaced(_ text: String) -> Bool {
        // Over the contiguous bytes when there are (native and small strings): iterating the UTF-8
        // view costs several times as much a byte.
        if let plain = text.utf8.withContiguousStorageIfAvailable(isPlainSingleSpaced(bytes:)) { return plain }
        return isPlainSingleSpaced(bytes: text.utf8)
    }

    private static func isPlainSingleSpaced<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool {
        var previous: UInt8 = 0x20
        for byte in bytes {
            guard byte > 0x20 ? (byte < 0x7F && byte != UInt8(ascii: "<")) : (byte == 0x20 && previous != 0x20) else { return false }
            previous = byte
        }
        return previous != 0x20
    }

    /// Whether `a` sorts before `b` by UTF-16 code units, as JavaScript compares strings, without
    /// making arrays of code units (sorting thousands of pages compares strings n log n times).
    ///
    /// UTF-8 bytes sort as code points do; code units differ from that only where a character from
    /// U+E000 to U+FFFF (lead byte EE or EF) meets one beyond U+FFFF (lead byte F0 to F4), whose
    /// surrogates come first in UTF-16. The first differing byte decides, corrected for that case.
    static func precedesInUTF16(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                var index = 0
                while index < common, x[index] == y[index] { index += 1 }
                if index == common { return x.count < y.count }
                let p = x[index], q = y[index]
                if p >= 0xEE, q >= 0xEE, (p >= 0xF0) != (q >= 0xF0) { return p >= 0xF0 }
                return p < q
            }
        }
    }

    /// Whether the whole of `text` matches.
    static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) -> Bool {
        guard let regex = regexCache.regex(pattern, caseInsensitive: caseInsensitive) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The byte offset of the first occurrence of `needle` in `hay` at or after `start`.
    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
        guard let first = needle.first else { return start }
        guard needle.count <= hay.count else { return nil }
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether `needle` occurs in `text` (byte-wise on UTF-8, as JavaScript's `includes` compares code units).
    static func contains(_ text: String, _ needle: String) -> Bool {
        find(Array(needle.utf8), in: Array(text.utf8)) != nil
    }

    /// Replaces up to `limit` occurrences of a non-empty `old` with `new`, working on UTF-8 bytes.
    static func replace(_ old: String, with new: String, in text: String, limit: Int = Int.max) -> String {
        let hay = Array(text.utf8), needle = Array(old.utf8)
        guard !needle.isEmpty, var match = find(needle, in: hay) else { return text }
        let replacement = Array(new.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var position = 0, count = 0
        while count < limit {
            out.append(contentsOf: hay[position..<match])
            out.append(contentsOf: replacement)
            position = match + needle.count
            count += 1
            guard let next = find(needle, in: hay, from: position) else { break }
            match = next
        }
        out.append(contentsOf: hay[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// JavaScript's `encodeURIComponent`.
    static func encodeURIComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"), UInt8(ascii: "*"),
                 UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Nunjucks' `urlize`: words that look like URLs or email addresses become links.
    static func urlize(_ text: String, length: Int, nofollow: Bool) -> String {
        let rel = nofollow ? " rel=\"nofollow\"" : ""
        var out = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            out += link(word, length: length, rel: rel)
            word = ""
        }
        for character in text {
            if character.isWhitespace { flush(); out.append(character) } else { word.append(character) }
        }
        flush()
        return out
    }

    private static func link(_ word: String, length: Int, rel: String) -> String {
        var core = Substring(word)
        for opener in ["(", "<", "&lt;"] where core.hasPrefix(opener) { core = core.dropFirst(opener.count); break }
        for closer in [".", ",", ")", "\n", "&gt;"] where core.hasSuffix(closer) { core = core.dropLast(closer.count); break }
        let url = String(core)
        let short = String(url.prefix(length))
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return "<a href=\"\(url)\"\(rel)>\(short)</a>" }
        if url.hasPrefix("www.") { return "<a href=\"http://\(url)\"\(rel)>\(short)</a>" }
        if matches(#"^[\w.!#$%&'*+\-/=?^`{|}~]+@[a-z\d\-]+(\.[a-z\d\-]+)+$"#, url, caseInsensitive: true) {
            return "<a href=\"mailto:\(url)\">\(url)</a>"
        }
        if matches(#"\.(?:org|net|com)(?::|/|$)"#, url) { return "<a href=\"http://\(url)\"\(rel)>\(short)</a>" }
        return word
    }
}

/// Compiled regular expressions by pattern, shared across threads.
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String, caseInsensitive: Bool, multiline: Bool = false) -> NSRegularExpression? {
        let key = (caseInsensitive ? "i" : "-") + (multiline ? "m:" : "-:") + pattern
        lock.lock()
        defer { lock.unlock() }
        if let regex = compiled[key] { return regex }
        var options: NSRegularExpression.Options = []
        if caseInsensitive { options.insert(.caseInsensitive) }
        if multiline { options.insert(.anchorsMatchLines) }
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        compiled[key] = regex
        return regex
    }
}
