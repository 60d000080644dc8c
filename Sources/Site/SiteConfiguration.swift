import Foundation
import Markdown
import Templates
import Yams

/// What a design history sets: folders, template engines, passthrough copies, collections, Markdown
/// options and the plugin's options.
///
/// Read from an optional `design-history.yml`, which declares what Eleventy sites set in JavaScript;
/// without one the defaults build this repository: `Content/` to `Site/`, with `Assets/` copied to
/// the site root.
public struct SiteConfiguration: Sendable {
    /// The folder the configuration's relative paths are read from.
    public var root: URL
    public var input: String = "Content"
    public var output: String = "Site"
    /// Relative to the input folder, as Eleventy's `dir.layouts`.
    public var layouts: String = "_layouts"
    /// Relative to the input folder, as Eleventy's `dir.includes`.
    public var includes: String = "_includes"
    /// Relative to the input folder, as Eleventy's `dir.data`.
    public var data: String = "_data"
    /// Source folder or file (relative to root) to target folder (relative to the output).
    /// The default copies this repository's own design history: built assets and its screenshots.
    public var passthrough: [(from: String, to: String)] = [("Assets", "."), ("Content/images", ".")] {
        didSet { passthroughDeclared = true }
    }
    /// Whether the passthrough copies were set (a missing source is then worth a warning).
    public var passthroughDeclared = false
    /// The template engine run over Markdown before the Markdown pass (`njk`, or nil for none),
    /// as Eleventy's `markdownTemplateEngine`.
    public var markdownTemplateEngine: String? = "njk"
    /// The template engine of `.html` files (`njk`, or nil to copy them as they are).
    public var htmlTemplateEngine: String? = "njk"
    /// The template engine of string values in data (`eleventyComputed`, `permalink`).
    public var dataTemplateEngine: String? = "njk"
    /// Collections declared by glob, as `eleventyConfig.addCollection(name, c => c.getFilteredByGlob(...))`:
    /// name to globs relative to the input (or to the root, starting with the input folder).
    public var collections: [(name: String, globs: [String])] = []
    /// The design-history convention: each folder directly in `<input>/posts/` is a collection named
    /// after it (`posts/ecf-v2/*.md` is `collections['ecf-v2']`), unless `collections` names it.
    public var sectionCollections: Bool = true
    /// Escape every `{{ }}` output not marked safe. On by default, so data is never emitted as HTML
    /// by accident; the GOV.UK plugin's Nunjucks has it off, and a site whose own layouts rely on
    /// that sets `autoescape: false`.
    public var autoescape: Bool = true
    /// The Markdown renderer's options for page bodies (indented code is switched off for bodies).
    public var markdown: MarkdownOptions = .govuk
    /// The plugin's options (header, footer, url, pathPrefix, titleSuffix, stylesheets, scripts,
    /// homeKey, headingPermalinks, …), given to templates as global data `options`.
    public var options: TemplateObject = SiteConfiguration.defaultOptions
    /// Generated pages (the built-in virtual templates, by file stem) switched on or off.
    public var generatedPages: [String: Bool] = [:]
    /// The configuration file this was read from, for diagnostics about it.
    public var file: URL?
    /// Load the built-in virtual templates (404, sitemap, feed, search index, tags) at all.
    public var includeVirtualTemplates: Bool = true

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var inputURL: URL { Self.resolve(input, against: root) }
    public var outputURL: URL { Self.resolve(output, against: root) }

    /// The input folder as Eleventy names it in `page.inputPath`: relative to the root (`app`), or
    /// absolute when it is outside the root.
    public var inputName: String {
        let rootPath = root.standardizedFileURL.path, inputPath = inputURL.path
        return inputPath.hasPrefix(rootPath + "/") ? String(inputPath.dropFirst(rootPath.count + 1)) : inputPath
    }

    /// A folder of the configuration: absolute as it is, else relative to the root.
    static func resolve(_ path: String, against root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL : root.appendingPathComponent(path).standardizedFileURL
    }
    public var layoutsURL: URL { inputURL.appendingPathComponent(layouts).standardizedFileURL }
    public var includesURL: URL { inputURL.appendingPathComponent(includes).standardizedFileURL }
    public var dataURL: URL { inputURL.appendingPathComponent(data).standardizedFileURL }

