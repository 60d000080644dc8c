/// The parts of `a[b]`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateIndexExpression: Sendable {
    let base: TemplateExpression
    let key: TemplateExpression
    let offset: Int

    init(base: TemplateExpression, key: TemplateExpression, offset: Int) {
        self.base = base
        self.key = key
        self.offset = offset
    }
}
