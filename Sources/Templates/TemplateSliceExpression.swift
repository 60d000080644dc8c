/// The parts of `a[start:stop]`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateSliceExpression: Sendable {
    let base: TemplateExpression
    let start: TemplateExpression?
    let stop: TemplateExpression?
    let offset: Int

    init(base: TemplateExpression, start: TemplateExpression?, stop: TemplateExpression?, offset: Int) {
        self.base = base
        self.start = start
        self.stop = stop
        self.offset = offset
    }
}
