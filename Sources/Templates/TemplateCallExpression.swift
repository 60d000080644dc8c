/// The parts of `f(a, b, key=c)`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateCallExpression: Sendable {
    let callee: TemplateExpression
    let positional: [TemplateExpression]
    let keyword: [(String, TemplateExpression)]
    let offset: Int

    init(callee: TemplateExpression, positional: [TemplateExpression], keyword: [(String, TemplateExpression)], offset: Int) {
        self.callee = callee
        self.positional = positional
        self.keyword = keyword
        self.offset = offset
    }
}
