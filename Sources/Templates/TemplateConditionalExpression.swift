/// The parts of `value if condition else otherwise`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateConditionalExpression: Sendable {
    let value: TemplateExpression
    let condition: TemplateExpression
    let otherwise: TemplateExpression?

    init(value: TemplateExpression, condition: TemplateExpression, otherwise: TemplateExpression?) {
        self.value = value
        self.condition = condition
        self.otherwise = otherwise
    }
}
