import Foundation

/// The words of one page already seen by the search index's tokenizer, kept as bytes in one
/// buffer with an open-addressing table over them: a page has hundreds of words, and a set of
/// arrays allocated and hashed one per word was most of the index's cost.
struct SearchWordSet {
    private var bytes: [UInt8] = []
    /// Each word's start in `bytes`, length and hash.
    private var words: [(start: Int, count: Int, hash: Int)] = []
    /// Positions + 1 in `words` (0: empty), at most half full.
    private var slots: [Int32]

    /// A set with room for about `expectedWords` words before its table grows.
    init(expectedWords: Int = 32) {
        var size = 64
        while size < expectedWords * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        words.reserveCapacity(size / 2)
    }

    /// Adds `word`; false when it was there already.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var hash = SearchTokenizer.hashStart
        for byte in word { hash = (hash ^ UInt64(byte)) &* SearchTokenizer.hashPrime }
        return insert(word, hash: hash)
    }

    /// Adds `word`, whose FNV-1a hash (`SearchTokenizer.hashStart`, `hashPrime`) is `hash`; false
    /// when it was there already.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        let wordHash = Int(bitPattern: UInt(hash))
        let found: Bool = slots.withUnsafeMutableBufferPointer { slots in
            words.withUnsafeBufferPointer { words in
                bytes.withUnsafeBufferPointer { stored in
                    let mask = slots.count - 1
                    var slot = wordHash & mask
                    while slots[slot] != 0 {
                        let entry = words[Int(slots[slot]) - 1]
                        if entry.hash == wordHash, entry.count == word.count {
                            guard let storedBase = stored.baseAddress, let wordBase = word.baseAddress else { return true }
                            if memcmp(storedBase + entry.start, wordBase, word.count) == 0 { return true }
                        }
                        slot = (slot + 1) & mask
                    }
                    slots[slot] = Int32(words.count + 1)
                    return false
                }
            }
        }
        if found { return false }
        words.append((bytes.count, word.count, wordHash))
        bytes.append(contentsOf: word)
        if words.count * 2 > slots.count { grow() }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (position, word) in words.enumerated() {
            var slot = word.hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(position + 1)
        }
    }
}
