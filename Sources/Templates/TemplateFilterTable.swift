/// The filters of an environment, found by the hash a filter's name got when the template was
/// parsed (see `TemplateKey`) rather than by hashing the name again on every application.
/// Immutable, so every render on every thread shares one.
final class TemplateFilterTable: Sendable {
    /// A filter as it was registered. In a struct, a closure is kept as it was made: one kept as
    /// a dictionary's or an array's element is kept in a general form, and every call then goes
    /// through a thunk that converts its arguments and result.
    struct Body: Sendable {
        let apply: TemplateFilter
    }

    private let names: [String]
    private let hashes: [Int]
    private let filters: [Body]
    /// Whether each filter is pure: its result depends only on its value and arguments.
    private let pure: [Bool]
    /// An open-addressing table of positions + 1 (0: empty), at most half full.
    private let slots: [Int32]

    init(_ dictionary: [String: Body], pure pureNames: Set<String> = []) {
        let entries = dictionary.sorted { $0.key < $1.key }
        names = entries.map(\.key)
        hashes = names.map(TemplateKey.hash)
        filters = entries.map(\.value)
        pure = names.map(pureNames.contains)
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (position, hash) in hashes.enumerated() {
            var slot = hash & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position + 1)
        }
        self.slots = slots
    }

    func filter(_ key: TemplateKey) -> TemplateFilter? {
        position(key).map { filters[$0].apply }
    }

    /// The position of a filter, for `apply(at:_:_:)`; nil when there is no such filter.
    func position(of key: TemplateKey) -> Int? {
        position(key)
    }

    /// Applies the filter at `position` where the table keeps it, without copying the closure out
    /// (a retain and a release on every application).
    func apply(at position: Int, _ value: TemplateValue, _ arguments: TemplateArguments) throws -> TemplateValue {
        try filters.withUnsafeBufferPointer { filters in try filters[position].apply(value, arguments) }
    }

    /// Whether the filter exists and was registered as pure.
    func isPure(_ key: TemplateKey) -> Bool {
        position(key).map { pure[$0] } ?? false
    }

    private func position(_ key: TemplateKey) -> Int? {
        let mask = slots.count - 1
        var slot = key.hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if hashes[entry - 1] == key.hash, names[entry - 1] == key.name { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }
}
