import Foundation
import Templates

/// Where the built-in layouts, components, generated pages and assets are, and the filters they
/// need beyond the template engine's own.
///
/// The site registers these filters once on its `TemplateEnvironment`, puts `templatesURL` last in
/// the loader's search path (so a site file of the same name wins), treats each file of
/// `virtualTemplatesURL` as if it were in the input folder (unless switched off by
/// `generatedPages`), and copies `assetsURL` to the root of the output (before the site's own files,
/// so a site replaces an asset by writing a file of the same name).
public enum BuiltInLayouts {
    /// The folder of built-in templates: `layouts/`, `govuk/`, `x-govuk/`, the compatibility macros.
    public static var templatesURL: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    /// The generated pages (`404`, `sitemap`, `sitemap-xml`, `feed`, `search-index`, `tags`, `tag`),
    /// keyed by file stem for `generatedPages: {feed: false}`.
    public static var virtualTemplatesURL: URL? { templatesURL?.appendingPathComponent("virtual") }

    /// The built-in assets, laid out as they go into the output: `assets/design-history.css`,
    /// `assets/search.js`.
    public static var assetsURL: URL? { Bundle.module.url(forResource: "Assets", withExtension: nil) }

    /// Where the built-in assets folder goes in the output: its root.
    public static let assetsOutputFolder = "."

    /// Registers the layouts' filters for a site (see `register(in:resolver:)`).
    public static func register(in environment: inout TemplateEnvironment, configuration: SiteConfiguration) {
        register(in: &environment, resolver: SitePathResolver(configuration: configuration))
    }

