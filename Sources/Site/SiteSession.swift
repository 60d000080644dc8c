import Foundation
import Journeys
import Markdown
import Templates

/// A build of a design history that can be run again: the first `build` loads and renders
/// everything; `rebuild(changed:)` re-reads only the files that changed and re-renders only the
/// pages a change can affect, for the preview server.
///
/// The pipeline: load (templates, data cascade, URLs, collections, navigation) -> render (template
/// engine, Markdown, layouts) -> check (images, links, indentation, journeys) -> write (atomically).
/// Loading and rendering run on every core; the output is the same byte for byte on every run.
public final class SiteSession: @unchecked Sendable {
    public let configuration: SiteConfiguration
    public let journeys: JourneyCatalog
    let renderer: SiteRenderer
    private let lock = NSLock()

    /// What the last build read and made, reused by `rebuild(changed:)`.
    var state = State()
    /// Every file of the input folder (relative paths), from the last walk: data files are looked up here.
    var inputFiles: Set<String> = []
    /// The global data names the last build's dependency scan looked for.
    var closureDataKeys: [String] = []
    /// Whether to keep what rebuilds need (page dependencies, rendered bodies): a one-shot build does not.
    let incremental: Bool

    struct State {
        /// Templates by file path, with the modification date they were read at.
        var templates: [String: SourceTemplate] = [:]
        /// The last build's pages, by output path, for telling what a rebuild changed.
        var outputs: [String: String] = [:]
        /// Every rendered page's layout chain and whether it lists collections, for rebuilds.
        var dependencies: [String: PageDependencies] = [:]
        /// The last build's pages and collections, for tests and tools that inspect a build.
        var pages: [Page] = []
        var collections = TemplateObject()
        var navigation: TemplateValue = .undefined
        var navigationSignature = ""
        /// The changed files of rebuilds that failed, to render again once the site builds.
        var pendingChanges: Set<String> = []
        /// Rendered bodies by input path and page number, so a rebuild's collections keep the
        /// `templateContent` of pages it does not render again.
        var contents: [String: String] = [:]
        /// The pages and the global `journeys` of the last build that succeeded (the one whose
        /// outputs are on disk), to tell whether a rebuild changed what other pages can see.
        var writtenPages: [Page] = []
        /// Each layout's and include's transitive reads, from the last build that succeeded.
        var closures: [String: (files: Set<String>, mentions: Set<String>)] = [:]
        var journeysGlobal: TemplateValue = .undefined
        var built = false
    }

    /// What a page's rendering read, so a rebuild knows whether a change can affect it.
    struct PageDependencies: Sendable {
        var template: String
        /// Layouts and the templates they extend, include or import.
        var files: [String]
        /// Which of `collections`, `navigation`, `journeys` the page's templates name.
        var mentions: Set<String>
    }

    public init(configuration: SiteConfiguration, journeys: JourneyCatalog = JourneyCatalog(), incremental: Bool = true) {
        self.configuration = configuration
        self.journeys = journeys
        self.incremental = incremental
        self.renderer = SiteRenderer(configuration: configuration)
    }

    /// Build the whole site. With `write: false` every check runs but nothing is written.
    public func build(write: Bool = true) -> BuildReport {
        lock.lock()
        defer { lock.unlock() }
        return run(write: write, changed: nil)
    }

    /// Build again after files changed: unchanged templates are not re-read, and only pages the
    /// change can affect are rendered and written (a post: that post, the pages listing it and the
    /// generated pages; a layout: the pages using it; data: every page). `pages` in the report
    /// counts the pages rendered again.
    public func rebuild(changed: [URL]) -> BuildReport {
        lock.lock()
        defer { lock.unlock() }
        guard state.built else { return run(write: true, changed: nil) }
        // Changes of a rebuild that failed were never written: they count again now.
        let paths = Set(changed.map { $0.standardizedFileURL.path }).union(state.pendingChanges)
        let report = run(write: true, changed: paths)
        state.pendingChanges = report.errors > 0 ? paths : []
        return report
    }

