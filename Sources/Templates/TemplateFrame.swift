/// One scope of local variables: a template's top level, a loop body, a macro call.
///
/// Frames chain to their parent for reading; writing with `resolveUp` updates the nearest frame
/// that already has the name, stopping at a frame that isolates writes (as Nunjucks' frames do).
/// Frames hold few names, so they are kept in small arrays searched linearly by hash (computed
/// when the template was parsed), which is faster than a dictionary. A frame lives only during one render on one thread (hence unchecked `Sendable`: macros
/// that capture it are values of that render only).
final class TemplateFrame: @unchecked Sendable {
    /// A variable: one array of these is one allocation per frame, where three arrays were three.
    private struct Entry {
        let name: String
        let hash: Int
        var value: TemplateValue
    }

    // Unchecked exclusivity, as in `TemplateObjectStorage`: read on every name lookup. The entries
    // are memory of the frame's own rather than an array, which a lookup would retain and release
    // and check the bounds of on every frame it passes.
    @exclusivity(unchecked) private var entries: UnsafeMutablePointer<Entry>?
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity = 0
    @exclusivity(unchecked) private(set) var parent: TemplateFrame?
    @exclusivity(unchecked) private(set) var isolatesWrites: Bool
    /// The root frame of a template render: its `set`s also go to the context and are exported.
    @exclusivity(unchecked) var isTopLevel: Bool
    /// The position of the `for` loop this frame is the body of: `loop.*` is computed from it.
    @exclusivity(unchecked) var loop: (index: Int, count: Int)?

    init(parent: TemplateFrame? = nil, isolatesWrites: Bool = false, isTopLevel: Bool = false, capacity: Int = 0) {
        self.parent = parent
        self.isolatesWrites = isolatesWrites
        self.isTopLevel = isTopLevel
        if capacity > 0 { reserve(capacity) }
    }

    deinit {
        guard let entries else { return }
        entries.deinitialize(count: count)
        entries.deallocate()
    }

