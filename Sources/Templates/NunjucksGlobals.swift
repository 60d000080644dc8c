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
            // Nunjucks' cycler is an object whose `current` changes as `next()` and `reset()` are
            // called, so its members are read when asked for.
            let items = arguments.positional
            let state = CyclerState()
            let next = TemplateValue.function(TemplateFunction(name: "next") { _ in
                // With no items, `current` becomes undefined (items[0]), not null, as in Nunjucks.
                let position = state.advance(count: max(items.count, 1))
                return items.indices.contains(position) ? items[position] : .undefined
            })
            let reset = TemplateValue.function(TemplateFunction(name: "reset") { _ in
                state.reset()
                return .undefined
            })
            return .function(TemplateFunction(name: "cycler", members: { name in
                switch name {
                case "next": next
                case "reset": reset
                // null before the first `next()` and after `reset()`, as in Nunjucks.
                case "current": state.current.map { items.indices.contains($0) ? items[$0] : .undefined } ?? .null
                default: nil
                }
            }, call: { _ in throw TemplateCallError("a cycler is not a function: call its next()") }))
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

    /// The position `advance` last gave; nil before it is first called and after `reset()`.
    var current: Int? {
        lock.lock()
        defer { lock.unlock() }
        return position < 0 ? nil : position
    }
}
