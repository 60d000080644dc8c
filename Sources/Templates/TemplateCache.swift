import Foundation

/// Parsed templates by name, shared by the copies of one environment and safe to use from several
/// threads. A name that was not found is remembered too, until `clear()`.
final class TemplateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var programs: [String: TemplateProgram?] = [:]

    func lookup(_ key: String) -> TemplateProgram?? {
        lock.lock()
        defer { lock.unlock() }
        return programs[key]
    }

    func store(_ program: TemplateProgram?, for key: String) {
        lock.lock()
        programs[key] = .some(program)
        lock.unlock()
    }

    func clear() {
        lock.lock()
        programs.removeAll()
        lock.unlock()
    }
}
