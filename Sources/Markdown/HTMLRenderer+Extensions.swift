/// Rendering of the extension nodes: tables, definition lists, footnotes, alerts, callouts, figures.
extension HTMLRenderer {
    mutating func enterExtension(_ node: Int) -> Bool {
        let g = govuk != nil
        switch tree[node].kind {
        case .table:
            cr()
            lit(g ? "<table tabindex=\"0\"" : "<table")
            attributes(node, extraClass: g ? "govuk-table" : nil)
            lit(">\n")
        case .tableHead:
            lit(g ? "<thead class=\"govuk-table__head\">\n" : "<thead>\n")
        case .tableBody:
            lit(g ? "<tbody class=\"govuk-table__body\">\n" : "<tbody>\n")
        case .tableRow:
            lit("<tr")
            attributes(node, extraClass: g ? "govuk-table__row" : nil)
            lit(">\n")
        case .tableCell(let header, let alignment):
            lit(header ? "<th" : "<td")
            var leading: [MarkdownAttribute] = []
            if alignment != .none { leading.append(MarkdownAttribute(name: "style", value: "text-align:" + alignment.rawValue)) }
            let cellClass = header ? "govuk-table__header" : "govuk-table__cell"
            attributes(node, extraClass: g ? cellClass : nil, leading: leading)
            lit(">")
        default:
            return enterPluginBlock(node)
        }
        return true
    }

    mutating func exitExtension(_ node: Int) {
        switch tree[node].kind {
        case .table: lit("</table>\n")
        case .tableHead: lit("</thead>\n")
        case .tableBody: lit("</tbody>\n")
        case .tableRow: lit("</tr>\n")
        case .tableCell(let header, _): lit(header ? "</th>\n" : "</td>\n")
        default: exitPluginBlock(node)
        }
    }
}
