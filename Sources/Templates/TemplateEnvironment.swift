import Foundation

/// A filter: the value it is applied to, and its arguments.
public typealias TemplateFilter = @Sendable (_ value: TemplateValue, _ arguments: TemplateArguments) throws -> TemplateValue

/// Where templates come from, the filters and globals they can use, and how they render.
///
/// Filters and globals are registered through this one API by the engine itself and by the site.
/// A new environment has Nunjucks' built-in filters and globals; `designHistory(loader:)` adds
/// Eleventy's and the GOV.UK plugin's and turns autoescaping off.
///
/// Templates read through the loader are parsed once and cached; the cache is shared by copies of
/// the environment and is safe to use from several threads. Call `clearCache()` when files change.
public struct TemplateEnvironment: Sendable {
    /// Where named templates are found; changing it forgets the parsed templates of this copy.
    public var loader: TemplateLoader {
        didSet { cache = TemplateCache(); imports = TemplateImportCache(); macros = TemplateMacroCache() }
    }
    /// Autoescaping, the recursion limit and the whitespace options; changing `trimBlocks` or
    /// `lstripBlocks` forgets the parsed templates of this copy, since they are applied when parsing.
    public var options: TemplateOptions {
        didSet {
            if oldValue.trimBlocks != options.trimBlocks || oldValue.lstripBlocks != options.lstripBlocks {
                cache = TemplateCache()
            }
            imports = TemplateImportCache()
            macros = TemplateMacroCache()
        }
    }
    /// Every filter by name: the built-ins and those added with `addFilter`.
    public private(set) var filters: [String: TemplateFilter] = [:]
    /// `filters` as they were registered (see `TemplateFilterTable.Body`), for `filterTable`.
    private var filterBodies: [String: TemplateFilterTable.Body] = [:]
    /// `filters`, for renders to find by a name's parsed hash.
    private(set) var filterTable = TemplateFilterTable([:])
    /// The filters registered as pure (see `addFilter(_:pure:_:)`).
    public private(set) var pureFilters: Set<String> = []
    /// Variables and functions every template sees, below the render's own context.
    public private(set) var globals = TemplateObject()
    private var cache = TemplateCache()
    /// Exports of context-free imports; a copy that changes its filters or globals gets its own.
    private(set) var imports = TemplateImportCache()
    /// Outputs of pure macros' calls; replaced with `imports`.
    private(set) var macros = TemplateMacroCache()

    /// An environment with Nunjucks' built-in filters and globals.
    public init(loader: TemplateLoader = TemplateLoader(searchPaths: []), options: TemplateOptions = TemplateOptions()) {
        self.loader = loader
        self.options = options
        NunjucksFilters.register(in: &self)
        NunjucksGlobals.register(in: &self)
    }

    /// The profile design histories are built with: Nunjucks', Eleventy's and the GOV.UK plugin's
    /// filters, and the plugin's Nunjucks options (`autoescape: false, lstripBlocks: true,
    /// trimBlocks: true`), so a line holding only a block tag leaves no empty line in Markdown.
    /// The site adds `url` and `markdown`, which need its configuration.
    public static func designHistory(loader: TemplateLoader) -> TemplateEnvironment {
        let options = TemplateOptions(autoescape: false, trimBlocks: true, lstripBlocks: true)
        var environment = TemplateEnvironment(loader: loader, options: options)
        DesignHistoryFilters.register(in: &environment)
        return environment
    }

    /// Adds or replaces a filter: how the site adds `url` and `markdown`, and overrides built-ins.
    ///
    /// A filter is `pure` when its result depends only on its value and arguments (no files, no
    /// clock, no output, no state): then a macro that only reads its parameters and applies pure
    /// filters gives the same output for the same arguments, and the environment remembers its
    /// calls (the header and footer of every page are rendered once). Leave it false when unsure.
    public mutating func addFilter(_ name: String, pure: Bool = false, _ filter: @escaping TemplateFilter) {
        filters[name] = filter
        filterBodies[name] = TemplateFilterTable.Body(apply: filter)
        if pure { pureFilters.insert(name) } else { pureFilters.remove(name) }
        filterTable = TemplateFilterTable(filterBodies, pure: pureFilters)
        imports = TemplateImportCache()
        macros = TemplateMacroCache()
    }

    /// Adds or replaces a global variable.
    public mutating func addGlobal(_ name: String, _ value: TemplateValue) {
        globals[name] = value
        imports = TemplateImportCache()
        macros = TemplateMacroCache()
    }

    /// Registers a global function, such as a shortcode.
    public mutating func addFunction(_ name: String, _ body: @escaping @Sendable (TemplateArguments) throws -> TemplateValue) {
        globals[name] = .function(TemplateFunction(name: name, call: body))
        imports = TemplateImportCache()
        macros = TemplateMacroCache()
    }

    /// Forgets every parsed template, so that changed files are read again.
    public func clearCache() {
        cache.clear()
        imports.clear()
        macros.clear()
    }

    // MARK: Parsing

    /// Parses template source once, for rendering many times.
    public func parse(source: String, path: String) throws(TemplateError) -> Template {
        Template(program: try checked(TemplateProgram.parse(source: source, path: path, options: options, filters: filterTable)), environment: self)
    }

    /// The template the loader finds for a name, parsed once and cached.
    public func template(named name: String) throws(TemplateError) -> Template {
        guard let program = try program(named: name, relativeTo: nil) else {
            let folders = loader.searchPaths.map(\.path).joined(separator: ", ")
            throw TemplateError(path: name, line: 1, column: 1, message: "template not found: '\(name)' (searched \(folders.isEmpty ? "no folders" : folders))")
        }
        return Template(program: program, environment: self)
    }

    /// Finds, reads, parses and caches a template; nil when there is no such file. Names starting
    /// with `./` or `../` are relative to the template that asks for them.
    func program(named name: String, relativeTo parentPath: String?) throws(TemplateError) -> TemplateProgram? {
        let url: URL?
        let key: String
        if name.utf8.first == UInt8(ascii: "."), name.hasPrefix("./") || name.hasPrefix("../"), let parentPath {
            let candidate = URL(fileURLWithPath: parentPath).deletingLastPathComponent().appendingPathComponent(name).standardizedFileURL
            key = candidate.path
            if let cached = cache.lookup(key) { return cached }
            url = loader.allowsRelative(candidate) && FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
        } else {
            key = name
            if let cached = cache.lookup(key) { return cached }
            url = loader.locate(name)
        }
        guard let url else {
            cache.store(nil, for: key)
            return nil
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TemplateError(path: url.path, line: 1, column: 1, message: "cannot read template: \(error.localizedDescription)")
        }
        let program = try checked(TemplateProgram.parse(source: text, path: url.path, options: options, filters: filterTable))
        cache.store(program, for: key)
        return program
    }

    /// Fails on the first filter the template uses that this environment does not have.
    private func checked(_ program: TemplateProgram) throws(TemplateError) -> TemplateProgram {
        if let unknown = program.firstUnknownFilter(known: filters) {
            throw program.source.error("unknown filter '\(unknown.name)'" + TemplateSuggestion.hint(for: unknown.name, in: filters.keys), at: unknown.offset)
        }
        return program
    }

    // MARK: Rendering

    /// Render template source with the given context.
    public func render(source: String, path: String, context: TemplateObject) throws(TemplateError) -> String {
        try parse(source: source, path: path).render(context: context)
    }

    /// Render a template found by the loader.
    public func render(templateNamed name: String, context: TemplateObject) throws(TemplateError) -> String {
        try template(named: name).render(context: context)
    }
}
