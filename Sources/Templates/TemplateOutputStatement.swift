/// `{{ expression }}`. A class, for the reason `TemplateIfBlock` is one: an indirect node's box was
/// retained and released on every render.
final class TemplateOutputStatement: Sendable {
    let expression: TemplateExpression
    let offset: Int

    init(expression: TemplateExpression, offset: Int) {
        self.expression = expression
        self.offset = offset
    }
}
