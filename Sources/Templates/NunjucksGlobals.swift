import Foundation

/// Nunjucks' global functions: `range`, `cycler` and `joiner`.
enum NunjucksGlobals {
    static func register(in environment: inout TemplateEnvironment) {
        environment.addFunction("range") { arguments in
            var start = 0.0, stop: Double, step = 1.0
            if arguments.positional.count <= 1 {
                stop = arguments.value(at: 0).numberValue
            } else {
                start = arguments.value(at: 0).numberValue
                stop = arguments.value(at: 1).numberValue
                if arguments.positional.count > 2 { step = arguments.value(at: 2).numberValue }
            }
            guard start.isFinite, stop.isFinite, step.isFinite, step != 0 else {
                throw TemplateCallError("range needs finite numbers and a step that is not zero")
            }
            let count = max(0, ((stop - start) / step).rounded(.up))
            guard count <= 1_000_000 else { throw TemplateCallError("range of \(Int(count)) numbers is too long") }
            return .array((0..<Int(count)).map { .number(start + Double($0) * step) })
        }
        environment.addFunction("cycler") { arguments in
            let items = arguments.positional
            let state = CyclerState()
            var object = TemplateObject()
            object["next"] = .function(TemplateFunction(name: "next") { _ in
                guard !items.isEmpty else { return .undefined }
                return items[state.advance(count: items.count)]
            })
            object["reset"] = .function(TemplateFunction(name: "reset") { _ in
                state.reset()
                return .undefined
            })
            return .object(object)
        }
        environment.addFunction("joiner") { arguments in
            let separator = arguments.value(at: 0).isNullish ? "," : arguments.value(at: 0).stringValue
            let state = CyclerState()
            return .function(TemplateFunction(name: "joiner") { _ in
                state.advance(count: Int.max) == 0 ? .string("") : .string(separator)
            })
        }
    }
}

/// The position of a `cycler` or `joiner`: created and used within one render.
final class CyclerState: @unchecked Sendable {
    private let lock = NSLock()
    private var position = -1

    /// Moves to the next position and returns it.
    func advance(count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        position = position + 1 >= count ? 0 : position + 1
        return position
    }

    func reset() {
        lock.lock()
        position = -1
        lock.unlock()
    }
}
