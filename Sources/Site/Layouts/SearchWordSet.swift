import Foundation

/// The words of one page already seen by the search index's tokenizer: each word is a range of
/// one text that the caller owns and keeps unchanged while the set is used (the tokenizer's buffer
/// of lowered words), with an open-addressing table over them. A page has hundreds of words, and a
/// set of arrays allocated and hashed one per word was most of the index's cost.
///
/// The table and the words' records are memory the set owns (it cannot be copied, and frees them
/// when it ends): an array checks that it is not shared, and has room, at every insertion. A
/// word's 64-bit hash is compared first, and its bytes only when the hashes are equal.
struct SearchWordSet: ~Copyable {
    private struct Word {
        var start: Int
        var count: Int
        var hash: UInt64
    }

    private var words: UnsafeMutablePointer<Word>
    private var count = 0
    /// Positions + 1 in `words` (0: empty), `slotCount` long (a power of two), at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount: Int

    /// A set with room for about `expectedWords` words before its table grows.
    init(expectedWords: Int = 32) {
        var size = 64
        while size < expectedWords * 2 { size *= 2 }
        slotCount = size
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        words = .allocate(capacity: size / 2)
    }

    deinit {
        slots.deallocate()
        words.deallocate()
    }

    /// The hash of a word as `insert` needs it: its bytes eight at a time (the last few padded
    /// with zeros), mixed with its length.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return mix(0, 0) }
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = mix(hash, UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self).littleEndian)
            offset += 8
        }
        if offset < bytes.count {
            var last: UInt64 = 0
            for k in offset..<bytes.count { last |= UInt64(bytes[k]) << (8 * UInt64(k - offset)) }
            hash = mix(hash, last)
        }
        return hash ^ (hash >> 32)
    }

    /// `hash(_:)` of the `count` bytes at `start`, where at least 8 bytes past the word may be read
    /// (the tokenizer's buffer has that room): the last chunk is read whole and masked.
    static func hash(paddedWordAt start: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var hash = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= count {
            hash = mix(hash, UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self).littleEndian)
            offset += 8
        }
        let rest = count - offset
        if rest > 0 {
            let chunk = UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self).littleEndian
            hash = mix(hash, chunk & (UInt64.max >> (64 - 8 * UInt64(rest))))
        }
        return hash ^ (hash >> 32)
    }

    private static func mix(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        let mixed = (hash ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 29)
    }

    /// Adds the word of `count` bytes at `start` in `text`, whose hash (see `hash(_:)`) is `hash`;
    /// false when an equal word was there already. `padded`: at least eight bytes after every word
    /// of `text` may be read (the tokenizer's buffer), so a word of up to eight bytes is compared
    /// as one masked load rather than by a call.
    mutating func insert(at start: Int, count wordCount: Int, hash: UInt64, in text: UnsafePointer<UInt8>, padded: Bool = false) -> Bool {
        let mask = slotCount - 1
        let short = padded && wordCount <= 8
        let shortMask = short ? UInt64.max >> (64 - 8 * UInt64(wordCount)) : 0
        let chunk = short ? UnsafeRawPointer(text + start).loadUnaligned(as: UInt64.self) : 0
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = words[Int(slots[slot]) - 1]
            if entry.hash == hash, entry.count == wordCount {
                if short {
                    if (UnsafeRawPointer(text + entry.start).loadUnaligned(as: UInt64.self) ^ chunk) & shortMask == 0 { return false }
                } else if memcmp(text + entry.start, text + start, wordCount) == 0 {
                    return false
                }
            }
            slot = (slot + 1) & mask
        }
        (words + count).initialize(to: Word(start: start, count: wordCount, hash: hash))
        slots[slot] = Int32(truncatingIfNeeded: count + 1)
        count += 1
        if count * 2 >= slotCount { grow() }
        return true
    }

    /// Twice the slots (and room for twice the words), the words placed again by their hashes.
    private mutating func grow() {
        let size = slotCount * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        slotCount = size
        let moved = UnsafeMutablePointer<Word>.allocate(capacity: size / 2)
        moved.moveInitialize(from: words, count: count)
        words.deallocate()
        words = moved
        let mask = size - 1
        for position in 0..<count {
            var slot = Int(truncatingIfNeeded: words[position].hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: position + 1)
        }
    }
}
