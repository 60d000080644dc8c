/// Where an expression or statement is evaluated: the template it belongs to (for diagnostics),
/// the context, the current frame and, inside a block, which block body is rendering (for `super()`).
struct TemplateScope {
    let program: TemplateProgram
    let context: TemplateContext
    var frame: TemplateFrame
    var block: (name: TemplateKey, index: Int)?

    func error(_ message: String, at offset: Int?) -> TemplateError {
        program.source.error(message, at: offset ?? 0)
    }
}
