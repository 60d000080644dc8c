/// The search index's word finder over one page's HTML (see `LayoutFilters.searchTokens`): tags and
/// entities skipped, ASCII letters lowered, each word reported once, single characters dropped.
///
/// The scan keeps its state in local variables and the word in one buffer as long as the page,
/// with no closure capturing them: captured variables are boxed and every access to them checked
/// for exclusivity at run time, and an array grown byte by byte checks its capacity at each byte;
/// both cost more than the scan itself over the pages of a whole site. Each word's hash is
/// computed as its bytes are copied, so the set of words seen need not read them again.
struct SearchTokenizer {
    /// The FNV-1a hash of no bytes, and its prime (as `SearchWordSet` hashes).
    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325
    static let hashPrime: UInt64 = 0x100_0000_01b3

    /// Calls `body` with each new word of `bytes`, as bytes lowered for ASCII letters, and whether it
    /// holds other characters (which `body` lowers).
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        let count = bytes.count
        // A page of n bytes has fewer than n / 2 words of two bytes or more.
        var seen = SearchWordSet(expectedWords: count / 8)
        // A word is never longer than the page.
        let word = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
        defer { word.deallocate() }
        var length = 0
        var hash = hashStart
        var hasNonASCII = false
        var inTag = false
        var inEntity = false
        var i = 0
        while i < count {
            let b = bytes[i]
            if inTag {
                if b == 0x3E { inTag = false }
                i += 1
                continue
            }
            if inEntity {
                if b == 0x3B || b == 0x20 || b == 0x3C { inEntity = false }
                if b != 0x3C { i += 1 }
                continue
            }
            var ends = false
            switch b {
            case 0x3C: ends = true; inTag = true
            case 0x26: ends = true; inEntity = true
            case 0x41...0x5A:
                word[length] = b + 32; length += 1
                hash = (hash ^ UInt64(b + 32)) &* hashPrime
            case 0x61...0x7A, 0x30...0x39:
                word[length] = b; length += 1
                hash = (hash ^ UInt64(b)) &* hashPrime
            case 0x27: break // "what's" is one word
            case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80:
                // General punctuation: ’ joins a word like ', the rest (“ ” – — …) separate.
                ends = bytes[i + 2] != 0x99
                i += 2
            case 0xC2 where i + 1 < count: // Latin-1 symbols and punctuation (£, °, «, no-break space…)
                ends = true
                i += 1
            case 0x80...0xFF:
                word[length] = b; length += 1; hasNonASCII = true
                hash = (hash ^ UInt64(b)) &* hashPrime
            default: ends = true
            }
            if ends {
                // A new word longer than one byte is reported.
                if length > 1, seen.insert(UnsafeBufferPointer(start: word, count: length), hash: hash) {
                    body(UnsafeBufferPointer(start: word, count: length), hasNonASCII)
                }
                length = 0
                hash = hashStart
                hasNonASCII = false
            }
            i += 1
        }
        if length > 1, seen.insert(UnsafeBufferPointer(start: word, count: length), hash: hash) {
            body(UnsafeBufferPointer(start: word, count: length), hasNonASCII)
        }
    }
}
