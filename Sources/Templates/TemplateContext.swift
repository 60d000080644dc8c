/// The variables a template renders with (what Nunjucks calls the context), the names it exports
/// to importers, and the block bodies of an inheritance chain, most derived first. Confined to one
/// render on one thread, like `TemplateFrame`.
final class TemplateContext: @unchecked Sendable {
    var variables: [String: TemplateValue]
    private(set) var exports: [String] = []
    var blocks: [String: [(program: TemplateProgram, body: [TemplateNode])]] = [:]

    init(variables: [String: TemplateValue] = [:]) {
        self.variables = variables
    }

    convenience init(_ object: TemplateObject) {
        var variables: [String: TemplateValue] = [:]
        variables.reserveCapacity(object.count)
        for (key, value) in object.pairs { variables[key] = value }
        self.init(variables: variables)
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
        for name in exports { object[name] = variables[name] ?? .undefined }
        return object
    }
}
