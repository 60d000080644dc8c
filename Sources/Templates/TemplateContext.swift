/// The variables a template renders with (what Nunjucks calls the context), the names it exports
/// to importers, and the block bodies of an inheritance chain, most derived first.
///
/// The caller's data is kept as given and never copied; variables set at a template's top level go
/// into a small overlay (an object: searched by hash, copied only when a copy of the context sets).
/// Confined to one render on one thread, like `TemplateFrame`.
final class TemplateContext: @unchecked Sendable {
    private let base: TemplateObject
    @exclusivity(unchecked) private var overlay: TemplateObject
    private(set) var exports: [String] = []
    /// The templates of the inheritance chain that have blocks, in the order they were entered
    /// (most derived first): their block bodies, a few dozen at most, are searched by hash where
    /// each template keeps them (collecting the entries cost three reference counts each).
    @exclusivity(unchecked) private var blockPrograms: [TemplateProgram] = []
    /// The context of a cached import (see `TemplateImportCache`): once its template has run, it is
    /// only read, by any number of renders at once.
    let isShared: Bool
    /// Whether names set at the top level are recorded as exports: only an import reads them.
    let tracksExports: Bool
    /// Set when a shared context's template imports one whose exports cannot be cached: then
    /// neither can its own.
    var importsUncachedExports = false

    init(_ base: TemplateObject = TemplateObject(), overlay: TemplateObject = TemplateObject(), isShared: Bool = false, tracksExports: Bool = false) {
        self.base = base
        self.overlay = overlay
        self.isShared = isShared
        self.tracksExports = tracksExports
    }

    /// A new context with the same variables (for an include or an import `with context`).
    func copyingVariables(tracksExports: Bool = false) -> TemplateContext {
        TemplateContext(base, overlay: overlay, tracksExports: tracksExports)
    }

    func lookup(_ name: String) -> TemplateValue? {
        lookup(TemplateKey(name))
    }

    func lookup(_ key: TemplateKey) -> TemplateValue? {
        if !overlay.isEmpty, let value = overlay[key] { return value }
        return base[key]
    }

    /// Whether the variable `key` is truthy, read in place; nil when there is no such variable.
    func isTruthy(_ key: TemplateKey) -> Bool? {
        if !overlay.isEmpty, let truthy = overlay.isTruthy(key) { return truthy }
        return base.isTruthy(key)
    }

    /// `key.member`, read in place (see `TemplateFrame.lookupMember`).
    func lookupMember(_ key: TemplateKey, _ member: TemplateKey) -> TemplateValue? {
        if !overlay.isEmpty, let value = overlay.member(of: key, member) { return value }
        return base.member(of: key, member)
    }

    /// `key.member.then`, read in place (see `TemplateFrame.lookupMember(_:_:_:)`).
    func lookupMember(_ key: TemplateKey, _ member: TemplateKey, _ then: TemplateKey) -> TemplateValue? {
        if !overlay.isEmpty, let value = overlay.member(of: key, member, then) { return value }
        return base.member(of: key, member, then)
    }

    /// Every variable name, for suggestions in diagnostics.
    func allNames() -> [String] {
        base.keys + overlay.keys
    }

    func set(_ name: String, _ value: TemplateValue) {
        overlay[name] = value
    }

    func set(_ key: TemplateKey, _ value: TemplateValue) {
        // The first variable a template sets: room for the rest, which usually follow.
        if overlay.isEmpty { overlay = TemplateObject(capacity: 16) }
        overlay.insert(key, value)
    }

    func addExport(_ name: String) {
        if tracksExports, !exports.contains(name) { exports.append(name) }
    }

    func addBlocks(of program: TemplateProgram) {
        if program.blockList.isEmpty { return }
        if blockPrograms.isEmpty { blockPrograms.reserveCapacity(4) }
        blockPrograms.append(program)
    }

    /// The `index`th body of a block, counting from the most derived; nil when there is none.
    func block(named key: TemplateKey, index: Int) -> TemplateBlockEntry? {
        var remaining = index
        for program in blockPrograms {
            let found: TemplateBlockEntry? = program.blockList.withUnsafeBufferPointer { blocks in
                for position in blocks.indices where blocks[position].key.hash == key.hash && blocks[position].key.name == key.name {
                    if remaining == 0 {
                        let block = blocks[position]
                        return TemplateBlockEntry(key: block.key, program: program, body: block.body, bindsNames: block.bindsNames, frameCapacity: block.frameCapacity)
                    }
                    remaining -= 1
                }
                return nil
            }
            if let found { return found }
        }
        return nil
    }

    /// The exported names and their values, in the order they were defined.
    var exported: TemplateObject {
        var object = TemplateObject()
        for name in exports { object[name] = lookup(name) ?? .undefined }
        return object
    }
}
