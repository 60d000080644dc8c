/// `{% set a, b = value %}`. A class, for the reason `TemplateIfBlock` is one.
final class TemplateSetStatement: Sendable {
    let names: [TemplateKey]
    let value: TemplateExpression
    let offset: Int

    init(names: [TemplateKey], value: TemplateExpression, offset: Int) {
        self.names = names
        self.value = value
        self.offset = offset
    }
}
