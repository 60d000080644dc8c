/// The parts of `a op b`, and `a and b`, `a or b` (whose operator is not used): a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateBinaryExpression: Sendable {
    let op: TemplateBinaryOperator
    let left: TemplateExpression
    let right: TemplateExpression
    let offset: Int

    init(op: TemplateBinaryOperator, left: TemplateExpression, right: TemplateExpression, offset: Int) {
        self.op = op
        self.left = left
        self.right = right
        self.offset = offset
    }
}
