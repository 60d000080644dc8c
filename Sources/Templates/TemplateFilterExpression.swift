/// The parts of `value | name(a, key=b)`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateFilterExpression: Sendable {
    let key: TemplateKey
    let input: TemplateExpression
    let positional: [TemplateExpression]
    let keyword: [(String, TemplateExpression)]
    let offset: Int

    init(key: TemplateKey, input: TemplateExpression, positional: [TemplateExpression], keyword: [(String, TemplateExpression)], offset: Int) {
        self.key = key
        self.input = input
        self.positional = positional
        self.keyword = keyword
        self.offset = offset
    }
}
