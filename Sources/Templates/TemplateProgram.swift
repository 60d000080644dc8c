/// A parsed template: its statements, the bodies of its blocks by name, and its source for
/// diagnostics. Immutable, so one instance is shared by every render on every thread.
final class TemplateProgram: Sendable {
    let source: TemplateSource
    let nodes: [TemplateNode]
    let blocks: [String: [TemplateNode]]
    /// `blocks` with their names hashed, for contexts to collect without hashing strings, and
    /// whether each body binds names (see `bindsNames`).
    let blockList: [(key: TemplateKey, body: [TemplateNode], bindsNames: Bool, frameCapacity: Int)]
    /// Whether importing this template without context always exports the same macros: its top
    /// level only defines macros and imports other templates, named by literal strings, without
    /// context. Such an import is run once and its exports cached (see `TemplateImportCache`).
    let exportsAreContextFree: Bool
    /// Whether its top level only defines macros (and has text, which renders nowhere when it is
    /// imported): importing it `with context` binds its macros to a copy of the importer's context
    /// without rendering it (see `TemplateRenderer.macroExports`).
    let onlyDefinesMacros: Bool
    /// Whether its top level has an `{% extends %}` (the only place one is allowed).
    let extendsAnother: Bool
    /// The names its top level may bind (see `bindingCount`): the capacity of its root frame.
    let topLevelBindings: Int

    /// The bytes of its ASCII text nodes (see `TemplateNode.text`).
    let text: [UInt8]
    /// What its nodes refer to without owning (see `TemplatePart`): kept as long as the program.
    let parts: [any AnyObject & Sendable]
    /// What its statements naming a literal template found (see `TemplateResolutions`).
    let resolutions = TemplateResolutions()

    init(source: TemplateSource, nodes: [TemplateNode], blocks: [String: [TemplateNode]], text: [UInt8] = [], parts: [any AnyObject & Sendable]) {
        self.source = source
        self.parts = parts
        self.text = text
        self.nodes = nodes
        self.blocks = blocks
        self.blockList = blocks.map { (TemplateKey($0.key), $0.value, Self.bindsNames($0.value, depth: 0), Self.bindingCount($0.value)) }
        self.exportsAreContextFree = nodes.allSatisfy(Self.isContextFree)
        self.onlyDefinesMacros = nodes.allSatisfy { node in
            switch node {
            case .text, .unicodeText, .macro: true
            default: false
            }
        }
        self.extendsAnother = nodes.contains { if case .extends = $0 { true } else { false } }
        self.topLevelBindings = Self.bindingCount(nodes)
    }

    private static func isContextFree(_ node: TemplateNode) -> Bool {
        switch node {
        case .text, .unicodeText, .macro:
            return true
        case .importAll(let template, _, let withContext, _):
            guard !withContext, case .literal(.string) = template else { return false }
            return true
        case .importNames(let statement):
            guard !statement.withContext, case .literal(.string) = statement.template else { return false }
            return true
        default:
            return false
        }
    }

    /// Whether rendering these statements can bind a name in their frame: a `set`, an import or a
    /// macro definition, here or in a nested `if`, `for`, `switch` or `filter` body. A block whose
    /// body binds nothing needs no frame of its own. (Anything deeper than the parser allows is
    /// answered yes.)
    static func bindsNames(_ nodes: [TemplateNode], depth: Int) -> Bool {
        guard depth < 400 else { return true }
        for node in nodes {
            switch node {
            case .text, .unicodeText, .output, .include, .extends, .block, .callBlock:
                continue
            case .set, .setBlock, .macro, .importAll, .importNames:
                return true
            case .ifBlock(let block):
                if block.branches.contains(where: { bindsNames($0.body, depth: depth + 1) }) || bindsNames(block.otherwise ?? [], depth: depth + 1) { return true }
            case .forLoop(let loop):
                if bindsNames(loop.body, depth: depth + 1) || bindsNames(loop.otherwise ?? [], depth: depth + 1) { return true }
            case .switchBlock(_, let cases, let otherwise):
                if cases.contains(where: { bindsNames($0.body, depth: depth + 1) }) || bindsNames(otherwise ?? [], depth: depth + 1) { return true }
            case .filterBlock(_, _, _, let body, _):
                if bindsNames(body, depth: depth + 1) { return true }
            }
        }
        return false
    }

    /// How many names rendering these statements may bind in their own frame: `set`s, imports and
    /// macro definitions, here or in a nested `if`, `switch` or `filter` body (a loop or macro body
    /// has a frame of its own). A frame made with this capacity never grows while it renders.
    static func bindingCount(_ nodes: [TemplateNode], depth: Int = 0) -> Int {
        guard depth < 400 else { return 0 }
        var count = 0
        for node in nodes {
            switch node {
            case .text, .unicodeText, .output, .include, .extends, .block, .callBlock, .forLoop:
                continue
            case .set(let statement): count += statement.names.count
            case .setBlock, .macro, .importAll: count += 1
            case .importNames(let statement): count += statement.names.count
            case .ifBlock(let block):
                for branch in block.branches { count += bindingCount(branch.body, depth: depth + 1) }
                count += bindingCount(block.otherwise ?? [], depth: depth + 1)
            case .switchBlock(_, let cases, let otherwise):
                for item in cases { count += bindingCount(item.body, depth: depth + 1) }
                count += bindingCount(otherwise ?? [], depth: depth + 1)
            case .filterBlock(_, _, _, let body, _):
                count += bindingCount(body, depth: depth + 1)
            }
        }
        return count
    }

    var path: String { source.path }

    static func parse(source text: String, path: String, options: TemplateOptions = TemplateOptions(), filters: TemplateFilterTable? = nil) throws(TemplateError) -> TemplateProgram {
        let source = TemplateSource(path: path, text: text)
        let tokens = try TemplateLexer.tokenize(source, trimBlocks: options.trimBlocks, lstripBlocks: options.lstripBlocks)
        var parser = TemplateParser(source: source, tokens: tokens, filters: filters)
        let nodes = try parser.parseTemplate()
        return TemplateProgram(source: source, nodes: nodes, blocks: parser.blocks, text: parser.text, parts: parser.parts)
    }
}
