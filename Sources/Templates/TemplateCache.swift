import Foundation

/// Parsed templates by name, shared by the copies of one environment and safe to use from several
/// threads. A name that was not found is remembered too, until `clear()`.
///
/// Every render looks its layouts, includes and imports up here (a post: about twenty names), so
/// names are found by their FNV hash (`TemplateKey`) in an open-addressing table rather than by
/// a dictionary, whose seeded hashing of a long path cost more than the rest of the lookup.
final class TemplateCache: @unchecked Sendable {
    private struct Entry {
        let name: String
        let hash: Int
        let program: TemplateProgram?
    }

    private let lock = NSLock()
    @exclusivity(unchecked) private var entries: [Entry] = []
    /// Positions + 1 in `entries` (0: empty slot), at most half full.
    @exclusivity(unchecked) private var slots = [Int32](repeating: 0, count: 64)

    func lookup(_ key: String) -> TemplateProgram?? {
        let hash = TemplateKey.hash(key)
        lock.lock()
        defer { lock.unlock() }
        guard let position = position(key, hash) else { return nil }
        return .some(entries[position].program)
    }

    func store(_ program: TemplateProgram?, for key: String) {
        let hash = TemplateKey.hash(key)
        lock.lock()
        defer { lock.unlock() }
        if let position = position(key, hash) {
            entries[position] = Entry(name: key, hash: hash, program: program)
            return
        }
        entries.append(Entry(name: key, hash: hash, program: program))
        if entries.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for position in entries.indices { insertSlot(for: position) }
        } else {
            insertSlot(for: entries.count - 1)
        }
    }

    func clear() {
        lock.lock()
        entries.removeAll()
        slots = [Int32](repeating: 0, count: 64)
        lock.unlock()
    }

    /// Called with the lock held.
    private func position(_ key: String, _ hash: Int) -> Int? {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if entries[entry - 1].hash == hash, entries[entry - 1].name == key { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Puts `position` in the first free slot from its hash's. Called with the lock held.
    private func insertSlot(for position: Int) {
        let mask = slots.count - 1
        var slot = entries[position].hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }
}
