/// Rendering of the plugin blocks and inlines: footnotes, definition lists, alerts, callouts,
/// figures and the table of contents.
extension HTMLRenderer {
    mutating func enterPluginBlock(_ node: Int) -> Bool {
        let g = govuk != nil
        switch tree[node].kind {
        case .footnoteReference(_, let number, let sub):
            let id = sub > 0 ? "fnref\(number):\(sub)" : "fnref\(number)"
            let text = sub > 0 ? "[\(number):\(sub)]" : "[\(number)]"
            lit("<sup class=\"footnote-ref\"><a href=\"#fn\(number)\" id=\"\(id)\"")
            if g { lit(" class=\"govuk-link\"") }
            lit(">\(text)</a></sup>")
            return false
        case .footnoteBlock:
            cr()
            lit("<hr class=\"footnotes-sep\"")
            lit(voidEnd)
            lit("\n<section class=\"footnotes\">\n<ol class=\"footnotes-list\">\n")
        case .footnoteDefinition(_, let number):
            lit("<li id=\"fn\(number)\" class=\"footnote-item\">")
            suppressCR = true
        case .abbreviation(let title):
            lit("<abbr title=\"")
            escaped(title)
            lit("\">")
        case .definitionList:
            cr()
            lit("<dl")
            attributes(node, extraClass: g ? "govuk-body" : nil)
            lit(">\n")
        case .definitionTerm:
            lit("<dt")
            attributes(node)
            lit(">")
        case .definitionDescription:
            lit("<dd")
            attributes(node)
            lit(">")
        default:
            return true
        }
        return true
    }

    mutating func exitPluginBlock(_ node: Int) {
        switch tree[node].kind {
        case .footnoteBlock:
            lit("</ol>\n</section>\n")
        case .footnoteDefinition:
            suppressCR = false
            let last = tree[node].lastChild
            var inParagraph = false
            if last != -1, case .paragraph = tree[last].kind { inParagraph = true }
            if !inParagraph { footnoteBackrefs(node) }
            lit("</li>\n")
        case .definitionList:
            cr()
            lit("</dl>\n")
        case .abbreviation:
            lit("</abbr>")
        case .definitionTerm:
            lit("</dt>\n")
        case .definitionDescription:
            lit("</dd>\n")
        default:
            break
        }
    }

    /// ` <a href="#fnref1" class="footnote-backref">↩︎</a>` for each reference to a footnote.
    mutating func footnoteBackrefs(_ definition: Int) {
        guard case .footnoteDefinition(_, let number) = tree[definition].kind else { return }
        let count = Int(tree[definition].attributes.first(where: { $0.name == "data-references" })?.value ?? "1") ?? 1
        for sub in 0..<count {
            let id = sub > 0 ? "fnref\(number):\(sub)" : "fnref\(number)"
            lit(" <a href=\"#\(id)\" class=\"footnote-backref\">\u{21A9}\u{FE0E}</a>")
        }
    }
}