    /// The output paths and contents of the last build, for tests and the preview server.
    public var lastOutputs: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return state.outputs
    }

    // MARK: - The pipeline

    private func run(write: Bool, changed: Set<String>?) -> BuildReport {
        let start = Date()
        var timings = StageTimings(enabled: ProcessInfo.processInfo.environment["SITE_TIMINGS"] != nil)
        // Includes, macros and extended layouts are read again: one of them may have changed.
        renderer.environment.clearCache()
        var report = BuildReport()
        var diagnostics: [Diagnostic] = []

        // Load: global data, templates (in parallel; unchanged ones kept), directory data, layouts.
        let globalData = loadGlobalData(diagnostics: &diagnostics)
        let input = configuration.inputURL
        if !FileManager.default.fileExists(atPath: input.path) {
            diagnostics.append(Diagnostic(.error, path: displayPath(input), message: "the input folder does not exist"))
        }
        let sources = scanInput().map { (relative: $0.relative, url: $0.url, virtual: false) }
            + virtualTemplates().map { (relative: $0.relative, url: $0.url, virtual: true) }
        let previous = state.templates
        let previousTemplates = Set(previous.keys)
        let inputName = configuration.inputName
        let inputPrefix = inputName.hasPrefix("/") ? inputName + "/" : "./" + inputName + "/"
        let loaded: [SourceTemplate?] = Parallel.map(sources.indices.map { $0 }) { index in
            let source = sources[index]
            let key = source.url.standardizedFileURL.path
            if let changed, !changed.contains(key), let cached = previous[key] { return cached }
            return SourceTemplate.load(file: source.url, relative: source.relative, displayPath: self.displayPath(source.url),
                                       inputPath: source.virtual ? "./(built-in)/virtual/" + source.relative : inputPrefix + source.relative,
                                       isVirtual: source.virtual)
        }
        let templates = loaded.compactMap { $0 }
        state.templates = Dictionary(templates.map { ($0.file.standardizedFileURL.path, $0) }, uniquingKeysWith: { a, _ in a })
        for template in templates { diagnostics += template.diagnostics }

        let folders = Set(templates.filter { !$0.isVirtual }.map { $0.path.folders.joined(separator: "/") })
        var allFolders = folders
        for folder in folders {
            var parts = folder.split(separator: "/").map(String.init)
            while !parts.isEmpty { parts.removeLast(); allFolders.insert(parts.joined(separator: "/")) }
        }
        allFolders.insert("")
        let directoryData = loadDirectoryData(folders: allFolders, diagnostics: &diagnostics)

        timings.mark("load")
        // The cascade without layouts and global data, to learn each page's layout.
        let cascades: [(data: TemplateObject, diagnostics: [Diagnostic])] = Parallel.map(templates) { template in
            var diagnostics: [Diagnostic] = []
            var data = template.isVirtual ? TemplateObject() : (directoryData[template.path.folders.joined(separator: "/")] ?? TemplateObject())
            DataMerge.merge(&data, DataMerge.normalizingTags(self.templateDataFiles(for: template, diagnostics: &diagnostics)))
            DataMerge.merge(&data, DataMerge.normalizingTags(template.frontMatter.data))
            return (data, diagnostics)
        }
        for cascade in cascades { diagnostics += cascade.diagnostics }
        var layoutNames: Set<String> = []
        for cascade in cascades { if case .string(let name)? = cascade.data["layout"], !name.isEmpty { layoutNames.insert(name) } }
        if case .string(let name)? = globalData["layout"] { layoutNames.insert(name) }
        let layouts = loadLayouts(names: layoutNames, diagnostics: &diagnostics)
        let parsedLayouts = renderer.parseLayouts(layouts, diagnostics: &diagnostics)

        // Full data: global < layout front matter < directory data < template data < front matter.
        let fullData: [TemplateObject] = Parallel.map(cascades.indices.map { $0 }) { index in
            var data = globalData
            let own = cascades[index].data
            let layout: String? = if case .string(let name)? = own["layout"] { name } else if case .string(let name)? = globalData["layout"] { name } else { nil }
            DataMerge.merge(&data, Self.layoutData(layout, layouts: layouts))
            DataMerge.merge(&data, own)
            return data
        }

        timings.mark("cascade")
        // Pages: URLs, pagination, computed data. Templates paginating collections wait for them.
        let deferred = Set(templates.indices.filter { Self.paginatesCollections(fullData[$0]) })
        let first: [(pages: [Page], diagnostics: [Diagnostic])] = Parallel.map(templates.indices.map { $0 }) { index in
            guard !deferred.contains(index) else { return ([], []) }
            var diagnostics: [Diagnostic] = []
            let pages = self.expand(templateIndex: index, template: templates[index], data: fullData[index], collections: nil,
                                    renderer: self.renderer, diagnostics: &diagnostics)
            return (pages, diagnostics)
        }
        var pages = first.flatMap(\.pages)
        for result in first { diagnostics += result.diagnostics }
        if !deferred.isEmpty {
            let early = buildCollections(pages, templates: templates)
            let later: [(pages: [Page], diagnostics: [Diagnostic])] = Parallel.map(deferred.sorted()) { index in
                var diagnostics: [Diagnostic] = []
                let pages = self.expand(templateIndex: index, template: templates[index], data: fullData[index], collections: early,
                                        renderer: self.renderer, diagnostics: &diagnostics)
                return (pages, diagnostics)
            }
            pages += later.flatMap(\.pages)
            for result in later { diagnostics += result.diagnostics }
        }

        timings.mark("pages")
        // Two pages writing one file: an error naming both; a built-in generated page gives way
        // to a page of the site.
        pages = resolveConflicts(pages, diagnostics: &diagnostics, permalinkPositions: { templates[$0].frontMatter.positions["permalink"] })

        // Every file the site will have, for the checks.
        let copies = copyJobs(diagnostics: &diagnostics)
        var files = Set(copies.map(\.target))
        for page in pages { if let path = page.outputPath { files.insert(path) } }

        // Navigation, journeys, collections.
        let order = Self.collectionOrder(pages)
        timings.mark("copies")
        let navigation = NavigationTree(pages: pages, order: order, homeKey: configuration.homeKey)
        for orphan in navigation.orphans where orphan.parent != configuration.homeKey {
            let page = pages[orphan.page]
            diagnostics.append(Diagnostic(.warning, path: page.displayPath, line: 1, column: 1,
                message: "eleventyNavigation parent '\(orphan.parent ?? "")' is not the key of any page, so '\(orphan.key)' is missing from the navigation"))
        }
        let navigationKeys = navigation.keysByPage
        let siteFiles = files
        let journeyInputs: [JourneyPageInput] = pages.map { page in
            let template = templates[page.template]
            return JourneyPageInput(path: template.displayPath, data: page.data, positions: template.frontMatter.positions,
                                    body: template.frontMatter.body, bodyLine: template.frontMatter.bodyLine, url: page.url ?? "",
                                    siteHasFile: { Self.siteHas($0, files: siteFiles) })
        }
        let catalog = journeys
        // One journey check a page, for its data, the global data and its diagnostics.
        // A page that names no journey is not checked (and its body need not be read for one).
        let journeyChecks: [PageCheck?] = Parallel.map(journeyInputs) { input in
            guard let reference = input.data["journey"], reference.isTruthy else { return nil }
            return journeyPage(for: input, catalog: catalog)
        }
        let journeyData = journeyChecks.map { $0.flatMap(journeyPageData(check:)) }
        diagnostics += journeyCatalogDiagnostics(catalog: catalog)
        timings.mark("journeys")
        let pagesBeforeNavigation = pages
        pages = Parallel.map(pages.indices.map { $0 }) { index in
            var page = pagesBeforeNavigation[index]
            if let value = journeyData[index] { page.data["journey"] = value }
            page.data["navigation"] = navigation.data(forPage: index, key: navigationKeys[index])
            return page
        }
        timings.mark("navigation-data")
        let journeysGlobal = JourneyTemplateData.global(catalog: catalog, pages: zip(journeyInputs, journeyChecks).compactMap { input, check in
            check.map { (input.url, input.data["title"]?.stringValue ?? input.url, $0) }
        })

        let finishedPages = pages
        timings.mark("navigation")
        // Decide what to render: everything, or on a rebuild what the change can affect.
        let navigationSignature = navigation.entries.map { "\($0.key)|\($0.title)|\($0.url)|\($0.parent ?? "")|\($0.order)" }.joined(separator: "\n")
        let renderSet = pagesToRender(pages, templates: templates, changed: changed, previousTemplates: previousTemplates,
                                      navigationChanged: navigationSignature != state.navigationSignature,
                                      journeysChanged: !CollectionSummary.same(journeysGlobal, state.journeysGlobal, depth: 0))

        // Render bodies, then layouts, in parallel; collections carry the rendered bodies.
        // Bodies see collections without rendered content; build them only if a body names them.
        let bodiesReadCollections = renderSet.contains { index in
            let body = templates[pages[index].template].frontMatter.body
            return SiteRenderer.hasTemplateSyntax(body) && body.contains("collections")
        }
        let collections = bodiesReadCollections ? buildCollections(pages, templates: templates) : TemplateObject()
        let renderer = self.renderer
        let previousContents = state.contents
        let bodies: [(content: String, links: [MarkdownLink]?, diagnostics: [Diagnostic])] = Parallel.map(pages.indices.map { $0 }) { index in
            guard renderSet.contains(index) else {
                return (previousContents["\(finishedPages[index].inputPath)#\(finishedPages[index].pageNumber)"] ?? "", nil, [])
            }
            let page = finishedPages[index]
            var context = page.data
            context["collections"] = .object(collections)
            context["journeys"] = journeysGlobal
            do throws(TemplateError) {
                let (html, links) = try renderer.renderBodyAndLinks(templates[page.template], context: context)
                return (html, links, [])
            } catch {
                return ("", nil, [SiteRenderer.diagnostic(error)])
            }
        }
        for body in bodies { diagnostics += body.diagnostics }
        let contents = bodies.map(\.content)
        var contentsByPage: [String: String] = [:]
        for (index, page) in pages.enumerated() where incremental { contentsByPage["\(page.inputPath)#\(page.pageNumber)"] = contents[index] }
        timings.mark("bodies")
        let finalCollections = buildCollections(pages, templates: templates, contents: contents)
        let rendered: [(output: String, diagnostics: [Diagnostic])] = Parallel.map(pages.indices.map { $0 }) { index in
            guard renderSet.contains(index), finishedPages[index].outputPath != nil else { return ("", []) }
            let page = finishedPages[index]
            var context = page.data
            context["collections"] = .object(finalCollections)
            context["journeys"] = journeysGlobal
            var diagnostics: [Diagnostic] = []
            let layout: String? = if case .string(let name)? = page.data["layout"] { name } else { nil }
            let output = renderer.applyLayouts(contents[index], layout: layout?.isEmpty == false ? layout : nil, layouts: layouts,
                                               parsed: parsedLayouts, context: context, pagePath: page.displayPath,
                                               layoutPosition: templates[page.template].frontMatter.positions["layout"], diagnostics: &diagnostics)
            return (output, diagnostics)
        }
        for result in rendered { diagnostics += result.diagnostics }

        timings.mark("layouts")
        // Checks.
        let checks: [[Diagnostic]] = Parallel.map(pages.indices.map { $0 }) { index in
            let page = finishedPages[index]
            let template = templates[page.template]
            // Every page is checked on a rebuild too: a new image can resolve a warning of a page not rendered again.
            guard !template.isVirtual else { return [] }
            return self.check(page, template: template, content: contents[index], links: bodies[index].links, files: siteFiles)
                + (journeyChecks[index]?.problems.map(Diagnostic.init(problem:)) ?? [])
        }
        for list in checks { diagnostics += list }

        timings.mark("checks")
        // Write.
        var outputs: [(path: String, content: String)] = []
        for index in pages.indices {
            guard let path = pages[index].outputPath else { continue }
            outputs.append((path, renderSet.contains(index) ? rendered[index].output : (state.outputs[path] ?? "")))
        }
        report.pages = renderSet.count { pages[$0].outputPath != nil }
        diagnostics = Self.deduplicated(diagnostics)
        let errors = diagnostics.contains { $0.severity == .error }
        if write && !errors {
            if changed == nil {
                report.filesCopied = self.write(pages: outputs, copies: copies, diagnostics: &diagnostics)
            } else {
                report.filesCopied = writeChanged(outputs, copies: copies, diagnostics: &diagnostics)
            }
        }
        timings.mark("write-files")
        state.pages = finishedPages
        state.collections = finalCollections
        state.navigation = navigation.tree
        if !errors {
            state.outputs = Dictionary(outputs.map { ($0.path, $0.content) }, uniquingKeysWith: { a, _ in a })
            let dataKeys = globalData.keys.filter { $0 != "eleventy" }
            // A page not rendered again read what it read before (its template, layouts and
            // includes did not change, or it would have been rendered): its reads are kept.
            let keepUnrendered = changed != nil && dataKeys == closureDataKeys
            // What layouts and includes read is kept too while only templates that none of them
            // includes changed (a new or changed include can change what a name finds).
            let onlyTemplatesChanged = (changed ?? []).allSatisfy { path in
                state.templates[path] != nil && !state.closures.values.contains { $0.files.contains(path) }
            }
            var closures = keepUnrendered && onlyTemplatesChanged ? state.closures : [:]
            closureDataKeys = dataKeys
            var dependencies: [String: PageDependencies] = [:]
            for (index, page) in pages.enumerated() where incremental {
                guard let path = page.outputPath else { continue }
                if keepUnrendered, !renderSet.contains(index), let known = state.dependencies[path] {
                    dependencies[path] = known
                    continue
                }
                dependencies[path] = self.dependencies(of: page, template: templates[page.template], layouts: layouts, globalKeys: closureDataKeys, closures: &closures)
            }
            state.dependencies = dependencies
            if incremental { state.closures = closures }
            state.navigationSignature = navigationSignature
            if incremental {
                state.contents = contentsByPage
                state.writtenPages = finishedPages
                state.journeysGlobal = journeysGlobal
            }
            state.built = true
        }
        timings.mark("write")
        timings.report()
        report.diagnostics = diagnostics.sorted { ($0.path, $0.line, $0.column, $0.message) < ($1.path, $1.line, $1.column, $1.message) }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Drop exact duplicates (the same problem found through two pages of one template).
    static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }

    /// Two pages writing one file is an error naming both; a built-in page gives way silently.
    func resolveConflicts(_ pages: [Page], diagnostics: inout [Diagnostic],
                          permalinkPositions: (Int) -> SourcePosition? = { _ in nil }) -> [Page] {
        var byOutput: [String: Int] = [:]
        var dropped: Set<Int> = []
        for (index, page) in pages.enumerated() {
            guard let path = page.outputPath else { continue }
            guard let other = byOutput[path] else { byOutput[path] = index; continue }
            if page.isVirtual { dropped.insert(index); continue }
            if pages[other].isVirtual { dropped.insert(other); byOutput[path] = index; continue }
            let position = permalinkPositions(page.template)
            diagnostics.append(Diagnostic(.error, path: page.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                message: "writes \(configuration.output)/\(path), which \(pages[other].displayPath) also writes: give one of them another permalink"))
            dropped.insert(index)
        }
        guard !dropped.isEmpty else { return pages }
        return pages.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}
