/// The search index's word finder over one page's HTML (see `LayoutFilters.searchTokens`): tags and
/// entities skipped, ASCII letters lowered, each word reported once, single characters dropped.
///
/// The scan keeps its state in local variables and the word in one buffer as long as the page,
/// with no closure capturing them: captured variables are boxed and every access to them checked
/// for exclusivity at run time, and an array grown byte by byte checks its capacity at each byte;
/// both cost more than the scan itself over the pages of a whole site.
struct SearchTokenizer {
    private var seen = SearchWordSet()

    /// Calls `body` with each new word of `bytes`, as bytes lowered for ASCII letters, and whether it
    /// holds other characters (which `body` lowers).
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        var tokenizer = SearchTokenizer()
        let count = bytes.count
        // A word is never longer than the page.
        let word = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
        defer { word.deallocate() }
        var length = 0
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
            case 0x41...0x5A: word[length] = b + 32; length += 1
            case 0x61...0x7A, 0x30...0x39: word[length] = b; length += 1
            case 0x27: break // "what's" is one word
            case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80:
                // General punctuation: ’ joins a word like ', the rest (“ ” – — …) separate.
                ends = bytes[i + 2] != 0x99
                i += 2
            case 0xC2 where i + 1 < count: // Latin-1 symbols and punctuation (£, °, «, no-break space…)
                ends = true
                i += 1
            case 0x80...0xFF: word[length] = b; length += 1; hasNonASCII = true
            default: ends = true
            }
            if ends {
                tokenizer.report(UnsafeBufferPointer(start: word, count: length), hasNonASCII: hasNonASCII, body)
                length = 0
                hasNonASCII = false
            }
            i += 1
        }
        tokenizer.report(UnsafeBufferPointer(start: word, count: length), hasNonASCII: hasNonASCII, body)
    }

    /// Reports a word if it is new and longer than one byte.
    private mutating func report(_ word: UnsafeBufferPointer<UInt8>, hasNonASCII: Bool, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        if word.count > 1, seen.insert(word) { body(word, hasNonASCII) }
    }
}
