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
    /// Block names and, for each, its bodies most derived first: few names, searched by hash.
    private var blockNames: [TemplateKey] = []
    private var blockBodies: [[(program: TemplateProgram, body: [TemplateNode], bindsNames: Bool)]] = []
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

    /// `key.member`, read in place (see `TemplateFrame.lookupMember`).
    func lookupMember(_ key: TemplateKey, _ member: TemplateKey) -> TemplateValue? {
        if !overlay.isEmpty, let value = overlay.member(of: key, member) { return value }
        return base.member(of: key, member)
    }

    /// Every variable name, for suggestions in diagnostics.
    func allNames() -> [String] {
        base.keys + overlay.keys
    }

    func set(_ name: String, _ value: TemplateValue) {
        overlay[name] = value
    }

    func set(_ key: TemplateKey, _ value: TemplateValue) {
        overlay[key] = value
    }

    func addExport(_ name: String) {
        if tracksExports, !exports.contains(name) { exports.append(name) }
    }

    func addBlocks(of program: TemplateProgram) {
        for (key, body, bindsNames) in program.blockList {
            if let index = blockNames.firstIndex(where: { $0.hash == key.hash && $0.name == key.name }) {
                blockBodies[index].append((program, body, bindsNames))
            } else {
                blockNames.append(key)
                blockBodies.append([(program, body, bindsNames)])
            }
        }
    }

    /// The bodies of a block, most derived first.
    func blocks(named key: TemplateKey) -> [(program: TemplateProgram, body: [TemplateNode], bindsNames: Bool)]? {
        for index in blockNames.indices where blockNames[index].hash == key.hash && blockNames[index].name == key.name {
            return blockBodies[index]
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
