/// The parts of `not a`, `-a`, `+a`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateUnaryExpression: Sendable {
    let operand: TemplateExpression
    let offset: Int?

    init(operand: TemplateExpression, offset: Int?) {
        self.operand = operand
        self.offset = offset
    }
}