    /// The site's path prefix, always starting and ending with `/`.
    public var pathPrefix: String {
        var prefix = options["pathPrefix"]?.stringValue ?? "/"
        if !prefix.hasPrefix("/") { prefix = "/" + prefix }
        if !prefix.hasSuffix("/") { prefix += "/" }
        return prefix
    }

    /// The navigation key of the homepage.
    public var homeKey: String { options["homeKey"]?.stringValue ?? "Home" }

    /// Whether a generated page (by file stem: `feed`, `sitemap`, `404`, `search-index`, `tags`, `tag`) is emitted.
    public func emits(generatedPage stem: String) -> Bool {
        generatedPages[stem] ?? true
    }

    /// The plugin's defaults, as `options` sees them when the configuration sets none.
    public static let defaultOptions = TemplateObject([
        ("homeKey", .string("Home")),
        ("pathPrefix", .string("/")),
        ("headingPermalinks", .bool(false)),
        ("stylesheets", .array([])),
        ("scripts", .array([])),
    ])

    /// Read a configuration file; its folder is the root. Unknown keys and wrong types are errors
    /// with the line and column of the key.
    public static func load(from file: URL) throws(ConfigurationError) -> SiteConfiguration {
        var configuration = SiteConfiguration(root: file.deletingLastPathComponent())
        configuration.file = file
        // Named as every other diagnostic names a file: relative to the working folder where it can be.
        let path = SiteRenderer.displayPath(file.standardizedFileURL.path)
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw ConfigurationError(path: path, line: 1, column: 1, message: "cannot read the configuration: \(error.localizedDescription)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text, .basic, .default, .utf8) } catch let error as YamlError {
            let (line, column, message) = FrontMatter.location(of: error)
            throw ConfigurationError(path: path, line: line, column: column, message: "not valid YAML: \(message)")
        } catch {
            throw ConfigurationError(path: path, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        guard let node else { return configuration }
        guard let mapping = node.mapping else {
            throw ConfigurationError(path: path, node: node, message: "the configuration must be a mapping of keys to values")
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            func string() throws(ConfigurationError) -> String {
                guard let s = value.scalar?.string, !s.isEmpty else {
                    throw ConfigurationError(path: path, node: value, message: "'\(name)' must be a folder name")
                }
                return s
            }
            switch name {
            case "input": configuration.input = try string()
            case "output": configuration.output = try string()
            case "layouts": configuration.layouts = try string()
            case "includes": configuration.includes = try string()
            case "data": configuration.data = try string()
            case "passthrough":
                guard let pairs = value.mapping else {
                    throw ConfigurationError(path: path, node: value, message: "'passthrough' must map source folders to target folders, e.g. `app/images: .`")
                }
                configuration.passthrough = []
                for (from, to) in pairs {
                    let target = to
                    guard let from = from.string, let to = to.string else {
                        throw ConfigurationError(path: path, node: from, message: "a passthrough entry must be `source: target`")
                    }
                    if to.split(separator: "/").contains("..") {
                        throw ConfigurationError(path: path, node: target, message: "passthrough target '\(to)' leaves the output folder")
                    }
                    configuration.passthrough.append((from, to))
                }
            case "templateEngines":
                guard let pairs = value.mapping else {
                    throw ConfigurationError(path: path, node: value, message: "'templateEngines' must be a mapping, e.g. `markdown: njk`")
                }
                for (kind, engine) in pairs {
                    let engineName = engine.string ?? ""
                    let chosen: String?
                    switch engineName {
                    case "njk", "nunjucks": chosen = "njk"
                    case "false", "none", "": chosen = nil
                    default:
                        throw ConfigurationError(path: path, node: engine, message: "unknown template engine '\(engineName)': use `njk` or `false`")
                    }
                    switch kind.string {
                    case "markdown": configuration.markdownTemplateEngine = chosen
                    case "html": configuration.htmlTemplateEngine = chosen
                    case "data": configuration.dataTemplateEngine = chosen
                    default:
                        throw ConfigurationError(path: path, node: kind, message: "unknown template kind '\(kind.string ?? "")': use `markdown`, `html` or `data`")
                    }
                }
            case "collections":
                guard let pairs = value.mapping else {
                    throw ConfigurationError(path: path, node: value, message: "'collections' must map a collection name to a glob or a list of globs")
                }
                configuration.collections = []
                for (collection, globs) in pairs {
                    let list: [String]
                    if let single = globs.scalar?.string {
                        list = [single]
                    } else if let sequence = globs.sequence {
                        list = sequence.compactMap { $0.scalar?.string }
                    } else {
                        throw ConfigurationError(path: path, node: globs, message: "collection '\(collection.string ?? "")' must be a glob or a list of globs")
                    }
                    configuration.collections.append((collection.string ?? "", list))
                }
            case "sectionCollections":
                guard case .bool(let on) = TemplateValue(yaml: value) else {
                    throw ConfigurationError(path: path, node: value, message: "'sectionCollections' must be true or false")
                }
                configuration.sectionCollections = on
            case "autoescape":
                guard case .bool(let on) = TemplateValue(yaml: value) else {
                    throw ConfigurationError(path: path, node: value, message: "'autoescape' must be true or false")
                }
                configuration.autoescape = on
            case "markdown":
                configuration.markdown = try markdownOptions(value, path: path, base: configuration.markdown)
            case "options":
                guard case .object(let object) = TemplateValue(yaml: value) else {
                    throw ConfigurationError(path: path, node: value, message: "'options' must be a mapping of the plugin's options")
                }
                for (key, value) in object.pairs { configuration.options[key] = value }
                if let permalinks = object["headingPermalinks"], case .govuk(var markup) = configuration.markdown.markup {
                    markup.headingPermalinks = permalinks.isTruthy
                    configuration.markdown.markup = .govuk(markup)
                }
            case "generatedPages":
                guard let pairs = value.mapping else {
                    throw ConfigurationError(path: path, node: value, message: "'generatedPages' must map a generated page to true or false, e.g. `feed: false`")
                }
                for (page, flag) in pairs {
                    guard case .bool(let on) = TemplateValue(yaml: flag) else {
                        throw ConfigurationError(path: path, node: flag, message: "generated page '\(page.string ?? "")' must be true or false")
                    }
                    configuration.generatedPages[page.string ?? ""] = on
                }
            default:
                throw ConfigurationError(path: path, node: key, message: "unknown key '\(name)'; the keys are input, output, layouts, includes, data, passthrough, templateEngines, collections, sectionCollections, autoescape, markdown, options, generatedPages")
            }
        }
        return configuration
    }

    private static func markdownOptions(_ node: Node, path: String, base: MarkdownOptions) throws(ConfigurationError) -> MarkdownOptions {
        guard let pairs = node.mapping else {
            throw ConfigurationError(path: path, node: node, message: "'markdown' must be a mapping of Markdown options")
        }
        var options = base
        for (key, value) in pairs {
            let name = key.string ?? ""
            func flag() throws(ConfigurationError) -> Bool {
                guard case .bool(let b) = TemplateValue(yaml: value) else {
                    throw ConfigurationError(path: path, node: value, message: "markdown option '\(name)' must be true or false")
                }
                return b
            }
            switch name {
            case "markup":
                switch value.string {
                case "govuk": if case .plain = options.markup { options.markup = .govuk(GovukMarkup()) }
                case "plain": options.markup = .plain
                default: throw ConfigurationError(path: path, node: value, message: "markdown markup must be `govuk` or `plain`")
                }
            case "html": options.html = try flag()
            case "breaks": options.breaks = try flag()
            case "typographer": options.typographer = try flag()
            case "linkify": options.linkify = try flag()
            case "headingsStartWith":
                guard let level = GovukMarkup.HeadingsStartWith(rawValue: value.string ?? ""), case .govuk(var markup) = options.markup else {
                    throw ConfigurationError(path: path, node: value, message: "headingsStartWith must be `xl` or `l` (GOV.UK markup only)")
                }
                markup.headingsStartWith = level
                options.markup = .govuk(markup)
            case "headingPermalinks":
                if case .govuk(var markup) = options.markup {
                    markup.headingPermalinks = try flag()
                    options.markup = .govuk(markup)
                }
            default:
                throw ConfigurationError(path: path, node: key, message: "unknown markdown option '\(name)'; the options are markup, html, breaks, typographer, linkify, headingsStartWith, headingPermalinks")
            }
        }
        return options
    }
}
