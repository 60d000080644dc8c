/// The parts of `value | name(a, key=b)`: a class, so that walking the tree borrows them instead of copying
/// (an `indirect` enum case retains and releases its payload on every evaluation).
final class TemplateFilterExpression: Sendable {
    let key: TemplateKey
    let input: TemplateExpression
    let positional: [TemplateExpression]
    let keyword: [(String, TemplateExpression)]
    let offset: Int
    /// The filter table of the environment that parsed it, and the filter's position there: a
    /// render with that table (nearly every one) takes the filter by position instead of finding
    /// its name. The table is kept, so that its identity cannot be another table's.
    let table: TemplateFilterTable?
    let position: Int

    init(key: TemplateKey, input: TemplateExpression, positional: [TemplateExpression], keyword: [(String, TemplateExpression)], offset: Int, filters: TemplateFilterTable? = nil) {
        self.key = key
        self.input = input
        self.positional = positional
        self.keyword = keyword
        self.offset = offset
        let position = filters?.position(of: key)
        self.table = position == nil ? nil : filters
        self.position = position ?? 0
    }
}
