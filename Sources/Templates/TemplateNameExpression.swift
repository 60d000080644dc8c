/// A variable's name where an expression reads it. A class, for the reason `TemplateMemberExpression`
/// is one: evaluating a name copied its key out of the enum (a string retained and released).
final class TemplateNameExpression: Sendable {
    let key: TemplateKey
    let offset: Int

    init(key: TemplateKey, offset: Int) {
        self.key = key
        self.offset = offset
    }
}
