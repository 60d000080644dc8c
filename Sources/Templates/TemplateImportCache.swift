import Foundation

/// The exports of imported templates that do not depend on who imports them, by template: a
/// template whose top level only defines macros and imports others without context exports the
/// same macros to every importer that does not pass its context, so it is run once, not on every
/// render. Shared by the copies of an environment that have the same filters and globals, and
/// safe to use from several threads; the exported macros' context is never changed once stored.
final class TemplateImportCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [ObjectIdentifier: (program: TemplateProgram, exports: TemplateObject)] = [:]

    func exports(of program: TemplateProgram) -> TemplateObject? {
        lock.lock()
        defer { lock.unlock() }
        return entries[ObjectIdentifier(program)]?.exports
    }

    func store(_ exports: TemplateObject, of program: TemplateProgram) {
        lock.lock()
        // The program is kept with its exports, so that its identifier is never reused meanwhile.
        entries[ObjectIdentifier(program)] = (program, exports)
        lock.unlock()
    }

    func clear() {
        lock.lock()
        entries.removeAll()
        lock.unlock()
    }
}
