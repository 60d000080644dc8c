import Foundation

/// A value a template reads, computes or renders: what JavaScript values are to Nunjucks.
///
/// The site's data cascade (YAML, JSON, front matter) is made of these too, so that data reaches
/// a template without conversion.
public enum TemplateValue: Sendable {
    /// A name that is not defined; renders as nothing, and a member of it is undefined too.
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// A string marked safe: never escaped again.
    case safe(String)
    /// A JavaScript `Date`, as Eleventy's `page.date`.
    case date(Date)
    case array([TemplateValue])
    case object(TemplateObject)
    /// A macro, a global function or a `caller`.
    case function(TemplateFunction)
}

/// An object with its keys in insertion order, as JavaScript objects keep them.
///
/// Keys, their hashes and values are kept in one shared storage (one allocation), copied only when
/// a shared object is changed: copying an object (reading it from a variable, passing it to a macro)
/// is one reference count. Small objects (most of them: macro parameters, front
/// matter, `page`) are searched linearly by hash, and larger ones get a hash index once they grow
/// past `indexThreshold` keys.
public struct TemplateObject: Sendable {
    // The storage is `ManagedBuffer`'s subclass, which cannot be declared `Sendable`; it is shared
    // only when it is no longer changed (see `TemplateObjectStorage`).
    nonisolated(unsafe) private var storage: TemplateObjectStorage

    public init() {
        storage = TemplateObjectStorage.empty
    }

    public init(_ pairs: [(String, TemplateValue)]) {
        storage = TemplateObjectStorage.make(capacity: pairs.count)
        for (key, value) in pairs { insert(key, TemplateKey.hash(key), value) }
    }

    /// An empty object with room for `capacity` keys.
    init(capacity: Int) {
        storage = TemplateObjectStorage.make(capacity: capacity)
    }

    /// The keys in insertion order.
    public var keys: [String] { storage.keys }

    public subscript(key: String) -> TemplateValue? {
        get { storage.value(key, TemplateKey.hash(key)) }
        set { set(key, TemplateKey.hash(key), newValue) }
    }

    /// The value of a key whose hash is known (a name in a parsed template).
    subscript(key: TemplateKey) -> TemplateValue? {
        get { storage.value(key.name, key.hash) }
        set { set(key.name, key.hash, newValue) }
    }

    /// Whether `self[key]` is truthy, without copying it out; nil when there is no `key`.
    func isTruthy(_ key: TemplateKey) -> Bool? {
        storage.isTruthy(key.name, key.hash)
    }

    private mutating func set(_ key: String, _ hash: Int, _ newValue: consuming TemplateValue?) {
        // Taken apart once and moved on: binding the optional copied the value twice per call.
        switch consume newValue {
        case .some(let value): insert(key, hash, value)
        case .none: remove(key, hash)
        }
    }

    /// Sets `key` (a name in a parsed template) to `value`, moved into the object rather than copied:
    /// how objects built at render time (object literals, variables set) are filled.
    mutating func insert(_ key: TemplateKey, _ value: consuming TemplateValue) {
        insert(key.name, key.hash, value)
    }

    private mutating func insert(_ key: String, _ hash: Int, _ value: consuming TemplateValue) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(extra: 1)
        } else if storage.isFull, storage.position(key, hash) == nil {
            storage = storage.grown()
        }
        storage.insert(key, hash, value)
    }

    private mutating func remove(_ key: String, _ hash: Int) {
        if !isKnownUniquelyReferenced(&storage) {
            // An object that does not have the key is not changed by removing it.
            if storage.position(key, hash) == nil { return }
            storage = storage.copy(extra: 0)
        }
        storage.remove(key, hash)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.count == 0 }

    /// The values in insertion order (the keys' order).
    var values: [TemplateValue] { storage.values }

    /// The entries in insertion order, without building arrays of keys or values.
    var entries: [TemplateObjectStorage.Entry] { storage.entries }

    /// The entries in insertion order, read in place.
    func withEntries<Result>(_ body: (UnsafeBufferPointer<TemplateObjectStorage.Entry>) throws -> Result) rethrows -> Result {
        try storage.withEntries(body)
    }

    /// `self[key].member`, read in place; nil when there is no `key`.
    func member(of key: TemplateKey, _ member: TemplateKey) -> TemplateValue? {
        storage.member(of: key.name, key.hash, member)
    }

    /// `self[key].member.then`, read in place (`item.data.title`); nil when there is no `key`.
    func member(of key: TemplateKey, _ member: TemplateKey, _ then: TemplateKey) -> TemplateValue? {
        storage.member(of: key.name, key.hash, member, then)
    }

    /// Whether both objects are one storage, hence equal without comparing.
    func sharesStorage(with other: TemplateObject) -> Bool { storage === other.storage }

    /// The pairs in insertion order.
    public var pairs: [(key: String, value: TemplateValue)] {
        storage.withEntries { $0.map { ($0.key, $0.value) } }
    }
}

