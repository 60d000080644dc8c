/// `{% from "x" import a, b as c %}`. A class, for the reason `TemplateIfBlock` is one.
final class TemplateImportNames: Sendable {
    let template: TemplateExpression
    let names: [(name: TemplateKey, alias: TemplateKey, offset: Int)]
    let withContext: Bool
    let offset: Int

    init(template: TemplateExpression, names: [(name: TemplateKey, alias: TemplateKey, offset: Int)], withContext: Bool, offset: Int) {
        self.template = template
        self.names = names
        self.withContext = withContext
        self.offset = offset
    }
}
