import Foundation

/// The exports of imported templates that do not depend on who imports them, by template: a
/// template whose top level only defines macros and imports others without context exports the
/// same macros to every importer that does not pass its context, so it is run once, not on every
/// render. Shared by the copies of an environment that have the same filters and globals, and
/// safe to use from several threads; the exported macros' context is never changed once stored.
///
/// What each statement naming a literal found is remembered by its own template
/// (`TemplateResolutions`), for the cache's current `generation`: it is replaced or cleared whenever
/// the template cache is, so that what a name found stays what it finds.
final class TemplateImportCache: @unchecked Sendable {
    /// One state of the cache: made anew when it is cleared, so that what statements remembered
    /// from before (`TemplateResolutions`) is no longer found. Its identity is never reused while a
    /// statement remembers it.
    final class Generation: Sendable {}

    private let lock = NSLock()
    /// A site imports a few dozen templates at most: searched by identity, without hashing.
    /// The program is kept with its exports, so that its identity is never reused meanwhile.
    @exclusivity(unchecked) private var entries: [(program: TemplateProgram, exports: TemplateObject)] = []
    @exclusivity(unchecked) private var current = Generation()

    /// The current generation: a render reads it once, when it starts.
    var generation: Generation {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

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

    func clear() {
        lock.lock()
        entries.removeAll()
        current = Generation()
        lock.unlock()
    }

    /// Called with the lock held.
    private func entryPosition(of program: TemplateProgram) -> Int? {
        entries.firstIndex { $0.program === program }
    }

}
