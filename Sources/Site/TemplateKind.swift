/// The kinds of template a design history holds, by extension.
enum TemplateKind: String, Sendable, Hashable {
    case markdown, nunjucks, html

    init?(fileName: String) {
        if fileName.hasSuffix(".md") { self = .markdown }
        else if fileName.hasSuffix(".njk") { self = .nunjucks }
        else if fileName.hasSuffix(".html") { self = .html }
        else { return nil }
    }
}
