import Templates

/// One `<url>` of the XML sitemap (`virtual/sitemap-xml.njk`), written in Swift: the sitemap lists
/// every page of a site, and its loop body was the costliest of the generated pages after the
/// search index. The `sitemapEntry` filter renders it, exactly as this Nunjucks did, through the
/// environment's own filters and output rules:
///
///     {% if item.url %}<url><loc>{{ item.url | url | absoluteUrl(siteUrl) | escape }}</loc>{% if item.date %}<lastmod>{{ (item.data.modified or item.date) | atomDate }}</lastmod>{% endif %}</url>
///     {% endif %}
struct SitemapEntry: Sendable {
    let url: TemplateFilter
    let absoluteURL: TemplateFilter
    let escape: TemplateFilter
    let atomDate: TemplateFilter
    let autoescape: Bool

    /// The entry renderer of an environment that has every filter it uses; nil otherwise.
    init?(environment: TemplateEnvironment) {
        let filters = environment.filters
        guard let url = filters["url"], let absoluteURL = filters["absoluteUrl"], let escape = filters["escape"],
              let atomDate = filters["atomDate"] else { return nil }
        self.url = url
        self.absoluteURL = absoluteURL
        self.escape = escape
        self.atomDate = atomDate
        autoescape = environment.options.autoescape
    }

    /// The entry of a page (a collection item), its URL resolved against `siteURL`; empty for a
    /// page without a URL.
    func xml(_ item: TemplateValue, siteURL: TemplateValue) throws -> String {
        let location = item[member: "url"]
        guard location.isTruthy else { return "" }
        let none = TemplateArguments()
        // Bytes, turned into a string once: appending to a string costs more per piece.
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out += "<url><loc>".utf8
        out += try output(escape(absoluteURL(url(location, none), TemplateArguments(positional: [siteURL])), none)).utf8
        out += "</loc>".utf8
        let date = item[member: "date"]
        if date.isTruthy {
            var modified = item[member: "data"][member: "modified"]
            if !modified.isTruthy { modified = date }
            out += "<lastmod>".utf8
            out += try output(atomDate(modified, none)).utf8
            out += "</lastmod>".utf8
        }
        out += "</url>\n".utf8
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
