import Templates

/// One item of the document list component (`x-govuk/components/document-list/macro.njk`), written
/// in Swift: the tag pages, section pages and homepage list every post of a site, and the item's
/// template was a tenth of what the layouts cost. The `documentListItem` filter renders it.
///
/// It writes exactly what the item's Nunjucks wrote, through the environment's own filters
/// (`url`, `encodeUrl`, `escape`, `atomDate`, `govukDate`) and its output rules (autoescape), so a
/// list looks the same whichever renders it:
///
///     {% set itemTitle = item.text or item.title or item.data.title %}
///     {% set itemDescription = item.description or item.excerpt or item.data.description %}
///     {% if itemTitle %}<li class="x-govuk-document-list__item">
///     <h{{ level }} class="x-govuk-document-list__item-title govuk-heading-m"><a class="govuk-link"
///       href="{{ (item.href or item.url) | url | encodeUrl }}">{{ itemTitle | escape }}</a></h{{ level }}>
///     {% if itemDescription %}<p class="x-govuk-document-list__item-description govuk-body">{{ itemDescription | escape }}</p>
///     {% endif %}{% if item.date or item.caption %}<ul class="x-govuk-document-list__item-metadata">
///     {% if item.caption %}<li class="x-govuk-document-list__attribute">{{ item.caption | escape }}</li>
///     {% endif %}{% if item.date %}<li class="x-govuk-document-list__attribute"><time datetime="{{ item.date | atomDate }}">{{ item.date | govukDate }}</time></li>
///     {% endif %}</ul>
///     {% endif %}</li>
///     {% endif %}
///
/// (The `href` attribute is on the same line as the link in the output.)
struct DocumentListItem: Sendable {
    let url: TemplateFilter
    let encodeURL: TemplateFilter
    let escape: TemplateFilter
    let atomDate: TemplateFilter
    let govukDate: TemplateFilter
    let autoescape: Bool

    /// The item renderer of an environment that has every filter it uses; nil otherwise.
    init?(environment: TemplateEnvironment) {
        let filters = environment.filters
        guard let url = filters["url"], let encodeURL = filters["encodeUrl"], let escape = filters["escape"],
              let atomDate = filters["atomDate"], let govukDate = filters["govukDate"] else { return nil }
        self.url = url
        self.encodeURL = encodeURL
        self.escape = escape
        self.atomDate = atomDate
        self.govukDate = govukDate
        autoescape = environment.options.autoescape
    }

    /// The item's HTML, headed at `level`; empty for an item without a title.
    func html(_ item: TemplateValue, level: TemplateValue) throws -> String {
        // `a or b or c`, looked up only as far as needed.
        var title = item[member: "text"]
        if !title.isTruthy { title = item[member: "title"] }
        var data: TemplateValue?
        if !title.isTruthy {
            let pageData = item[member: "data"]
            data = pageData
            title = pageData[member: "title"]
        }
        guard title.isTruthy else { return "" }
        var description = item[member: "description"]
        if !description.isTruthy { description = item[member: "excerpt"] }
        if !description.isTruthy { description = (data ?? item[member: "data"])[member: "description"] }
        let date = item[member: "date"]
        let caption = item[member: "caption"]
        let none = TemplateArguments()
        let heading = output(level)
        // Bytes, turned into a string once: appending to a string costs more per piece.
        var out: [UInt8] = []
        out.reserveCapacity(768)
        out += "<li class=\"x-govuk-document-list__item\">\n<h".utf8
        out += heading.utf8
        out += " class=\"x-govuk-document-list__item-title govuk-heading-m\"><a class=\"govuk-link\" href=\"".utf8
        var href = item[member: "href"]
        if !href.isTruthy { href = item[member: "url"] }
        out += try output(encodeURL(url(href, none), none)).utf8
        out += "\">".utf8
        out += try output(escape(title, none)).utf8
        out += "</a></h".utf8
        out += heading.utf8
        out += ">\n".utf8
        if description.isTruthy {
            out += "<p class=\"x-govuk-document-list__item-description govuk-body\">".utf8
            out += try output(escape(description, none)).utf8
            out += "</p>\n".utf8
        }
        if date.isTruthy || caption.isTruthy {
            out += "<ul class=\"x-govuk-document-list__item-metadata\">\n".utf8
            if caption.isTruthy {
                out += "<li class=\"x-govuk-document-list__attribute\">".utf8
                out += try output(escape(caption, none)).utf8
                out += "</li>\n".utf8
            }
            if date.isTruthy {
                out += "<li class=\"x-govuk-document-list__attribute\"><time datetime=\"".utf8
                out += try output(atomDate(date, none)).utf8
                out += "\">".utf8
                out += try output(govukDate(date, none)).utf8
                out += "</time></li>\n".utf8
            }
            out += "</ul>\n".utf8
        }
        out += "</li>\n".utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// What `{{ value }}` writes (as the template renderer does).
    private func output(_ value: TemplateValue) -> String {
        switch value {
        case .undefined, .null: ""
        default: value.rendered(autoescape: autoescape)
        }
    }
}
