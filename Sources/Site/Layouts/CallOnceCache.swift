import Foundation
import Templates

/// What the `callOnce` filter keeps for one build: the output of a macro for each set of arguments
/// it was called with. The layouts call the header and footer macros with the same arguments on
/// every page (they depend on the site's options only), and rendering them was a tenth of what the
/// layouts cost.
///
/// Only macros imported without context may go through it: such a macro sees its arguments and the
/// environment's globals and filters, nothing of the page. The session empties the cache at the
/// start of every build, since a rebuild may have changed the macro's file.
final class CallOnceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [[UInt8]: TemplateValue] = [:]
    /// Past this many different calls, outputs are no longer kept: the arguments differ per page,
    /// and keeping them would only cost memory.
    private let limit = 256

    /// Forgets every output (a new build).
    func clear() {
        lock.withLock { outputs.removeAll() }
    }

    /// The output of `function` called with `arguments`: kept from an earlier call with equal
    /// arguments, or called now (and kept when the arguments can be told apart exactly).
    func call(_ function: TemplateFunction, _ arguments: TemplateArguments) throws -> TemplateValue {
        guard let key = Self.key(function.name, arguments) else { return try function.call(arguments) }
        if let known = lock.withLock({ outputs[key] }) { return known }
        let output = try function.call(arguments)
        lock.withLock {
            if outputs.count < limit { outputs[key] = output }
        }
        return output
    }

    /// Bytes that are the same for two calls exactly when their arguments are the same value by
    /// value, kind included (a safe string is not a string, undefined is not null); nil when an
    /// argument holds a function or nests deeper than `maximumDepth`.
    static func key(_ name: String, _ arguments: TemplateArguments) -> [UInt8]? {
        var key = KeyWriter()
        key.write(name)
        for value in arguments.positional {
            guard key.write(value, depth: 0) else { return nil }
        }
        key.out.append(0x7C)  // `|`: the keyword arguments follow
        for (name, value) in arguments.keyword.pairs {
            key.write(name)
            guard key.write(value, depth: 0) else { return nil }
        }
        return key.out
    }

    /// How deep arguments may nest and still be kept (the layouts' are three levels deep).
    static let maximumDepth = 16

    /// Writes values as a tag, then for strings their length and bytes, for numbers and dates the
    /// bits of their value, for lists and objects their count and each element; lengths and bits
    /// as eight bytes (the key is bytes, not text, so that no byte is lost to UTF-8 repair).
    private struct KeyWriter {
        var out: [UInt8] = []

        init() {
            out.reserveCapacity(256)
        }

        mutating func write(_ text: String) {
            write(UInt64(text.utf8.count))
            out.append(contentsOf: text.utf8)
        }

        mutating func write(_ bits: UInt64) {
            withUnsafeBytes(of: bits.littleEndian) { out.append(contentsOf: $0) }
        }

        mutating func write(_ value: TemplateValue, depth: Int) -> Bool {
            guard depth <= CallOnceCache.maximumDepth else { return false }
            switch value {
            case .undefined: out.append(0x75)
            case .null: out.append(0x6E)
            case .bool(let b): out.append(b ? 0x74 : 0x66)
            case .number(let n): out.append(0x64); write(n.bitPattern)
            case .string(let s): out.append(0x73); write(s)
            case .safe(let s): out.append(0x68); write(s)
            case .date(let d): out.append(0x44); write(d.timeIntervalSince1970.bitPattern)
            case .array(let items):
                out.append(0x5B)
                write(UInt64(items.count))
                for item in items { guard write(item, depth: depth + 1) else { return false } }
            case .object(let object):
                out.append(0x7B)
                write(UInt64(object.count))
                for (name, item) in object.pairs {
                    write(name)
                    guard write(item, depth: depth + 1) else { return false }
                }
            case .function: return false
            }
            return true
        }
    }
}
