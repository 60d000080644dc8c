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
    var blocks: [String: [(program: TemplateProgram, body: [TemplateNode])]] = [:]
    /// The context of a cached import (see `TemplateImportCache`): once its template has run, it is
    /// only read, by any number of renders at once.
    let isShared: Bool
    /// Set when a shared context's template imports one whose exports cannot be cached: then
    /// neither can its own.
    var importsUncachedExports = false

    init(_ base: TemplateObject = TemplateObject(), overlay: TemplateObject = TemplateObject(), isShared: Bool = false) {
        self.base = base
        self.overlay = overlay
        self.isShared = isShared
    }

    /// A new context with the same variables (for an include or an import `with context`).
    func copyingVariables() -> TemplateContext {
        TemplateContext(base, overlay: overlay)
    }

    func lookup(_ name: String) -> TemplateValue? {
        lookup(TemplateKey(name))
    }

    func lookup(_ key: TemplateKey) -> TemplateValue? {
        if !overlay.isEmpty, let value = overlay[key] { return value }
        return base[key]
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
        if !exports.contains(name) { exports.append(name) }
    }

    func addBlocks(of program: TemplateProgram) {
        for (name, body) in program.blocks { blocks[name, default: []].append((program, body)) }
    }

    /// The exported names and their values, in the order they were defined.
    var exported: TemplateObject {
        var object = TemplateObject()
        for name in exports { object[name] = lookup(name) ?? .undefined }
        return object
    }
}
