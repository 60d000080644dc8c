import Foundation

/// The arguments of one call of a pure macro, as a key of `TemplateMacroCache`: two keys are equal
/// only when their values are the same data byte for byte (strings compared as UTF-8, not as
/// canonically equivalent text; numbers by their bits; object keys in order), so that equal keys
/// always render the same output.
///
/// Only plain data makes a key: a function (a macro, `caller`, a cycler) has no such identity.
struct TemplateMemoKey: Sendable {
    let positional: [TemplateValue]
    let keyword: TemplateObject
    let hash: Int

    /// The key of a call's arguments, or nil when they are not plain data or are too large to be
    /// worth comparing (more than `maximumSize` values and string bytes, counted as they are hashed).
    /// The arguments of the calls worth remembering (a page's header, footer, breadcrumbs) are a few
    /// hundred; a call refused for its size (a list of posts, a page with its content) is hashed up
    /// to the limit before it is refused, so the limit is kept near what is needed.
    init?(_ arguments: TemplateArguments, maximumSize: Int = 4_096) {
        var hasher = Hashing(budget: maximumSize)
        for value in arguments.positional {
            guard hasher.add(value, depth: 0) else { return nil }
        }
        hasher.mix(UInt8(0x5f))
        for entry in arguments.keyword.entries {
            hasher.add(entry.hash, count: entry.key.utf8.count)
            guard hasher.add(entry.value, depth: 0) else { return nil }
        }
        positional = arguments.positional
        keyword = arguments.keyword
        hash = hasher.value
    }

    /// Whether a call's arguments are this key's, compared as they are (without hashing them).
    func matches(_ arguments: TemplateArguments) -> Bool {
        guard positional.count == arguments.positional.count, keyword.count == arguments.keyword.count else { return false }
        for index in positional.indices where !Self.same(positional[index], arguments.positional[index], depth: 0) { return false }
        return Self.same(keyword, arguments.keyword, depth: 0)
    }

    func matches(_ other: TemplateMemoKey) -> Bool {
        guard hash == other.hash, positional.count == other.positional.count, keyword.count == other.keyword.count else { return false }
        for index in positional.indices where !Self.same(positional[index], other.positional[index], depth: 0) { return false }
        return Self.same(keyword, other.keyword, depth: 0)
    }

    private static func same(_ a: String, _ b: String) -> Bool {
        // The same representation (one storage, or one small string) is the same bytes: what the
        // header's and footer's arguments mostly are, read from data every page shares.
        if MemoryLayout<String>.size == 16,
           unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return x.count == y.count }
                return memcmp(p, q, x.count) == 0
            }
        }
        if let compared, let result = compared { return result }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Structural, exact equality of plain data (see the type's comment). Nesting is bounded by
    /// the hashing, which refused anything deeper than `Hashing.maximumDepth`.
    private static func same(_ a: TemplateValue, _ b: TemplateValue, depth: Int) -> Bool {
        guard depth < Hashing.maximumDepth else { return false }
        // One value at a time (a switch over a tuple of both would copy them).
        switch a {
        case .undefined: if case .undefined = b { return true }
        case .null: if case .null = b { return true }
        case .bool(let x): if case .bool(let y) = b { return x == y }
        case .number(let x): if case .number(let y) = b { return x.bitPattern == y.bitPattern }
        case .string(let x): if case .string(let y) = b { return same(x, y) }
        case .safe(let x): if case .safe(let y) = b { return same(x, y) }
        case .date(let x): if case .date(let y) = b { return x.timeIntervalSinceReferenceDate.bitPattern == y.timeIntervalSinceReferenceDate.bitPattern }
        case .array(let x):
            guard case .array(let y) = b, x.count == y.count else { return false }
            for index in x.indices where !same(x[index], y[index], depth: depth + 1) { return false }
            return true
        case .object(let x):
            if case .object(let y) = b { return same(x, y, depth: depth + 1) }
        case .function:
            return false
        }
        return false
    }

    private static func same(_ x: TemplateObject, _ y: TemplateObject, depth: Int) -> Bool {
        guard x.count == y.count else { return false }
        if x.sharesStorage(with: y) { return true }
        return x.withEntries { xs in
            y.withEntries { ys in
                for index in xs.indices {
                    guard xs[index].hash == ys[index].hash, same(xs[index].key, ys[index].key),
                          same(xs[index].value, ys[index].value, depth: depth) else { return false }
                }
                return true
            }
        }
    }

    /// FNV-1a over a value's kind and bytes, refusing functions, deep nesting and large values.
    private struct Hashing {
        static let maximumDepth = 32
        var value: Int = Int(bitPattern: 0xcbf2_9ce4_8422_2325)
        var budget: Int

        init(budget: Int) { self.budget = budget }

        mutating func mix(_ byte: UInt8) {
            value = (value ^ Int(byte)) &* 0x100_0000_01b3
        }

        mutating func mix(_ word: UInt64) {
            value = (value ^ Int(bitPattern: UInt(word))) &* 0x100_0000_01b3
        }

        /// An object key, whose hash the object already has.
        mutating func add(_ keyHash: Int, count: Int) {
            budget -= count
            mix(UInt64(count))
            mix(UInt64(bitPattern: Int64(keyHash)))
        }

        /// A string, unless it is longer than what is left of the budget (then it is not hashed).
        mutating func add(_ string: String) -> Bool {
            let count = string.utf8.count
            budget -= count
            guard budget > 0 else { return false }
            mix(UInt64(count))
            mix(UInt64(bitPattern: Int64(TemplateKey.hash(string))))
            return true
        }

        mutating func add(_ item: TemplateValue, depth: Int) -> Bool {
            budget -= 1
            guard budget > 0, depth < Self.maximumDepth else { return false }
            switch item {
            case .undefined: mix(UInt8(1))
            case .null: mix(UInt8(2))
            case .bool(let b): mix(UInt8(b ? 3 : 4))
            case .number(let n): mix(UInt8(5)); mix(n.bitPattern)
            case .string(let s): mix(UInt8(6)); guard add(s) else { return false }
            case .safe(let s): mix(UInt8(7)); guard add(s) else { return false }
            case .date(let d): mix(UInt8(8)); mix(d.timeIntervalSinceReferenceDate.bitPattern)
            case .array(let items):
                mix(UInt8(9)); mix(UInt64(items.count))
                for element in items {
                    guard add(element, depth: depth + 1) else { return false }
                }
            case .object(let object):
                mix(UInt8(10)); mix(UInt64(object.count))
                let complete = object.withEntries { entries in
                    for index in entries.indices {
                        add(entries[index].hash, count: entries[index].key.utf8.count)
                        guard add(entries[index].value, depth: depth + 1) else { return false }
                    }
                    return true
                }
                guard complete else { return false }
            case .function:
                return false
            }
            return budget > 0
        }
    }
}
