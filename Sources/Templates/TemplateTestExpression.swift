/// The parts of `value is [not] name(a)`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateTestExpression: Sendable {
    let name: String
    let input: TemplateExpression
    let arguments: [TemplateExpression]
    let negated: Bool
    let offset: Int

    init(name: String, input: TemplateExpression, arguments: [TemplateExpression], negated: Bool, offset: Int) {
        self.name = name
        self.input = input
        self.arguments = arguments
        self.negated = negated
        self.offset = offset
    }
}
