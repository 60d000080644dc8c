/// A statement of a parsed template: text, an output, or a tag with its body.
///
/// Text, outputs, loops and macros are stored inline (expressions hold their parts in classes),
/// the other tags boxed (`indirect`), so that copying any node costs at most one or two retains.
enum TemplateNode: Sendable {
    /// Text between tags that is all ASCII: where its bytes are in the program's `text` (see
    /// `TemplateOutput`). Two integers rather than an array, so that rendering a text node retains
    /// and releases nothing; a node is only rendered with the program it was parsed into.
    case text(start: Int, count: Int)
    /// Text between tags with other characters: appended as a string, which needs no validation.
    case unicodeText(String)
    // The hot statements hold their parts without counting references (see `TemplatePart`).
    case output(TemplatePart<TemplateOutputStatement>)
    case ifBlock(TemplatePart<TemplateIfBlock>)
    case forLoop(TemplatePart<TemplateForLoop>)
    /// `{% set a, b = value %}`
    case set(TemplatePart<TemplateSetStatement>)
    /// `{% set a %}…{% endset %}`
    indirect case setBlock(String, [TemplateNode], offset: Int)
    case macro(TemplateMacro)
    /// `{% call(args) macro(…) %}body{% endcall %}`: the call, with `caller` bound to the body.
    indirect case callBlock(TemplateMacro, TemplateExpression, offset: Int)
    /// `{% import "x" as name %}`
    indirect case importAll(TemplateExpression, alias: String, withContext: Bool, offset: Int)
    /// `{% from "x" import a, b as c %}`
    case importNames(TemplatePart<TemplateImportNames>)
    indirect case include(TemplateExpression, ignoreMissing: Bool, offset: Int)
    indirect case extends(TemplateExpression, offset: Int)
    case block(TemplatePart<TemplateBlockStatement>)
    indirect case filterBlock(String, [TemplateExpression], [(String, TemplateExpression)], [TemplateNode], offset: Int)
    indirect case switchBlock(TemplateExpression, cases: [(value: TemplateExpression, body: [TemplateNode])], otherwise: [TemplateNode]?)
}

/// A `{% for %}` loop.
final class TemplateForLoop: Sendable {
    let names: [TemplateKey]
    let iterable: TemplateExpression
    let body: [TemplateNode]
    let otherwise: [TemplateNode]?
    let offset: Int
    /// The names an iteration may bind: the loop's own and those its body sets (the capacity of
    /// the loop's frame).
    let frameCapacity: Int

    init(names: [TemplateKey], iterable: TemplateExpression, body: [TemplateNode], otherwise: [TemplateNode]?, offset: Int) {
        self.names = names
        self.iterable = iterable
        self.body = body
        self.otherwise = otherwise
        self.offset = offset
        self.frameCapacity = names.count + TemplateProgram.bindingCount(body) + TemplateProgram.bindingCount(otherwise ?? [])
    }
}

/// A `{% macro %}` (or the anonymous body of a `{% call %}`). A class: bindings and calls share
/// one instance instead of copying its parts.
final class TemplateMacro: Sendable {
    let name: String
    /// `name`, hashed once: a macro is bound to its name on every render that defines it.
    let key: TemplateKey
    let parameters: [(name: String, defaultValue: TemplateExpression?)]
    let body: [TemplateNode]
    let offset: Int
    /// The parameters' names with their hashes, bound on every call.
    let parameterKeys: [TemplateKey]
    /// Set when the body's output depends only on the arguments (and the filters it names): its
    /// calls may then be remembered (see `TemplateMacroPurity`).
    let purity: TemplateMacroPurity?
    /// The names a call may bind: its parameters, `caller`, and what its body sets (the capacity of
    /// a call's frame).
    let frameCapacity: Int

    init(name: String, parameters: [(name: String, defaultValue: TemplateExpression?)], body: [TemplateNode], offset: Int) {
        self.name = name
        self.key = TemplateKey(name)
        self.parameters = parameters
        self.body = body
        self.offset = offset
        self.parameterKeys = parameters.map { TemplateKey($0.name) }
        self.purity = TemplateMacroPurity.analyse(parameters: parameters, body: body)
        self.frameCapacity = parameters.count + 1 + TemplateProgram.bindingCount(body)
    }
}
