import Foundation

/// What the statements of one template that name a literal template found: the template, and for a
/// `from … import` without context whose exports are cached, the values it imports, in the order
/// it names them. A page imports a dozen macro files or more: on every render after the first, each
/// statement then binds its values without loading the template, finding its cached exports or
/// looking its names up in them.
///
/// Kept by the template the statements belong to, so that it lives as long as they do (a page
/// parsed from source included); shared by every render of that template, on any thread, behind a
/// lock. Each entry is valid for one generation of one import cache (`TemplateImportCache.Generation`):
/// a copy of the environment with other filters, globals or loader, or a cache cleared since,
/// finds nothing and resolves the statement again.
final class TemplateResolutions: @unchecked Sendable {
    /// What one statement found.
    struct Entry {
        let offset: Int
        let generation: TemplateImportCache.Generation
        let program: TemplateProgram
        /// For a `from … import`: the imported values, as cached (not yet bound to a render).
        let imported: [TemplateValue]?
    }

    private let lock = NSLock()
    /// One entry per statement at most: a template has a few dozen statements naming templates.
    @exclusivity(unchecked) private var entries: [Entry] = []

    /// The template the statement at `offset` found in `generation`, if it was remembered.
    func program(at offset: Int, in generation: TemplateImportCache.Generation) -> TemplateProgram? {
        lock.lock()
        defer { lock.unlock() }
        return entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].offset == offset && entries[index].generation === generation {
                return entries[index].program
            }
            return nil
        }
    }

    /// The values the `from … import` at `offset` imported in `generation`, if they were remembered.
    func imported(at offset: Int, in generation: TemplateImportCache.Generation) -> [TemplateValue]? {
        lock.lock()
        defer { lock.unlock() }
        return entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].offset == offset && entries[index].generation === generation {
                return entries[index].imported
            }
            return nil
        }
    }

    /// Remembers what the statement at `offset` found, in place of what it found before.
    func remember(_ entry: Entry) {
        lock.lock()
        defer { lock.unlock() }
        if let index = entries.firstIndex(where: { $0.offset == entry.offset }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }
}
