import Foundation
import Markdown
import Templates

/// Renders templates as Eleventy does for these sites: Markdown goes through the template engine
/// first, then Markdown (indented code off), then its layout chain; `.njk` and `.html` through the
/// template engine. Holds the template environment with the site's filters.
struct SiteRenderer: Sendable {
    var environment: TemplateEnvironment
    var bodyMarkdown: MarkdownOptions
    var configuration: SiteConfiguration
    /// Data strings (permalinks, computed values) parsed once: many pages share one from a data file.
    let parsedStrings = ParsedTemplates()

    /// The folder of built-in templates (layouts, macros, virtual templates) in the module's resources.
    static let builtInTemplates: URL? = Bundle.module.url(forResource: "Templates", withExtension: nil)
    /// Its path, for telling built-in files apart in diagnostics.
    static let builtInTemplatesPath: String? = builtInTemplates?.standardizedFileURL.path

    init(configuration: SiteConfiguration) {
        self.configuration = configuration
        var searchPaths = [configuration.layoutsURL, configuration.includesURL]
        if configuration.layoutsURL == configuration.includesURL { searchPaths.removeLast() }
        if let builtIn = Self.builtInTemplates { searchPaths.append(builtIn) }
        var loader = TemplateLoader(searchPaths: searchPaths)
        loader.relativeRoots = [configuration.inputURL]
        var environment = TemplateEnvironment.designHistory(loader: loader)
        environment.options.autoescape = configuration.autoescape
        var body = configuration.markdown
        body.indentedCode = false
        self.bodyMarkdown = body
        let filterOptions = configuration.markdown
        let prefix = configuration.pathPrefix
        // Pure: the same URL always gives the same result (macros that use it can be remembered).
        // With the prefix `/` (most sites) a string is its own result: nothing to look at.
        let rootPrefix = prefix == "/"
        environment.addFilter("url", pure: true) { value, _ in
            if case .string(let text) = value, rootPrefix || !Self.needsPrefix(text, pathPrefix: prefix) { return value }
            return .string(Self.url(value.stringValue, pathPrefix: prefix))
        }
        let plain = PlainMarkdown(options: filterOptions)
        // Pure: the options are the site's, fixed for the environment.
        environment.addFilter("markdown", pure: true) { value, arguments in
            let text = value.stringValue
            let inline = arguments.value(at: 0, named: "value").stringValue == "inline"
            if let html = plain?.html(text, inline: inline) { return .safe(html) }
            if inline { return .safe(Self.inlineMarkdown(text, options: filterOptions)) }
            return .safe(MarkdownDocument.html(text, options: filterOptions))
        }
        BuiltInLayouts.register(in: &environment, resolver: SitePathResolver(configuration: configuration))
        environment.addFilter("log") { value, _ in value }
        self.environment = environment
    }

    /// Eleventy's `url` filter: a site-absolute URL gets the path prefix; others are left alone.
    static func url(_ url: String, pathPrefix: String) -> String {
        guard needsPrefix(url, pathPrefix: pathPrefix) else { return url }
        return pathPrefix + url.dropFirst()
    }

    /// Whether `url` gets the path prefix: it is site-absolute (`/x`, not `//host`) and the prefix
    /// is not `/`. Looks at two bytes: every link of every page asks.
    static func needsPrefix(_ url: String, pathPrefix: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        guard bytes.next() == 0x2F else { return false }
        let second = bytes.next(), third = bytes.next()
        // A combining mark after a slash makes another character of it: compared as characters then.
        if (second ?? 0) >= 0x80 || (third ?? 0) >= 0x80 {
            return url.hasPrefix("/") && !url.hasPrefix("//") && pathPrefix != "/"
        }
        return second != 0x2F && pathPrefix != "/"
    }

    /// Markdown rendered as inline content (no wrapping paragraph), for `markdown("inline")`.
    static func inlineMarkdown(_ text: String, options: MarkdownOptions) -> String {
        MarkdownDocument.inlineHTML(text, options: options)
    }

    /// Whether text holds any template syntax at all; without any, rendering it changes nothing.
    /// With `comments: false`, only `{{` and `{%` count (a `{#` comment renders as nothing).
    static func hasTemplateSyntax(_ text: String, comments: Bool = true) -> Bool {
        var previous: UInt8 = 0
        for c in text.utf8 {
            if previous == UInt8(ascii: "{"), c == UInt8(ascii: "{") || c == UInt8(ascii: "%") || (comments && c == UInt8(ascii: "#")) { return true }
            previous = c
        }
        return false
    }

    /// A string of data (a permalink, a computed value) rendered with the data template engine.
    func renderString(_ source: String, path: String, context: TemplateObject) throws(TemplateError) -> String {
        guard configuration.dataTemplateEngine != nil, Self.hasTemplateSyntax(source) else { return source }
        return try parsedStrings.template(source, path: path, environment: environment).render(context: context)
    }

    /// A template's body: template engine (by kind and configuration), then Markdown for `.md`.
    func renderBody(_ template: SourceTemplate, context: TemplateObject) throws(TemplateError) -> String {
        try renderBodyAndLinks(template, context: context).html
    }

