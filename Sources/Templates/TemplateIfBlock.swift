/// An `{% if %}` with its `elif` branches and `else`. A class, so that rendering one borrows its
/// branches instead of copying them out of an indirect node (a retain and release each).
final class TemplateIfBlock: Sendable {
    let branches: [(condition: TemplateExpression, body: [TemplateNode])]
    let otherwise: [TemplateNode]?

    init(branches: [(condition: TemplateExpression, body: [TemplateNode])], otherwise: [TemplateNode]?) {
        self.branches = branches
        self.otherwise = otherwise
    }
}
