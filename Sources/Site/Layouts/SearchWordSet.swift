import Foundation

/// The words of one page already seen by the search index's tokenizer: each word is a range of
/// one text that the caller owns and keeps unchanged while the set is used (the tokenizer's buffer
/// of lowered words), with an open-addressing table over them. A page has hundreds of words, and a
/// set of arrays allocated and hashed one per word was most of the index's cost.
struct SearchWordSet {
    /// Each word's start in the text, length and hash.
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

    /// The FNV-1a hash of `bytes` (`SearchTokenizer.hashStart`, `hashPrime`), as `insert` needs it.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = SearchTokenizer.hashStart
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* SearchTokenizer.hashPrime }
        return hash
    }

    /// Adds the word of `count` bytes at `start` in `text`, whose hash (see `hash(_:)`) is `hash`;
    /// false when an equal word was there already.
    mutating func insert(at start: Int, count: Int, hash: UInt64, in text: UnsafePointer<UInt8>) -> Bool {
        let wordHash = Int(bitPattern: UInt(hash))
        let position = words.count
        let found: Bool = slots.withUnsafeMutableBufferPointer { slots in
            words.withUnsafeBufferPointer { words in
                let mask = slots.count - 1
                var slot = wordHash & mask
                while slots[slot] != 0 {
                    let entry = words[Int(slots[slot]) - 1]
                    if entry.hash == wordHash, entry.count == count, memcmp(text + entry.start, text + start, count) == 0 { return true }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Int32(position + 1)
                return false
            }
        }
        if found { return false }
        words.append((start, count, wordHash))
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
