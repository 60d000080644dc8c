/// The search index's word finder over one page's HTML (see `LayoutFilters.searchTokens`): tags and
/// entities skipped, ASCII letters lowered, each word reported once, single characters dropped.
///
/// The scan keeps its state in local variables and the words in one buffer as long as the page,
/// with no closure capturing them: captured variables are boxed and every access to them checked
/// for exclusivity at run time, and an array grown byte by byte checks its capacity at each byte;
/// both cost more than the scan itself over the pages of a whole site. New words stay in the
/// buffer, one after another, and the set of words seen refers to them there rather than keeping
/// copies; each word's hash is computed as its bytes are copied.
struct SearchTokenizer {
    /// The FNV-1a hash of no bytes, and its prime.
    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325
    static let hashPrime: UInt64 = 0x100_0000_01b3

    /// Calls `body` with each new word of `bytes`, as bytes lowered for ASCII letters, and whether it
    /// holds other characters (which `body` lowers).
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        let count = bytes.count
        // A page of n bytes has fewer than n / 2 words of two bytes or more; most have far fewer.
        var seen = SearchWordSet(expectedWords: count / 8)
        // The new words, one after another, then the word being read: never longer than the page.
        let words = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
        defer { words.deallocate() }
        var start = 0, end = 0
        var hash = hashStart
        var hasNonASCII = false
        var inTag = false
        var inEntity = false
        var i = 0
        // One step past the last byte, to finish the last word.
        while i <= count {
            var ends = true
            if i < count {
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
                ends = false
                switch b {
                case 0x3C: ends = true; inTag = true
                case 0x26: ends = true; inEntity = true
                case 0x41...0x5A:
                    words[end] = b + 32; end += 1
                    hash = (hash ^ UInt64(b + 32)) &* hashPrime
                case 0x61...0x7A, 0x30...0x39:
                    words[end] = b; end += 1
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
                    words[end] = b; end += 1; hasNonASCII = true
                    hash = (hash ^ UInt64(b)) &* hashPrime
                default: ends = true
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
