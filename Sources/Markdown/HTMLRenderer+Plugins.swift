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
        case .alert(let kind):
            cr()
            let label = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
            if g {
                lit("<div class=\"govuk-inset-text app-inset-text--\(kind.rawValue)\">\n<p class=\"govuk-visually-hidden\">\(label)</p>\n")
            } else {
                lit("<div class=\"markdown-alert markdown-alert-\(kind.rawValue)\">\n<p class=\"markdown-alert-title\">\(label)</p>\n")
            }
        case .callout(let kind):
            cr()
            if kind == "warning" {
                lit("<div role=\"note\" aria-label=\"Warning\" class=\"application-notice help-notice\">\n")
            } else {
                lit("<div role=\"note\" aria-label=\"Information\" class=\"application-notice info-notice\">\n")
            }
        case .figure:
            cr()
            lit("<figure")
            attributes(node, extraClass: g ? "app-figure" : nil)
            lit(">")
        case .figureCaption:
            lit("<figcaption")
            attributes(node, extraClass: g ? "app-figure__caption" : nil)
            lit(">")
        case .tableOfContents:
            cr()
            tableOfContents()
            return false
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
        case .alert, .callout:
            cr()
            lit("</div>\n")
        case .figure:
            lit("</figure>\n")
        case .figureCaption:
            lit("</figcaption>")
        case .definitionTerm:
            lit("</dt>\n")
        case .definitionDescription:
            lit("</dd>\n")
        default:
            break
        }
    }

    /// `[[toc]]`: the level 2 and 3 headings, nested, as the GOV.UK plugin's contents list.
    mutating func tableOfContents() {
        var entries: [(level: Int, id: String, node: Int)] = []
        var stack = [0]
        var order: [Int] = []
        while let node = stack.popLast() {
            order.append(node)
            var child = tree[node].lastChild
            while child != -1 { if tree[child].isBlock { stack.append(child) }; child = tree[child].previous }
        }
        for node in order {
            guard case .heading(let level) = tree[node].kind, level == 2 || level == 3,
                  let id = tree[node].attributes.first(where: { $0.name == "id" })?.value else { continue }
            entries.append((level, id, node))
        }
        let link = govuk != nil ? " class=\"govuk-link\"" : ""
        lit("<nav class=\"app-contents-list\"><h2 class=\"app-contents-list__title\">Contents</h2><ol>")
        var inSub = false
        for (index, entry) in entries.enumerated() {
            if index > 0 {
                let previous = entries[index - 1]
                if entry.level == 3 && previous.level == 2 {
                    lit("<ol>")
                    inSub = true
                } else if entry.level == 2 && inSub {
                    lit("</li></ol></li>")
                    inSub = false
                } else {
                    lit("</li>")
                }
            }
            lit("<li><a\(link) href=\"#")
            escaped(entry.id)
            lit("\">")
            escaped(HeadingAnchors.headingText(entry.node, in: tree))
            lit("</a>")
        }
        if !entries.isEmpty {
            if inSub { lit("</li></ol>") }
            lit("</li>")
        }
        lit("</ol></nav>\n")
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
