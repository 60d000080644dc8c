import Foundation

/// The words of one page already seen by the search index's tokenizer, kept as bytes in one
/// buffer with an open-addressing table over them: a page has hundreds of words, and a set of
/// arrays allocated and hashed one per word was most of the index's cost.
struct SearchWordSet {
    private var bytes: [UInt8] = []
    private var words: [(start: Int, count: Int, hash: Int)] = []
    /// Positions + 1 in `words` (0: empty), at most half full.
    private var slots = [Int32](repeating: 0, count: 64)

    /// Adds `word`; false when it was there already.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let wordHash = Int(bitPattern: UInt(hash))
        let mask = slots.count - 1
        var slot = wordHash & mask
        while slots[slot] != 0 {
            let entry = words[Int(slots[slot]) - 1]
            if entry.hash == wordHash, entry.count == word.count, bytes.withUnsafeBufferPointer({ stored in
                guard let storedBase = stored.baseAddress, let wordBase = word.baseAddress else { return word.isEmpty }
                return memcmp(storedBase + entry.start, wordBase, word.count) == 0
            }) {
                return false
            }
            slot = (slot + 1) & mask
        }
        words.append((bytes.count, word.count, wordHash))
        bytes.append(contentsOf: word)
        slots[slot] = Int32(words.count)
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
