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
/// keeping copies), and each word's hash is computed when it ends, eight bytes at a time.
struct SearchTokenizer {
    /// What a byte does to the scan: see `kinds`. An enumeration, so that the scan's `switch`
    /// is one jump (cases matched against constants are compared one by one).
    private enum Kind: UInt8 {
        case separator, lower, upper, high, tag, entity, apostrophe, punctuation, latin1
    }

    /// Each byte's kind: ASCII letters and digits are words (`upper` lowered), other ASCII bytes
    /// separate them, but for `<` (a tag), `&` (an entity) and `'` (inside a word, as in "what's");
    /// 0xE2 may start general punctuation and 0xC2 a Latin-1 symbol, and other bytes from 0x80 are
    /// part of a word.
    private static let kinds: [Kind] = {
        var table = [Kind](repeating: .separator, count: 256)
        for b in 0x61...0x7A { table[b] = .lower }
        for b in 0x30...0x39 { table[b] = .lower }
        for b in 0x41...0x5A { table[b] = .upper }
        for b in 0x80...0xFF { table[b] = .high }
        table[0x3C] = .tag
        table[0x26] = .entity
        table[0x27] = .apostrophe
        table[0xE2] = .punctuation
        table[0xC2] = .latin1
        return table
    }()

    /// Each ASCII letter or digit lowered, and 0 for every other byte: the scan's inner loop.
    private static let lowercase: [UInt8] = (0...255).map { b in
        switch b {
        case 0x41...0x5A: UInt8(b + 32)
        case 0x61...0x7A, 0x30...0x39: UInt8(b)
        default: 0
        }
    }

    /// Calls `body` with each new word of `bytes`, as bytes lowered for ASCII letters, and whether it
    /// holds other characters (which `body` lowers). At least eight bytes after each word given to
    /// `body` may be read (they are the scan's buffer), so that it can copy a word in chunks.
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        kinds.withUnsafeBufferPointer { kinds in
            lowercase.withUnsafeBufferPointer { lowercase in scan(bytes, kinds: kinds, lowercase: lowercase, body) }
        }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<Kind>, lowercase: UnsafeBufferPointer<UInt8>,
                             _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        // A page of n bytes has fewer than n / 2 words of two bytes or more; most have far fewer.
        // The table starts at most a few thousand words large and grows past that if it must.
        var seen = SearchWordSet(expectedWords: min(count / 8, 4_096))
        // The new words, one after another, then the word being read: never longer than the page,
        // with eight bytes more for the hash to read a word's last bytes at once.
        let room = count + 1 + 8
        let words = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
        words.initialize(repeating: 0, count: room)
        defer { words.deallocate() }
        var start = 0, end = 0
        var hasNonASCII = false
        var i = 0
        // One step past the last byte, to finish the last word.
        while i <= count {
            var ends = true
            if i < count {
                let b = bytes[i]
                ends = false
                switch kinds[Int(b)] {
                case .lower, .upper:
                    // The whole run of ASCII letters and digits in one tight loop, lowered by table.
                    var j = i
                    while j < count {
                        let lowered = lowercase[Int(bytes[j])]
                        if lowered == 0 { break }
                        words[end] = lowered
                        end &+= 1
                        j &+= 1
                    }
                    i = j - 1
                case .tag:
                    // Skipped up to its `>` (the rest of the page if there is none).
                    ends = true
                    if let close = memchr(base + i + 1, 0x3E, count - i - 1) {
                        i = UnsafeRawPointer(close).assumingMemoryBound(to: UInt8.self) - base
                    } else {
                        i = count - 1
                    }
                case .entity:
                    // Skipped up to its `;` or a space, or up to a `<`, which starts a tag.
                    ends = true
                    var j = i + 1
                    while j < count, bytes[j] != 0x3B, bytes[j] != 0x20, bytes[j] != 0x3C { j += 1 }
                    i = j < count && bytes[j] == 0x3C ? j - 1 : j
                case .apostrophe:
                    break // "what's" is one word
                case .punctuation where i + 2 < count && bytes[i + 1] == 0x80:
                    // General punctuation: ’ joins a word like ', the rest (“ ” – — …) separate.
                    ends = bytes[i + 2] != 0x99
                    i += 2
                case .latin1 where i + 1 < count: // Latin-1 symbols and punctuation (£, °, «, no-break space…)
                    ends = true
                    i += 1
                case .high, .punctuation, .latin1:
                    words[end] = b; end += 1; hasNonASCII = true
                case .separator:
                    ends = true
                }
            }
            if ends {
                // A new word longer than one byte is reported and kept in the buffer; any other
                // is written over by the next.
                let length = end - start
                if length > 1,
                   seen.insert(at: start, count: length, hash: SearchWordSet.hash(paddedWordAt: words + start, count: length), in: words, padded: true) {
                    body(UnsafeBufferPointer(start: words + start, count: length), hasNonASCII)
                    start = end
                } else {
                    end = start
                }
                hasNonASCII = false
            }
            i += 1
        }
    }
}