    /// Room for `needed` entries in all.
    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = UnsafeMutablePointer<Entry>.allocate(capacity: needed)
        if let entries {
            grown.moveInitialize(from: entries, count: count)
            entries.deallocate()
        }
        entries = grown
        capacity = needed
    }

    /// Makes a frame that is no longer used (see `TemplateRenderer.spare`) a new one, keeping its
    /// memory: loops and macro calls would otherwise allocate two objects for every frame.
    func reuse(parent: TemplateFrame?, isolatesWrites: Bool, capacity: Int) {
        self.parent = parent
        self.isolatesWrites = isolatesWrites
        reserve(capacity)
    }

    /// Forgets everything the frame holds, before it waits to be reused.
    func clear() {
        entries?.deinitialize(count: count)
        count = 0
        keyBits = (0, 0, 0, 0)
        parent = nil
        isTopLevel = false
        loop = nil
    }

    /// Every name visible from this frame, for suggestions in diagnostics.
    func allNames() -> [String] {
        var all: [String] = []
        var frame: TemplateFrame? = self
        while let current = frame {
            if let entries = current.entries { all += UnsafeBufferPointer(start: entries, count: current.count).map(\.name) }
            frame = current.parent
        }
        return all
    }

    /// Room for `count` more names (those of a parent template's top level, rendered in this frame).
    func reserveCapacity(adding count: Int) {
        if count > 0 { reserve(self.count + count) }
    }

    func push(isolatesWrites: Bool = false, capacity: Int = 0) -> TemplateFrame {
        TemplateFrame(parent: self, isolatesWrites: isolatesWrites, capacity: capacity)
    }

    /// One bit per name of 256, chosen by the top eight bits of its hash: a frame whose bit for a
    /// name is clear does not have it, so that looking up a name of the context (`page`, `options`)
    /// passes each frame of the chain with one test. A layout's top-level frame holds thirty names
    /// or more (imports, `set`s): with 64 bits, four lookups in ten of a name it does not have
    /// found its bit set and scanned every entry.
    @exclusivity(unchecked) private var keyBits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Whether the bit of `hash` is set.
    @inline(__always)
    private func mayHave(_ hash: Int) -> Bool {
        let top = UInt64(UInt(bitPattern: hash)) &>> 56
        let bit: UInt64 = 1 &<< (top & 63)
        switch top &>> 6 {
        case 0: return keyBits.0 & bit != 0
        case 1: return keyBits.1 & bit != 0
        case 2: return keyBits.2 & bit != 0
        default: return keyBits.3 & bit != 0
        }
    }

    /// Sets the bit of `hash`.
    @inline(__always)
    private func addBit(_ hash: Int) {
        let top = UInt64(UInt(bitPattern: hash)) &>> 56
        let bit: UInt64 = 1 &<< (top & 63)
        switch top &>> 6 {
        case 0: keyBits.0 |= bit
        case 1: keyBits.1 |= bit
        case 2: keyBits.2 |= bit
        default: keyBits.3 |= bit
        }
    }

    /// Where the entry of a name is (an index below `count`, so `entries` is not nil), or nil.
    @inline(__always)
    private func find(_ name: String, _ hash: Int) -> Int? {
        if !mayHave(hash) { return nil }
        guard let entries else { return nil }
        for index in 0..<count where entries[index].hash == hash && entries[index].name == name { return index }
        return nil
    }

    /// The entry at an index `find` gave.
    @inline(__always)
    private func entry(_ index: Int) -> UnsafeMutablePointer<Entry> {
        entries.unsafelyUnwrapped + index
    }

    func lookup(_ name: String) -> TemplateValue? {
        lookup(TemplateKey(name))
    }

    func lookup(_ key: TemplateKey) -> TemplateValue? {
        let isLoop = key.isLoop
        // Parents are kept alive by their children, and this frame by the caller: walking the chain
        // needs no reference counting.
        var current = Unmanaged.passUnretained(self)
        while true {
            let step: (value: TemplateValue?, parent: Unmanaged<TemplateFrame>?) = current._withUnsafeGuaranteedRef { frame in
                if let index = frame.find(key.name, key.hash) { return (frame.entry(index).pointee.value, nil) }
                if isLoop, let loop = frame.loop { return (.object(Self.loopObject(loop)), nil) }
                return (nil, frame.parent.map(Unmanaged.passUnretained))
            }
            if let value = step.value { return value }
            guard let parent = step.parent else { return nil }
            current = parent
        }
    }

    /// Whether the variable `key` is truthy, read where it is stored; nil when no frame has it (the
    /// caller then asks the context). Not for `loop`.
    func isTruthy(_ key: TemplateKey) -> Bool? {
        var current = Unmanaged.passUnretained(self)
        while true {
            let step: (truthy: Bool?, parent: Unmanaged<TemplateFrame>?) = current._withUnsafeGuaranteedRef { frame in
                if let index = frame.find(key.name, key.hash) {
                    return (frame.entry(index).pointee.value.isTruthy, nil)
                }
                return (nil, frame.parent.map(Unmanaged.passUnretained))
            }
            if let truthy = step.truthy { return truthy }
            guard let parent = step.parent else { return nil }
            current = parent
        }
    }

    /// `key.member`, read where the variable is stored rather than from a copy of it; nil when no
    /// frame has `key` (the caller then looks in the context). Not for `loop`, which `lookup` builds.
    func lookupMember(_ key: TemplateKey, _ member: TemplateKey) -> TemplateValue? {
        var current = Unmanaged.passUnretained(self)
        while true {
            let step: (value: TemplateValue?, parent: Unmanaged<TemplateFrame>?) = current._withUnsafeGuaranteedRef { frame in
                if let index = frame.find(key.name, key.hash) {
                    return (frame.entry(index).pointee.value.member(member), nil)
                }
                return (nil, frame.parent.map(Unmanaged.passUnretained))
            }
            if let value = step.value { return value }
            guard let parent = step.parent else { return nil }
            current = parent
        }
    }

    /// `key.member.then`, read where the variable is stored (see `lookupMember(_:_:)`).
    func lookupMember(_ key: TemplateKey, _ member: TemplateKey, _ then: TemplateKey) -> TemplateValue? {
        var current = Unmanaged.passUnretained(self)
        while true {
            let step: (value: TemplateValue?, parent: Unmanaged<TemplateFrame>?) = current._withUnsafeGuaranteedRef { frame in
                if let index = frame.find(key.name, key.hash) {
                    return (frame.entry(index).pointee.value.member(member, then), nil)
                }
                return (nil, frame.parent.map(Unmanaged.passUnretained))
            }
            if let value = step.value { return value }
            guard let parent = step.parent else { return nil }
            current = parent
        }
    }

    /// `loop.<field>` without building the whole `loop` object; nil when `loop` is not a loop's.
    func loopField(_ field: String) -> TemplateValue? {
        let hash = TemplateKey.loopHash
        unowned(unsafe) var current = self
        while true {
            if current.find("loop", hash) != nil { return nil }
            if let loop = current.loop { return Self.loopField(field, loop) }
            guard let parent = current.parent else { return nil }
            current = parent
        }
    }

    private static func loopField(_ field: String, _ loop: (index: Int, count: Int)) -> TemplateValue {
        switch field {
        case "index": .number(Double(loop.index + 1))
        case "index0": .number(Double(loop.index))
        case "revindex": .number(Double(loop.count - loop.index))
        case "revindex0": .number(Double(loop.count - loop.index - 1))
        case "first": .bool(loop.index == 0)
        case "last": .bool(loop.index == loop.count - 1)
        case "length": .number(Double(loop.count))
        default: .undefined
        }
    }

    private static func loopObject(_ loop: (index: Int, count: Int)) -> TemplateObject {
        var object = TemplateObject()
        for field in ["index", "index0", "revindex", "revindex0", "first", "last", "length"] {
            object[field] = loopField(field, loop)
        }
        return object
    }

    func set(_ name: String, _ value: TemplateValue, resolveUp: Bool = false) {
        set(TemplateKey(name), value, resolveUp: resolveUp)
    }

    func set(_ key: TemplateKey, _ value: consuming TemplateValue, resolveUp: Bool = false) {
        let name = key.name, hash = key.hash
        if let index = find(name, hash) {
            entry(index).pointee.value = value
            return
        }
        // `resolveUp`: the nearest frame that has the name, up to one that isolates writes; the
        // chain is walked without reference counting, as `lookup` walks it.
        if resolveUp, !isolatesWrites, let parent {
            var current = Unmanaged.passUnretained(parent)
            while true {
                let step: (done: Bool, parent: Unmanaged<TemplateFrame>?) = current._withUnsafeGuaranteedRef { frame in
                    if let index = frame.find(name, hash) {
                        frame.entry(index).pointee.value = value
                        return (true, nil)
                    }
                    if frame.isolatesWrites { return (false, nil) }
                    return (false, frame.parent.map(Unmanaged.passUnretained))
                }
                if step.done { return }
                guard let next = step.parent else { break }
                current = next
            }
        }
        if count == capacity { reserve(max(4, 2 * capacity)) }
        (entries.unsafelyUnwrapped + count).initialize(to: Entry(name: name, hash: hash, value: value))
        count += 1
        addBit(hash)
    }
}