/// The entries of a `TemplateObject`, kept in the same allocation as the object's header (one
/// allocation per object, where a class holding an array was two). Changed only through an object
/// that holds the one reference to it (copy on write), so a shared storage is never changed and may
/// be read from any thread. It does not grow: an object that needs more room moves its entries to
/// a larger storage.
final class TemplateObjectStorage: ManagedBuffer<TemplateObjectStorage.Header, TemplateObjectStorage.Entry> {
    /// A key, its hash and its value.
    struct Entry {
        let key: String
        let hash: Int
        var value: TemplateValue
    }

    struct Header {
        var count = 0
        /// How many entries fit (at least what was asked for).
        var capacity = 0
        /// Past `indexThreshold` keys, an open-addressing table of positions + 1 (0: empty slot),
        /// found from the key's hash: the hash is already computed, so no `Hasher` is needed.
        var slots: [Int32] = []
        /// One bit per key, chosen by the top six bits of its hash: a key whose bit is clear is not
        /// here, which answers most lookups of absent keys (`item.text or item.title`, a macro's
        /// optional `params.classes`) without scanning the entries.
        var keyBits: UInt64 = 0
    }

    private static let indexThreshold = 8

    /// The storage of every new empty object; never changed, since it is never uniquely referenced.
    nonisolated(unsafe) static let empty = make(capacity: 0)

    /// An empty storage with room for `capacity` entries.
    static func make(capacity: Int) -> TemplateObjectStorage {
        let buffer = create(minimumCapacity: max(capacity, 0)) { _ in Header() }
        let storage = unsafeDowncast(buffer, to: TemplateObjectStorage.self)
        storage.withUnsafeMutablePointerToHeader { $0.pointee.capacity = storage.capacity }
        return storage
    }

    deinit {
        _ = withUnsafeMutablePointers { header, entries in entries.deinitialize(count: header.pointee.count) }
    }

