/// An open-addressing table of positions in an array kept beside it, found from a hash the owner
/// computes (a name's FNV hash, an importer's identity and offset): the caches a render reads many
/// times (templates by name, import statements) find an entry without `Hasher`'s seeded hashing.
///
/// The owner keeps the entries, appends to them, and tells the table each new position; the table
/// stays at most half full, doubling when it would not.
struct TemplateSlotTable {
    /// Positions + 1 (0: an empty slot); its length is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)

    /// The first position whose slot is reached from `hash` and that `matches`, or nil.
    func first(hash: Int, where matches: (Int) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if matches(entry - 1) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the entry just appended at `count - 1`; `hash` gives any entry's hash, for when the
    /// table doubles and every entry is placed again.
    mutating func added(count: Int, hash: (Int) -> Int) {
        if count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for position in 0..<count { place(position, hash: hash(position)) }
        } else {
            place(count - 1, hash: hash(count - 1))
        }
    }

    /// Empties the table (the owner empties its entries).
    mutating func removeAll() {
        slots = [Int32](repeating: 0, count: 64)
    }

    /// Puts `position` in the first free slot from its hash's.
    private mutating func place(_ position: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }
}
