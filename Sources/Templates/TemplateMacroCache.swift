import Foundation

/// Remembered outputs of pure macros (see `TemplateMacroPurity`), by macro and arguments: the
/// header, footer and skip link of every page are the same calls with the same arguments, and are
/// rendered once per environment instead of once per page.
///
/// Bounded: at most `entriesPerMacro` argument sets per macro and `maximumBytes` of output in all;
/// a macro whose calls rarely repeat (fewer than one in `minimumHitRate` after `trialCalls` calls)
/// is no longer looked up at all. Shared by the copies of an environment that have the same filters
/// (it is replaced with the import cache), and safe to use from several threads.
final class TemplateMacroCache: @unchecked Sendable {
    /// A macro's calls and outputs; a class, so that it is changed in place in the dictionary.
    private final class Record {
        /// Kept so that the macro's identifier is never reused while it is a key.
        let macro: TemplateMacro
        let program: TemplateProgram
        // Unchecked exclusivity: only used with the cache's lock held.
        @exclusivity(unchecked) var isEnabled: Bool
        @exclusivity(unchecked) var calls = 0
        @exclusivity(unchecked) var hits = 0
        /// Few (at most `entriesPerMacro`): searched by hash, in order.
        @exclusivity(unchecked) var entries: [(key: TemplateMemoKey, output: String)] = []
        @exclusivity(unchecked) var bytes = 0

        init(macro: TemplateMacro, program: TemplateProgram, isEnabled: Bool) {
            self.macro = macro
            self.program = program
            self.isEnabled = isEnabled
        }
    }

    /// What a lookup found: a remembered output, a miss to render and `store`, or a macro not
    /// remembered (impure filters, arguments that are not plain data, calls that rarely repeat).
    enum Lookup {
        case hit(String)
        case miss(TemplateMemoKey)
        case notCached
    }

    static let trialCalls = 32
    /// Up to this many remembered calls, arguments are compared before they are hashed.
    static let entriesComparedDirectly = 2
    static let minimumHitRate = 4
    static let entriesPerMacro = 64
    static let maximumBytes = 8 << 20

    private let lock = NSLock()
    /// By macro (a parsed macro is one instance, shared by every render of its template); the
    /// macros of a site's layouts are few, so they are searched by identity, without hashing.
    @exclusivity(unchecked) private var records: [Record] = []
    @exclusivity(unchecked) private var bytes = 0

    /// Looks a call up. `filtersArePure` is asked once per macro, on its first call.
    func lookup(_ macro: TemplateMacro, in program: TemplateProgram, arguments: TemplateArguments, filtersArePure: () -> Bool) -> Lookup {
        lock.lock()
        defer { lock.unlock() }
        let record = self.record(of: macro, in: program, filtersArePure: filtersArePure)
        guard record.isEnabled else { return .notCached }
        // A macro called with one or two sets of arguments (a page's header and footer): they are
        // compared with the remembered ones as they are, without hashing them first.
        let comparesDirectly = record.entries.count <= Self.entriesComparedDirectly
        if comparesDirectly {
            let found: String? = record.entries.withUnsafeBufferPointer { entries in
                for index in entries.indices where entries[index].key.matches(arguments) { return entries[index].output }
                return nil
            }
            if let found {
                record.calls += 1
                record.hits += 1
                return .hit(found)
            }
        }
        record.calls += 1
        // Arguments refused as a key (too large, or not plain data) count as a call that missed:
        // a macro given a list of thousands of posts on every page would otherwise hash up to the
        // size limit on every call, forever, and never be remembered.
        guard let key = TemplateMemoKey(arguments) else {
            disableIfRarelyRepeated(record)
            return .notCached
        }
        let found: String? = comparesDirectly ? nil : record.entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].key.matches(key) { return entries[index].output }
            return nil
        }
        if let found {
            record.hits += 1
            return .hit(found)
        }
        return disableIfRarelyRepeated(record) ? .notCached : .miss(key)
    }

    /// Stops remembering a macro whose calls rarely repeat, once it has had its trial calls;
    /// whether it did. Called with the lock held.
    @discardableResult
    private func disableIfRarelyRepeated(_ record: Record) -> Bool {
        guard record.calls >= Self.trialCalls, record.hits * Self.minimumHitRate < record.calls else { return false }
        record.isEnabled = false
        record.entries = []
        bytes -= record.bytes
        record.bytes = 0
        return true
    }

    /// Whether calls of `macro` are still looked up (for tests): false once it is found to be
    /// impure or its calls rarely repeat.
    func isRemembering(_ macro: TemplateMacro) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return records.first { $0.macro === macro }?.isEnabled ?? false
    }

    /// Remembers the output of a call that `lookup` missed, within the bounds.
    func store(_ output: String, for key: TemplateMemoKey, of macro: TemplateMacro, in program: TemplateProgram) {
        let size = output.utf8.count
        lock.lock()
        defer { lock.unlock() }
        guard let record = records.first(where: { $0.macro === macro }), record.isEnabled,
              record.entries.count < Self.entriesPerMacro, bytes + size <= Self.maximumBytes else { return }
        // Another thread may have stored the same call meanwhile.
        if record.entries.contains(where: { $0.key.matches(key) }) { return }
        record.entries.append((key, output))
        record.bytes += size
        bytes += size
    }

    /// The record of a macro, made on its first call. Called with the lock held.
    private func record(of macro: TemplateMacro, in program: TemplateProgram, filtersArePure: () -> Bool) -> Record {
        for index in records.indices where records[index].macro === macro { return records[index] }
        let record = Record(macro: macro, program: program, isEnabled: filtersArePure())
        records.append(record)
        return record
    }

    func clear() {
        lock.lock()
        records.removeAll()
        bytes = 0
        lock.unlock()
    }
}
