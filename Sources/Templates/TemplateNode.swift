/// A statement of a parsed template: text, an output, or a tag with its body.
indirect enum TemplateNode: Sendable {
    case text(String)
    case output(TemplateExpression, offset: Int)
    case ifBlock([(condition: TemplateExpression, body: [TemplateNode])], otherwise: [TemplateNode]?)
    case forLoop(TemplateForLoop)
    /// `{% set a, b = value %}`
    case set([TemplateKey], TemplateExpression, offset: Int)
    /// `{% set a %}…{% endset %}`
    case setBlock(String, [TemplateNode], offset: Int)
    case macro(TemplateMacro)
    /// `{% call(args) macro(…) %}body{% endcall %}`: the call, with `caller` bound to the body.
    case callBlock(TemplateMacro, TemplateExpression, offset: Int)
    /// `{% import "x" as name %}`
    case importAll(TemplateExpression, alias: String, withContext: Bool, offset: Int)
    /// `{% from "x" import a, b as c %}`
    case importNames(TemplateExpression, names: [(name: String, alias: String, offset: Int)], withContext: Bool, offset: Int)
    case include(TemplateExpression, ignoreMissing: Bool, offset: Int)
    case extends(TemplateExpression, offset: Int)
    case block(String, offset: Int)
    case filterBlock(String, [TemplateExpression], [(String, TemplateExpression)], [TemplateNode], offset: Int)
    case switchBlock(TemplateExpression, cases: [(value: TemplateExpression, body: [TemplateNode])], otherwise: [TemplateNode]?)
}

/// A `{% for %}` loop.
struct TemplateForLoop: Sendable {
    var names: [TemplateKey]
    var iterable: TemplateExpression
    var body: [TemplateNode]
    var otherwise: [TemplateNode]?
    var offset: Int
}

/// A `{% macro %}` (or the anonymous body of a `{% call %}`).
struct TemplateMacro: Sendable {
    var name: String
    var parameters: [(name: String, defaultValue: TemplateExpression?)]
    var body: [TemplateNode]
    var offset: Int
    /// The parameters' names with their hashes, bound on every call.
    let parameterKeys: [TemplateKey]
    /// Set when the body's output depends only on the arguments (and the filters it names): its
    /// calls may then be remembered (see `TemplateMacroPurity`).
    let purity: TemplateMacroPurity?

    init(name: String, parameters: [(name: String, defaultValue: TemplateExpression?)], body: [TemplateNode], offset: Int) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.offset = offset
        self.parameterKeys = parameters.map { TemplateKey($0.name) }
        self.purity = TemplateMacroPurity.analyse(parameters: parameters, body: body)
    }
}
