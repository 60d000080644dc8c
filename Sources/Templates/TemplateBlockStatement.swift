/// `{% block name %}` where it stands in a template: which block to render there (its bodies are
/// the context's, most derived first). A class, for the reason `TemplateIfBlock` is one.
final class TemplateBlockStatement: Sendable {
    let name: TemplateKey
    let offset: Int

    init(name: TemplateKey, offset: Int) {
        self.name = name
        self.offset = offset
    }
}