    /// Registers the layouts' filters: `imageSize`, `absoluteUrl`, `atomDate`, `searchTokens`,
    /// `designHistoryPosts`, `screenshotGroups`, `prefixUrl`, `prefixLinks`, `encodeUrl`, `asList`, `tagLinks`, `relatedSections`, `tagIndex`, `searchIndex`, `urlStartsWith`.
    /// Wraps the engine's `govukDate`, and `atomDate` remembers, so that a date value's text is made once. Also adds the global `generatedPages` (file stem to on or off) that the layouts read to link
    /// only to generated pages that exist.
    public static func register(in environment: inout TemplateEnvironment, resolver: SitePathResolver) {
        let cache = ImageSizeCache(roots: resolver.sourceRoots)
        let searchTokens = SearchTokenCache()
        let pathPrefix = resolver.pathPrefix
        var generated = TemplateObject()
        for stem in resolver.generatedPages.keys.sorted() { generated[stem] = .bool(resolver.generatedPages[stem] ?? true) }
        environment.addGlobal("generatedPages", .object(generated))
        environment.addFilter("prefixLinks", pure: true) { value, _ in
            .safe(LayoutFilters.prefixLinks(value.stringValue, pathPrefix: pathPrefix))
        }
        environment.addFilter("encodeUrl", pure: true) { value, _ in
            // Most URLs need nothing: the value itself, not a string read out and wrapped again.
            if case .string(let url) = value, !LayoutFilters.mayNeedEncoding(url) { return value }
            return .string(LayoutFilters.encodeURL(value.stringValue))
        }
        environment.addFilter("prefixUrl", pure: true) { value, _ in
            .string(LayoutFilters.prefixURL(value.stringValue, pathPrefix: pathPrefix))
        }
        environment.addFilter("imageSize") { value, arguments in
            cache.value(forSource: value.stringValue, onPage: arguments.value(at: 0, named: "page").stringValue)
        }
        environment.addFilter("absoluteUrl", pure: true) { value, arguments in
            .string(LayoutFilters.absoluteURL(value.stringValue, base: arguments.value(at: 0, named: "base").stringValue))
        }
        let atomDates = DateTextCache()
        environment.addFilter("atomDate", pure: true) { value, _ in
            guard case .date(let date) = value else { return LayoutFilters.rfc3339(value).map(TemplateValue.string) ?? .undefined }
            return atomDates.text(of: date) { LayoutFilters.rfc3339(value).map(TemplateValue.string) ?? .undefined }
        }
        environment.addFilter("searchTokens") { value, _ in
            .array(LayoutFilters.searchTokens(value.stringValue).map(TemplateValue.string))
        }
        environment.addFilter("designHistoryPosts") { value, arguments in
            let limit = arguments.value(at: 0, named: "limit")
            return .array(LayoutFilters.posts(value, limit: limit.isTruthy ? Int(limit.numberValue) : nil))
        }
        // The site's slugify (registered before this), so ids match the ones content links to; its
        // markdown, so that a caption's field is what that filter gives.
        let slugifyFilter = environment.filters["slugify"]
        let markdownFilter = environment.filters["markdown"]
        let noArguments = TemplateArguments()
        // The site's url is Eleventy's (`SiteRenderer.url`), called directly: every screenshot asks.
        let siteURL: @Sendable (String) -> String = { url in SiteRenderer.url(url, pathPrefix: pathPrefix) }
        let markdown: @Sendable (TemplateValue) -> TemplateValue = { text in markdownFilter.flatMap { try? $0(text, noArguments) } ?? .undefined }
        environment.addFilter("screenshotGroups") { value, arguments in
            let reserved = ScreenshotGroups.idList(inHTML: arguments.value(at: 0, named: "reserved").stringValue)
            // The page's URL, when given, sizes each item's image as `imageSize(page.url)` would.
            let page: String? = arguments.positional.count > 1 || arguments.keyword["page"] != nil
                ? arguments.value(at: 1, named: "page").stringValue : nil
            let presentation = ScreenshotPresentation(url: siteURL, size: page.map { page in { src in cache.size(forSource: src, onPage: page) } },
                                                      markdown: markdown)
            return .array(ScreenshotGroups.normalise(value, slugify: slugifyFilter.map { filter in
                { text in (try? filter(.string(text), noArguments))?.stringValue ?? text }
            }, reservedIds: reserved, presentation: presentation))
        }
        // The engine's govukDate, each date value's text remembered (see `DateTextCache`).
        if let govukDate = environment.filters["govukDate"] {
            let dates = DateTextCache()
            environment.addFilter("govukDate") { value, arguments in
                guard case .date(let date) = value, arguments.positional.isEmpty, arguments.keyword.isEmpty else {
                    return try govukDate(value, arguments)
                }
                return try dates.text(of: date) { try govukDate(value, arguments) }
            }
        }
        let tagLinks = TagLinkCache()
        environment.addFilter("tagLinks", pure: true) { value, _ in
            .array(LayoutFilters.tagLinks(value, pathPrefix: pathPrefix, cache: tagLinks) { tag in
                slugifyFilter.flatMap { try? $0(tag, noArguments) }?.stringValue ?? tag.stringValue
            })
        }
        environment.addFilter("asList", pure: true) { value, _ in
            .array(LayoutFilters.list(value))
        }
        environment.addFilter("relatedSections", pure: true) { value, _ in
            .array(LayoutFilters.relatedSections(value))
        }
        environment.addFilter("searchIndex") { value, arguments in
            .safe(LayoutFilters.searchIndexJSON(value, prefix: arguments.value(at: 0, named: "prefix").stringValue, tokens: searchTokens))
        }
        environment.addFilter("urlStartsWith", pure: true) { value, arguments in
            let base = arguments.value(at: 0).stringValue
            return .bool(!base.isEmpty && value.stringValue.hasPrefix(base))
        }
        environment.addFilter("tagIndex") { value, _ in
            .array(LayoutFilters.tagIndex(value))
        }
    }
}

extension TemplateValue {
    /// The value as a number, as JavaScript's `Number(value)` reads the common cases.
    var numberValue: Double {
        switch self {
        case .number(let n): n
        case .bool(let b): b ? 1 : 0
        case .string(let s), .safe(let s): Double(s.trimmingCharacters(in: .whitespaces)) ?? .nan
        default: .nan
        }
    }
}
