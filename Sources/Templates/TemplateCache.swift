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
    /// Where each entry is, from its name's hash.
    @exclusivity(unchecked) private var slots = TemplateSlotTable()

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
        slots.added(count: entries.count) { entries[$0].hash }
    }

    func clear() {
        lock.lock()
        entries.removeAll()
        slots.removeAll()
        lock.unlock()
    }

    /// Called with the lock held.
    private func position(_ key: String, _ hash: Int) -> Int? {
        slots.first(hash: hash) { entries[$0].hash == hash && entries[$0].name == key }
    }
}
