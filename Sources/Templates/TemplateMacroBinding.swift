/// A macro as a value: its definition, and the template, context and (for a `caller`) frame it was
/// defined in. The renderer calls a macro through this directly, with its own recursion limits, so
/// that a macro of a cached import can be called by any render on any thread.
final class TemplateMacroBinding: Sendable {
    let macro: TemplateMacro
    let program: TemplateProgram
    let context: TemplateContext
    let definingFrame: TemplateFrame?

    init(macro: TemplateMacro, program: TemplateProgram, context: TemplateContext, definingFrame: TemplateFrame?) {
        self.macro = macro
        self.program = program
        self.context = context
        self.definingFrame = definingFrame
    }
}
