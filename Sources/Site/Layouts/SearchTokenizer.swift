import Foundation

/// The search index's word finder over one page's HTML (see `LayoutFilters.searchTokens`): tags and
/// entities skipped, ASCII letters lowered, each word reported once, single characters dropped.
///
/// The scan keeps its state in local variables and the words in one buffer as long as the page,
/// with no closure capturing them: captured variables are boxed and every access to them checked
/// for exclusivity at run time, and an array grown byte by byte checks its capacity at each byte;
/// both cost more than the scan itself over the pages of a whole site. Each byte's kind comes
/// from one table (one jump, not a chain of comparisons), tags are skipped with `memchr`, new words
/// stay in the buffer one after another (the set of words seen refers to them there rather than
/// keeping copies), and each word's hash is computed as its bytes are copied.
struct SearchTokenizer {
    /// The FNV-1a hash of no bytes, and its prime.
    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325
    static let hashPrime: UInt64 = 0x100_0000_01b3

    /// What a byte does to the scan: see `kinds`.
    private enum Kind {
        static let separator: UInt8 = 0, lower: UInt8 = 1, upper: UInt8 = 2, high: UInt8 = 3, tag: UInt8 = 4, entity: UInt8 = 5
        static let apostrophe: UInt8 = 6, punctuation: UInt8 = 7, latin1: UInt8 = 8
    }

    /// Each byte's kind: ASCII letters and digits are words (`upper` lowered), other ASCII bytes
    /// separate them, but for `<` (a tag), `&` (an entity) and `'` (inside a word, as in "what's");
    /// 0xE2 may start general punctuation and 0xC2 a Latin-1 symbol, and other bytes from 0x80 are
    /// part of a word.
    private static let kinds: [UInt8] = {
        var table = [UInt8](repeating: Kind.separator, count: 256)
        for b in 0x61...0x7A { table[b] = Kind.lower }
        for b in 0x30...0x39 { table[b] = Kind.lower }
        for b in 0x41...0x5A { table[b] = Kind.upper }
        for b in 0x80...0xFF { table[b] = Kind.high }
        table[0x3C] = Kind.tag
        table[0x26] = Kind.entity
        table[0x27] = Kind.apostrophe
        table[0xE2] = Kind.punctuation
        table[0xC2] = Kind.latin1
        return table
    }()

    /// Calls `body` with each new word of `bytes`, as bytes lowered for ASCII letters, and whether it
    /// holds other characters (which `body` lowers).
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        kinds.withUnsafeBufferPointer { kinds in scan(bytes, kinds: kinds, body) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<UInt8>,
                             _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        // A page of n bytes has fewer than n / 2 words of two bytes or more; most have far fewer.
        var seen = SearchWordSet(expectedWords: count / 8)
        // The new words, one after another, then the word being read: never longer than the page.
        let words = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
        defer { words.deallocate() }
        var start = 0, end = 0
        var hash = hashStart
        var hasNonASCII = false
        var i = 0
        // One step past the last byte, to finish the last word.
        while i <= count {
            var ends = true
            if i < count {
                let b = bytes[i]
                ends = false
                switch kinds[Int(b)] {
                case Kind.lower:
                    words[end] = b; end += 1
                    hash = (hash ^ UInt64(b)) &* hashPrime
                case Kind.upper:
                    words[end] = b + 32; end += 1
                    hash = (hash ^ UInt64(b + 32)) &* hashPrime
                case Kind.tag:
                    // Skipped up to its `>` (the rest of the page if there is none).
                    ends = true
                    if let close = memchr(base + i + 1, 0x3E, count - i - 1) {
                        i = UnsafeRawPointer(close).assumingMemoryBound(to: UInt8.self) - base
                    } else {
                        i = count - 1
                    }
                case Kind.entity:
                    // Skipped up to its `;` or a space, or up to a `<`, which starts a tag.
                    ends = true
                    var j = i + 1
                    while j < count, bytes[j] != 0x3B, bytes[j] != 0x20, bytes[j] != 0x3C { j += 1 }
                    i = j < count && bytes[j] == 0x3C ? j - 1 : j
                case Kind.apostrophe:
                    break // "what's" is one word
                case Kind.punctuation where i + 2 < count && bytes[i + 1] == 0x80:
                    // General punctuation: ’ joins a word like ', the rest (“ ” – — …) separate.
                    ends = bytes[i + 2] != 0x99
                    i += 2
                case Kind.latin1 where i + 1 < count: // Latin-1 symbols and punctuation (£, °, «, no-break space…)
                    ends = true
                    i += 1
                case Kind.high, Kind.punctuation, Kind.latin1:
                    words[end] = b; end += 1; hasNonASCII = true
                    hash = (hash ^ UInt64(b)) &* hashPrime
                default:
                    ends = true
                }
            }
            if ends {
                // A new word longer than one byte is reported and kept in the buffer; any other
                // is written over by the next.
                let length = end - start
                if length > 1, seen.insert(at: start, count: length, hash: hash, in: words) {
                    body(UnsafeBufferPointer(start: words + start, count: length), hasNonASCII)
                    start = end
                } else {
                    end = start
                }
                hash = hashStart
                hasNonASCII = false
            }
            i += 1
        }
    }
}
