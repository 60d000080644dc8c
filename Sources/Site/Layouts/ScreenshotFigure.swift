import Templates

/// One screenshot of the screenshots component (`screenshots/macro.njk`), written in Swift: a post
/// has several, and their Nunjucks was a quarter of what the page layouts cost. The
/// `screenshotFigure` filter renders it, given the item (from `screenshotGroups`), its id, its file,
/// the heading level and the page's URL, exactly as this Nunjucks did, through the environment's
/// own filters (`imageSize`, `url`, `encodeUrl`, `escape`, `markdown`) and output rules:
///
///     {%- set size = src | imageSize(page.url) -%}
///     {%- set srcUrl = src | url | encodeUrl -%}
///     <figure class="app-screenshots__screenshot" id="{{ itemId }}">
///     <h{{ itemLevel }} class="govuk-heading-m app-screenshots__title"><a class="govuk-link app-link--heading"
///       href="#{{ itemId }}">{{ item.title | escape }}</a></h{{ itemLevel }}>
///     <a class="app-screenshots__link" href="{{ srcUrl }}"><img class="app-screenshots__image" src="{{ srcUrl }}"
///       alt="{{ (item.alt or ('Screenshot of ' ~ item.title)) | escape }}"{% if size %} width="{{ size.width }}"
///       height="{{ size.height }}"{% endif %} loading="lazy"></a>
///     {% if item.caption %}<figcaption class="app-screenshots__caption">{{ item.caption | markdown }}</figcaption>
///     {% endif %}</figure>
///
/// (Lines broken here are one line in the output.)
struct ScreenshotFigure: Sendable {
    let imageSize: TemplateFilter
    let url: TemplateFilter
    let encodeURL: TemplateFilter
    let escape: TemplateFilter
    let markdown: TemplateFilter
    let autoescape: Bool

    /// The figure renderer of an environment that has every filter it uses; nil otherwise.
    init?(environment: TemplateEnvironment) {
        let filters = environment.filters
        guard let imageSize = filters["imageSize"], let url = filters["url"], let encodeURL = filters["encodeUrl"],
              let escape = filters["escape"], let markdown = filters["markdown"] else { return nil }
        self.imageSize = imageSize
        self.url = url
        self.encodeURL = encodeURL
        self.escape = escape
        self.markdown = markdown
        autoescape = environment.options.autoescape
    }

    /// The figure of `item`, without a line break after it.
    func html(_ item: TemplateValue, id: TemplateValue, src: TemplateValue, level: TemplateValue, pageURL: TemplateValue) throws -> String {
        let none = TemplateArguments()
        let size = try imageSize(src, TemplateArguments(positional: [pageURL]))
        let source = output(try encodeURL(url(src, none), none))
        let identifier = output(id)
        let heading = output(level)
        let title = item[member: "title"]
        var alt = item[member: "alt"]
        if !alt.isTruthy { alt = .string("Screenshot of " + title.stringValue) }
        // Bytes, turned into a string once: appending to a string costs more per piece.
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        out += "<figure class=\"app-screenshots__screenshot\" id=\"".utf8
        out += identifier.utf8
        out += "\">\n<h".utf8
        out += heading.utf8
        out += " class=\"govuk-heading-m app-screenshots__title\"><a class=\"govuk-link app-link--heading\" href=\"#".utf8
        out += identifier.utf8
        out += "\">".utf8
        out += output(try escape(title, none)).utf8
        out += "</a></h".utf8
        out += heading.utf8
        out += ">\n<a class=\"app-screenshots__link\" href=\"".utf8
        out += source.utf8
        out += "\"><img class=\"app-screenshots__image\" src=\"".utf8
        out += source.utf8
        out += "\" alt=\"".utf8
        out += output(try escape(alt, none)).utf8
        out += "\"".utf8
        if size.isTruthy {
            out += " width=\"".utf8
            out += output(size[member: "width"]).utf8
            out += "\" height=\"".utf8
            out += output(size[member: "height"]).utf8
            out += "\"".utf8
        }
        out += " loading=\"lazy\"></a>\n".utf8
        let caption = item[member: "caption"]
        if caption.isTruthy {
            out += "<figcaption class=\"app-screenshots__caption\">".utf8
            out += output(try markdown(caption, none)).utf8
            out += "</figcaption>\n".utf8
        }
        out += "</figure>".utf8
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
