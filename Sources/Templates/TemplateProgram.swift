/// A parsed template: its statements, the bodies of its blocks by name, and its source for
/// diagnostics. Immutable, so one instance is shared by every render on every thread.
final class TemplateProgram: Sendable {
    let source: TemplateSource
    let nodes: [TemplateNode]
    let blocks: [String: [TemplateNode]]

    init(source: TemplateSource, nodes: [TemplateNode], blocks: [String: [TemplateNode]]) {
        self.source = source
        self.nodes = nodes
        self.blocks = blocks
    }

    var path: String { source.path }

    static func parse(source text: String, path: String, options: TemplateOptions = TemplateOptions()) throws(TemplateError) -> TemplateProgram {
        let source = TemplateSource(path: path, text: text)
        let tokens = try TemplateLexer.tokenize(source, trimBlocks: options.trimBlocks, lstripBlocks: options.lstripBlocks)
        var parser = TemplateParser(source: source, tokens: tokens)
        let nodes = try parser.parseTemplate()
        return TemplateProgram(source: source, nodes: nodes, blocks: parser.blocks)
    }
}
