/// The search index's word finder over one page's HTML (see `LayoutFilters.searchTokens`): tags and
/// entities skipped, ASCII letters lowered, each word reported once, single characters dropped.
///
/// Its state is a value with mutating methods rather than variables captured by nested functions:
/// captured variables are boxed and every access to them checked for exclusivity at run time, which
/// cost more than the scan itself over the pages of a whole site.
struct SearchTokenizer {
    private var seen = SearchWordSet()
    private var word: [UInt8] = []
    private var hasNonASCII = false
    private var inTag = false
    private var inEntity = false

    init() {
        word.reserveCapacity(64)
    }

    /// Calls `body` with each new word of `bytes`, as bytes lowered for ASCII letters, and whether it
    /// holds other characters (which `body` lowers).
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        var i = 0
        let count = bytes.count
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
            switch b {
            case 0x3C: flush(body); inTag = true
            case 0x26: flush(body); inEntity = true
            case 0x41...0x5A: word.append(b + 32)
            case 0x61...0x7A, 0x30...0x39: word.append(b)
            case 0x27: break // "what's" is one word
            case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80:
                // General punctuation: ’ joins a word like ', the rest (“ ” – — …) separate.
                if bytes[i + 2] != 0x99 { flush(body) }
                i += 3
                continue
            case 0xC2 where i + 1 < count: // Latin-1 symbols and punctuation (£, °, «, no-break space…)
                flush(body)
                i += 2
                continue
            case 0x80...0xFF: word.append(b); hasNonASCII = true
            default: flush(body)
            }
            i += 1
        }
    }

    /// Reports the word being read, if it is new and longer than one byte, and starts the next.
    mutating func flush(_ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        if word.count > 1 {
            let isNew = word.withUnsafeBufferPointer { seen.insert($0) }
            if isNew { word.withUnsafeBufferPointer { body($0, hasNonASCII) } }
        }
        word.removeAll(keepingCapacity: true)
        hasNonASCII = false
    }
}