    // Through the pointer: `header` would copy the header out, slots and all.
    var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }
    var isFull: Bool { withUnsafeMutablePointerToHeader { $0.pointee.count == $0.pointee.capacity } }

    /// The entries in insertion order, read in place.
    @inline(__always)
    func withEntries<Result>(_ body: (UnsafeBufferPointer<Entry>) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointers { header, entries in try body(UnsafeBufferPointer(start: entries, count: header.pointee.count)) }
    }

    var entries: [Entry] { withEntries { Array($0) } }
    var keys: [String] { withEntries { $0.map(\.key) } }
    var values: [TemplateValue] { withEntries { $0.map(\.value) } }

    /// A storage with the same entries, as much room as this one and at least `extra` more; this
    /// one is left as it is.
    func copy(extra: Int) -> TemplateObjectStorage {
        let room = withUnsafeMutablePointerToHeader { max($0.pointee.capacity, $0.pointee.count + extra) }
        return transfer(capacity: room, moving: false)
    }

    /// A storage twice as large with this one's entries moved into it; this one is left empty.
    func grown() -> TemplateObjectStorage {
        transfer(capacity: max(4, 2 * count), moving: true)
    }

    /// A new storage with room for `capacity` entries and this one's entries, index and key bits:
    /// copied (this one keeps them) or moved (this one is left empty).
    private func transfer(capacity: Int, moving: Bool) -> TemplateObjectStorage {
        let other = Self.make(capacity: capacity)
        withUnsafeMutablePointers { header, entries in
            other.withUnsafeMutablePointers { otherHeader, otherEntries in
                if moving {
                    otherEntries.moveInitialize(from: entries, count: header.pointee.count)
                } else {
                    otherEntries.initialize(from: entries, count: header.pointee.count)
                }
                otherHeader.pointee.count = header.pointee.count
                otherHeader.pointee.slots = header.pointee.slots
                otherHeader.pointee.keyBits = header.pointee.keyBits
                if moving { header.pointee = Header(capacity: header.pointee.capacity) }
            }
        }
        return other
    }

    @inline(__always)
    private static func bit(_ hash: Int) -> UInt64 {
        1 &<< (UInt64(UInt(bitPattern: hash)) &>> 58)
    }

    func position(_ key: String, _ hash: Int) -> Int? {
        withUnsafeMutablePointers { header, entries in
            if header.pointee.keyBits & Self.bit(hash) == 0 { return nil }
            if header.pointee.slots.isEmpty {
                for position in 0..<header.pointee.count where entries[position].hash == hash && entries[position].key == key { return position }
                return nil
            }
            return header.pointee.slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = hash & mask
                while true {
                    let entry = Int(slots[slot])
                    if entry == 0 { return nil }
                    if entries[entry - 1].hash == hash && entries[entry - 1].key == key { return entry - 1 }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    func member(of key: String, _ hash: Int, _ member: TemplateKey) -> TemplateValue? {
        guard let position = position(key, hash) else { return nil }
        return withEntries { $0[position].value.member(member) }
    }

    func member(of key: String, _ hash: Int, _ member: TemplateKey, _ then: TemplateKey) -> TemplateValue? {
        guard let position = position(key, hash) else { return nil }
        return withEntries { $0[position].value.member(member, then) }
    }

    func value(_ key: String, _ hash: Int) -> TemplateValue? {
        guard let position = position(key, hash) else { return nil }
        return withEntries { $0[position].value }
    }

    /// Whether the value of a key is truthy, read in place; nil when there is no such key.
    func isTruthy(_ key: String, _ hash: Int) -> Bool? {
        guard let position = position(key, hash) else { return nil }
        return withEntries { $0[position].value.isTruthy }
    }

    /// Sets a key; when it is new, there must be room for it (`isFull` is false).
    func insert(_ key: String, _ hash: Int, _ value: consuming TemplateValue) {
        // The pointers stay valid while `self` is alive, which this method's caller guarantees; the
        // value is moved through them, which a closure could not do.
        let entries = withUnsafeMutablePointerToElements { $0 }
        let header = withUnsafeMutablePointerToHeader { $0 }
        if let position = position(key, hash) {
            entries[position].value = value
            return
        }
        let count = header.pointee.count
        precondition(count < header.pointee.capacity, "TemplateObjectStorage: no room for a new key")
        (entries + count).initialize(to: Entry(key: key, hash: hash, value: value))
        header.pointee.count = count + 1
        header.pointee.keyBits |= Self.bit(hash)
        let slotCount = header.pointee.slots.count
        if slotCount == 0 {
            if count + 1 > Self.indexThreshold { rebuildIndex() }
        } else if (count + 1) * 2 > slotCount {
            rebuildIndex()
        } else {
            insertSlot(for: count)
        }
    }

    func remove(_ key: String, _ hash: Int) {
        guard let position = position(key, hash) else { return }
        withUnsafeMutablePointers { header, entries in
            let count = header.pointee.count
            (entries + position).deinitialize(count: 1)
            (entries + position).moveInitialize(from: entries + position + 1, count: count - position - 1)
            header.pointee.count = count - 1
            var bits: UInt64 = 0
            for index in 0..<(count - 1) { bits |= Self.bit(entries[index].hash) }
            header.pointee.keyBits = bits
        }
        if withUnsafeMutablePointerToHeader({ !$0.pointee.slots.isEmpty }) { rebuildIndex() }
    }

    /// Puts `position` in the first free slot from its hash's.
    private func insertSlot(for position: Int) {
        withUnsafeMutablePointers { header, entries in
            let mask = header.pointee.slots.count - 1
            var slot = entries[position].hash & mask
            while header.pointee.slots[slot] != 0 { slot = (slot + 1) & mask }
            header.pointee.slots[slot] = Int32(position + 1)
        }
    }

    /// A table at most half full, so probes stay short.
    private func rebuildIndex() {
        let count = self.count
        var size = 32
        while size < count * 4 { size *= 2 }
        withUnsafeMutablePointerToHeader { $0.pointee.slots = [Int32](repeating: 0, count: size) }
        for position in 0..<count { insertSlot(for: position) }
    }
}

/// A callable value: its body is Swift, whether it came from a macro or a registered global.
///
/// Its parts are kept in one shared box, so that a function is at most two references wide and a
/// `TemplateValue` stays as small as a string.
public struct TemplateFunction: Sendable {
    private let box: TemplateFunctionBox
    /// The render a macro is bound to: `call` renders with it. Kept beside the box, not in it, so
    /// that binding a cached import's macro to a render (a dozen a page) allocates nothing.
    private let renderer: TemplateRenderer?

    public var name: String { box.name }
    public var call: @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue {
        // A macro bound to a render: the closure is made when Swift code asks for it (rarely),
        // rather than with every binding (a dozen imports a page).
        if let renderer, let binding = box.macro {
            return { arguments in try renderer.call(binding, arguments) }
        }
        return box.call
    }
    /// For a macro, what the renderer calls directly (`call` is for Swift code given the macro).
    var macro: TemplateMacroBinding? { box.macro }

    public init(name: String, call: @escaping @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue) {
        box = TemplateFunctionBox(name: name, call: call, macro: nil)
        renderer = nil
    }

    init(macro: TemplateMacroBinding, call: @escaping @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue) {
        box = TemplateFunctionBox(name: macro.macro.name, call: call, macro: macro)
        renderer = nil
    }

    /// A macro that Swift code calls through `renderer` (which counts the recursion).
    init(macro: TemplateMacroBinding, renderer: TemplateRenderer) {
        // Never called: `call` renders through `renderer` instead.
        box = TemplateFunctionBox(name: macro.macro.name, call: { _ in .undefined }, macro: macro)
        self.renderer = renderer
    }

    private init(box: TemplateFunctionBox, renderer: TemplateRenderer?) {
        self.box = box
        self.renderer = renderer
    }

    /// This macro, called through `renderer` when Swift code calls it: the same box, bound to another
    /// render (a cached import's macro, bound to the render that imports it).
    func bound(to renderer: TemplateRenderer) -> TemplateFunction {
        TemplateFunction(box: box, renderer: renderer)
    }

    /// A value with members read when they are asked for, not stored (a `cycler`'s `current` changes
    /// as its `next()` is called): what a JavaScript object with methods that change it is to Nunjucks.
    init(name: String, members: @escaping @Sendable (_ name: String) -> TemplateValue?,
         call: @escaping @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue) {
        box = TemplateFunctionBox(name: name, call: call, macro: nil, members: members)
        renderer = nil
    }

    /// The member `name` of a value made with `members`; nil for any other function.
    func member(_ name: String) -> TemplateValue? { box.members?(name) }
}

/// The immutable parts of a `TemplateFunction`.
final class TemplateFunctionBox: Sendable {
    let name: String
    let call: @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue
    let macro: TemplateMacroBinding?
    let members: (@Sendable (_ name: String) -> TemplateValue?)?

    init(name: String, call: @escaping @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue, macro: TemplateMacroBinding?,
         members: (@Sendable (_ name: String) -> TemplateValue?)? = nil) {
        self.name = name
        self.call = call
        self.macro = macro
        self.members = members
    }
}

/// Positional and keyword arguments of a call or a filter.
public struct TemplateArguments: Sendable {
    public var positional: [TemplateValue]
    public var keyword: TemplateObject

    public init(positional: [TemplateValue] = [], keyword: TemplateObject = TemplateObject()) {
        self.positional = positional
        self.keyword = keyword
    }

    /// The argument at `index`, or the keyword argument `name`, or undefined.
    public func value(at index: Int, named name: String? = nil) -> TemplateValue {
        if index < positional.count { return positional[index] }
        if let name, let value = keyword[name] { return value }
        return .undefined
    }
}

extension TemplateValue {
    /// JavaScript truthiness.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .null: false
        case .bool(let b): b
        case .number(let n): n != 0 && !n.isNaN
        case .string(let s), .safe(let s): !s.isEmpty
        case .date, .array, .object, .function: true
        }
    }

    /// The value as JavaScript's `String(value)` writes it.
    public var stringValue: String {
        switch self {
        case .undefined, .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): Self.format(number: n)
        case .string(let s), .safe(let s): s
        case .date(let d): Self.javaScriptDateString(d)
        case .array(let items): items.map(\.stringValue).joined(separator: ",")
        case .object: "[object Object]"
        case .function(let f): "function \(f.name)"
        }
    }

    /// A number as JavaScript writes it: integers without a decimal point.
    public static func format(number n: Double) -> String {
        if n.isNaN { return "NaN" }
        if n.isInfinite { return n > 0 ? "Infinity" : "-Infinity" }
        if n == n.rounded(), abs(n) < 1e21 {
            if n == 0 { return "0" }
            return abs(n) < 9e15 ? String(Int64(n)) : String(format: "%.0f", n)
        }
        // Swift's shortest representation, with JavaScript's exponent style (1e-7, not 1e-07).
        var text = String(n)
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var exponent = String(text[text.index(after: e)...])
            let sign = exponent.hasPrefix("-") ? "-" : "+"
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
            text = mantissa + "e" + sign + (exponent.isEmpty ? "0" : exponent)
        }
        return text
    }

    /// A member of an object or array, undefined where there is none (see `member(_:)`).
    public subscript(member name: String) -> TemplateValue {
        member(name)
    }
}
