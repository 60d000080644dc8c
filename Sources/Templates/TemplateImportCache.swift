import Foundation

/// The exports of imported templates that do not depend on who imports them, by template: a
/// template whose top level only defines macros and imports others without context exports the
/// same macros to every importer that does not pass its context, so it is run once, not on every
/// render. Shared by the copies of an environment that have the same filters and globals, and
/// safe to use from several threads; the exported macros' context is never changed once stored.
///
/// It also remembers which cached template each import statement naming a literal found (by the
/// importing template and the statement's offset), so that a render's imports (a post: a dozen
/// or more) neither hash their names nor go through the template cache again. It is replaced or
/// cleared whenever the template cache is, so that what a name found stays what it finds.
final class TemplateImportCache: @unchecked Sendable {
    private struct Resolution {
        /// Kept so that its identity is never reused while it is a key.
        let importer: TemplateProgram
        let offset: Int
        /// A position in `entries`, which only grows until `clear()`.
        let entry: Int
    }

    private let lock = NSLock()
    /// A site imports a few dozen templates at most: searched by identity, without hashing.
    /// The program is kept with its exports, so that its identity is never reused meanwhile.
    @exclusivity(unchecked) private var entries: [(program: TemplateProgram, exports: TemplateObject)] = []
    @exclusivity(unchecked) private var resolutions: [Resolution] = []
    /// Where each resolution is, from its importer and offset.
    @exclusivity(unchecked) private var slots = TemplateSlotTable()
    /// The template each statement naming a literal loaded (`extends`, `include`, an import with
    /// context), by the statement's template and offset: found again without the template cache.
    @exclusivity(unchecked) private var loaded: [(importer: TemplateProgram, offset: Int, program: TemplateProgram)] = []
    @exclusivity(unchecked) private var loadedSlots = TemplateSlotTable()

    func exports(of program: TemplateProgram) -> TemplateObject? {
        lock.lock()
        defer { lock.unlock() }
        return entryPosition(of: program).map { entries[$0].exports }
    }

    func store(_ exports: TemplateObject, of program: TemplateProgram) {
        lock.lock()
        defer { lock.unlock() }
        if let position = entryPosition(of: program) {
            entries[position].exports = exports
        } else {
            entries.append((program, exports))
        }
    }

    /// The template and cached exports that the import statement at `offset` of `importer` found
    /// before, if they were cached.
    func resolved(_ importer: TemplateProgram, at offset: Int) -> (program: TemplateProgram, exports: TemplateObject)? {
        let hash = Self.hash(importer, offset)
        lock.lock()
        defer { lock.unlock() }
        let position = slots.first(hash: hash) { resolutions[$0].importer === importer && resolutions[$0].offset == offset }
        return position.map { entries[resolutions[$0].entry] }
    }

    /// Remembers that the import statement at `offset` of `importer` found `program`, whose exports
    /// are cached (`store` was called for it).
    func remember(_ importer: TemplateProgram, at offset: Int, found program: TemplateProgram) {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entryPosition(of: program),
              !resolutions.contains(where: { $0.importer === importer && $0.offset == offset }) else { return }
        resolutions.append(Resolution(importer: importer, offset: offset, entry: entry))
        slots.added(count: resolutions.count) { Self.hash(resolutions[$0].importer, resolutions[$0].offset) }
    }

    /// The template that the statement at `offset` of `importer` loaded before, if it was remembered.
    func program(loadedBy importer: TemplateProgram, at offset: Int) -> TemplateProgram? {
        let hash = Self.hash(importer, offset)
        lock.lock()
        defer { lock.unlock() }
        return loadedSlots.first(hash: hash) { loaded[$0].importer === importer && loaded[$0].offset == offset }.map { loaded[$0].program }
    }

    /// Remembers that the statement at `offset` of `importer`, which names a literal, loaded `program`.
    func remember(_ importer: TemplateProgram, at offset: Int, loaded program: TemplateProgram) {
        let hash = Self.hash(importer, offset)
        lock.lock()
        defer { lock.unlock() }
        guard loadedSlots.first(hash: hash, where: { loaded[$0].importer === importer && loaded[$0].offset == offset }) == nil else { return }
        loaded.append((importer, offset, program))
        loadedSlots.added(count: loaded.count) { Self.hash(loaded[$0].importer, loaded[$0].offset) }
    }

    func clear() {
        lock.lock()
        entries.removeAll()
        resolutions.removeAll()
        slots.removeAll()
        loaded.removeAll()
        loadedSlots.removeAll()
        lock.unlock()
    }

    /// Called with the lock held.
    private func entryPosition(of program: TemplateProgram) -> Int? {
        entries.firstIndex { $0.program === program }
    }

    private static func hash(_ importer: TemplateProgram, _ offset: Int) -> Int {
        let identity = Int(bitPattern: UInt(bitPattern: ObjectIdentifier(importer)))
        return ((identity &>> 4) ^ offset) &* 0x9E37_79B9
    }
}
