import Foundation

/// Eleventy's filters and the GOV.UK Eleventy plugin's that design histories use. (`url` and
/// `markdown` need the site's configuration and its Markdown renderer: the site registers them.)
enum DesignHistoryFilters {
    static func register(in environment: inout TemplateEnvironment) {
        let text = NunjucksFilters.text
        environment.addFilter("slugify", pure: true) { value, _ in .string(TemplateSlug.slugify(text(value))) }
        environment.addFilter("slug", pure: true) { value, _ in .string(TemplateSlug.slug(text(value))) }
        environment.addFilter("log") { value, arguments in
            let parts = [value] + arguments.positional
            let line = parts.map { $0.isString ? $0.stringValue : ($0.json() ?? $0.stringValue) }.joined(separator: " ") + "\n"
            FileHandle.standardError.write(Data(line.utf8))
            return value
        }
        environment.addFilter("govukDate") { value, arguments in
            guard let date = TemplateDateFormat.date(from: value) else { return invalidDate(value) }
            let format = arguments.value(at: 0, named: "format")
            if format.isNullish || format.stringValue.isEmpty { return .string(TemplateDateFormat.format(date, "d LLLL yyyy")) }
            if format.stringValue == "truncate" { return .string(TemplateDateFormat.format(date, "d LLL yyyy")) }
            return .string(TemplateDateFormat.format(date, format.stringValue))
        }
        environment.addFilter("date") { value, arguments in
            guard let date = TemplateDateFormat.date(from: value) else { return invalidDate(value) }
            let format = arguments.value(at: 0, named: "format")
            if format.isNullish || format.stringValue.isEmpty { return .string(TemplateValue.isoString(date)) }
            return .string(TemplateDateFormat.format(date, format.stringValue))
        }
        environment.addFilter("isoDate") { value, _ in
            guard let date = TemplateDateFormat.date(from: value) else { return invalidDate(value) }
            return .string(TemplateDateFormat.format(date, "yyyy-MM-dd"))
        }
        environment.addFilter("noOrphans", pure: true) { value, _ in
            let s = text(value)
            guard let space = s.lastIndex(of: " ") else { return NunjucksFilters.keepingSafety(value, s) }
            return NunjucksFilters.keepingSafety(value, s[..<space] + "&nbsp;" + s[s.index(after: space)...])
        }
        environment.addFilter("pretty", pure: true) { value, _ in
            .string(TemplateText.replace(#"(?:index)?\.html"#, in: value.stringValue, with: ""))
        }
        environment.addFilter("smart", pure: true) { value, _ in
            NunjucksFilters.keepingSafety(value, TemplateSmartQuotes.apply(text(value)))
        }
        environment.addFilter("includes", pure: true) { value, arguments in
            guard case .array(let items) = value else { return value.isNullish ? .array([]) : value }
            let path = arguments.value(at: 0, named: "keyPath")
            let needle = arguments.value(at: 1, named: "value")
            return .array(items.filter { item in
                switch NunjucksFilters.attribute(item, path) {
                case .array(let values): return values.contains { $0.strictlyEquals(needle) }
                case .string(let s), .safe(let s): return TemplateText.contains(s, needle.stringValue)
                default: return false
                }
            })
        }
    }

    /// Luxon writes "Invalid DateTime" for a date it cannot read; an absent date renders as nothing.
    private static func invalidDate(_ value: TemplateValue) -> TemplateValue {
        value.isNullish ? .string("") : .string("Invalid DateTime")
    }
}
