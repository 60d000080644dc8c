import Foundation
import Templates

/// Template strings parsed once and shared between threads: a permalink or computed value from a
/// directory data file is the same source for every page under it.
final class ParsedTemplates: @unchecked Sendable {
    private var templates: [String: Template] = [:]
    private let lock = NSLock()

    func template(_ source: String, path: String, environment: TemplateEnvironment) throws(TemplateError) -> Template {
        let key = source
        lock.lock()
        if let cached = templates[key] { lock.unlock(); return cached }
        lock.unlock()
        let template = try environment.parse(source: source, path: path)
        lock.lock()
        templates[key] = template
        lock.unlock()
        return template
    }
}