    /// The body and, when the Markdown was the file's own text (no template syntax), the links and
    /// images the Markdown parser found in it, so the checks need not parse it again.
    func renderBodyAndLinks(_ template: SourceTemplate, context: TemplateObject) throws(TemplateError) -> (html: String, links: [MarkdownLink]?) {
        let body = template.frontMatter.body
        let engine: String? = switch template.kind {
        case .markdown: configuration.markdownTemplateEngine
        case .nunjucks: "njk"
        case .html: configuration.htmlTemplateEngine
        }
        var text = body
        var templated = false
        if engine != nil, Self.hasTemplateSyntax(body) {
            do {
                text = try environment.render(source: body, path: template.displayPath, context: context)
                templated = true
            } catch {
                throw Self.shift(error, path: template.displayPath, by: template.frontMatter.bodyLine - 1)
            }
        }
        guard template.kind == .markdown else { return (text, nil) }
        let document = MarkdownDocument(parsing: text, options: bodyMarkdown)
        if let journeyPaths = JourneyPathHTML(journey: context["journey"], path: template.displayPath) {
            return (document.renderHTML(fencedBlock: journeyPaths.html(for:)), templated ? nil : document.links)
        }
        return (document.renderHTML(), templated ? nil : document.links)
    }

    /// Render content through a layout and the layouts it sits in. Errors name the layout's file.
    /// The last layout (a template's, not Markdown) renders into bytes, which is what the writer
    /// takes (see `PageOutput`).
    func applyLayouts(_ content: String, layout first: String?, layouts: [String: LayoutFile], parsed: [String: Template],
                      context: TemplateObject, pagePath: String, layoutPosition: SourcePosition? = nil,
                      diagnostics: inout [Diagnostic]) -> PageOutput {
        var content = content
        var name = first
        // The layouts' files so far: a chain is a few layouts long (at most 32), so a list compared
        // in order costs less than hashing each path into a set.
        var seen: [String] = []
        var context = context
        // Where the name being looked up was written: the page's `layout`, then each layout's own.
        var namedIn = (path: pagePath, position: layoutPosition)
        while let current = name {
            guard let layout = layouts[current] else {
                diagnostics.append(Diagnostic(.error, path: namedIn.path, line: namedIn.position?.line ?? 1, column: namedIn.position?.column ?? 1,
                    message: "layout '\(current)' not found in the layouts or includes folders or the built-in layouts"))
                return PageOutput(content)
            }
            guard !seen.contains(layout.path), seen.count < 32 else {
                diagnostics.append(Diagnostic(.error, path: namedIn.path, line: namedIn.position?.line ?? 1, column: namedIn.position?.column ?? 1,
                    message: "layout '\(current)' sits inside itself (a layout cycle)"))
                return PageOutput(content)
            }
            seen.append(layout.path)
            namedIn = (layout.displayPath, layout.frontMatter.positions["layout"])
            context["content"] = .safe(content)
            guard let template = parsed[current] else { return PageOutput(content) }  // its parse error is reported once
            do {
                if layout.parentName == nil, layout.kind != .markdown {
                    return PageOutput(utf8: try template.renderUTF8(context: context))
                }
                var rendered = try template.render(context: context)
                if layout.kind == .markdown { rendered = MarkdownDocument.html(rendered, options: bodyMarkdown) }
                content = rendered
            } catch {
                diagnostics.append(Self.diagnostic(Self.shift(error, path: layout.displayPath, by: layout.frontMatter.bodyLine - 1)))
                return PageOutput(content)
            }
            name = layout.parentName
        }
        return PageOutput(content)
    }

    /// Parse every layout once; a layout that does not parse is reported once, not per page.
    func parseLayouts(_ layouts: [String: LayoutFile], diagnostics: inout [Diagnostic]) -> [String: Template] {
        var parsed: [String: Template] = [:]
        for (name, layout) in layouts.sorted(by: { $0.key < $1.key }) {
            do {
                parsed[name] = try environment.parse(source: layout.frontMatter.body, path: layout.displayPath)
            } catch {
                diagnostics.append(Self.diagnostic(Self.shift(error, path: layout.displayPath, by: layout.frontMatter.bodyLine - 1)))
            }
        }
        return parsed
    }

    /// Template errors in a body count lines from the body; shift them to the file's lines.
    static func shift(_ error: TemplateError, path: String, by lines: Int) -> TemplateError {
        var error = error
        if error.path == path { error.line += lines }
        return error
    }

    static func diagnostic(_ error: TemplateError) -> Diagnostic {
        Diagnostic(.error, path: displayPath(error.path), line: error.line, column: error.column, message: error.message)
    }

    /// A file path as diagnostics show it: built-in templates as `(built-in)/…`, others relative to
    /// the working folder where possible.
    static func displayPath(_ path: String) -> String {
        if let builtIn = builtInTemplatesPath, path.hasPrefix(builtIn + "/") {
            return "(built-in)/" + path.dropFirst(builtIn.count + 1)
        }
        let cwd = workingFolder
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// The working folder, read once: diagnostics name files relative to it.
    static let workingFolder = FileManager.default.currentDirectoryPath + "/"
}
