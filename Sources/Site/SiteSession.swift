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
        var outputs: [String: PageOutput] = [:]
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
        /// Their keys (`inputPath#pageNumber`), in the same order.
        var writtenKeys: [String] = []
        /// And their navigation as `NavigationTree.dataSignature` gives it.
        var navigationTexts: [String] = []
        /// Each layout's and include's transitive reads, from the last build that succeeded.
        var closures: [String: (files: Set<String>, mentions: Set<String>)] = [:]
        var journeysGlobal: TemplateValue = .undefined
        var built = false
        /// What a rebuild changing only templates can take from the last successful build.
        var cache = SiteSessionCache()
        /// The journey catalog's own model checks: the catalog is compiled in, so they never change.
        var catalogDiagnostics: [Diagnostic]?
        /// The section folders of `posts/`, listed once per build (`sectionFolders()`).
        var sectionFolders: [String]?
    }

    /// What a page's rendering read, so a rebuild knows whether a change can affect it.
    struct PageDependencies: Sendable {
        var template: String
        /// Layouts and the templates they extend, include or import.
        var files: Set<String>
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
        rebuild(changed: changed, pagesWritten: nil)
    }

    /// Rebuild, calling `pagesWritten` (on the building thread, before returning) once every
    /// changed page that can be shown in a browser is written, with what the build has found so
    /// far; the pages no tab shows (feed, search index, XML sitemap) are rendered and written
    /// after it. It is not called when the build fails before then.
    public func rebuild(changed: [URL], pagesWritten: ((BuildReport) -> Void)?) -> BuildReport {
        lock.lock()
        defer { lock.unlock() }
        guard state.built else { return run(write: true, changed: nil) }
        // Changes of a rebuild that failed were never written: they count again now.
        let paths = Set(changed.map { $0.standardizedFileURL.path }).union(state.pendingChanges)
        let report = run(write: true, changed: paths, pagesWritten: pagesWritten)
        state.pendingChanges = report.errors > 0 ? paths : []
        return report
    }

    /// The output paths and contents of the last build, for tests and the preview server.
    public var lastOutputs: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return state.outputs.mapValues(\.text)
    }

    /// The output paths of the last build (without making a string of every page).
    public var lastOutputPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(state.outputs.keys)
    }

    // MARK: - The pipeline

    private func run(write: Bool, changed: Set<String>?, pagesWritten: ((BuildReport) -> Void)? = nil) -> BuildReport {
        let start = Date()
        var timings = StageTimings(enabled: ProcessInfo.processInfo.environment["SITE_TIMINGS"] != nil)
        var report = BuildReport()
        var diagnostics: [Diagnostic] = []
        let cache = state.cache
        state.sectionFolders = nil

        // A rebuild whose changes are all templates the last build had (none of them copied as a
        // file too) takes data, layouts, copies and the unchanged templates' pages from the cache;
        // it is sure once the walk finds the same templates (`fast`).
        // (A template another page includes or uses as a layout is more than a template: no.)
        let onlyKnownTemplates = changed.map { paths in
            cache.valid && paths.allSatisfy { state.templates[$0] != nil } && cache.copySources.isDisjoint(with: paths)
                && cache.dependencyFiles.isDisjoint(with: paths)
        } ?? false
        // Includes, macros and extended layouts are read again when one of them may have changed.
        if !onlyKnownTemplates { renderer.environment.clearCache() }

        // Load: global data, templates (in parallel; unchanged ones kept), directory data, layouts.
        let globalData: TemplateObject
        var globalDiagnostics: [Diagnostic] = []
        if onlyKnownTemplates {
            globalData = cache.globalData
            globalDiagnostics = cache.globalDiagnostics
        } else {
            globalData = loadGlobalData(diagnostics: &globalDiagnostics)
        }
        diagnostics += globalDiagnostics
        let input = configuration.inputURL
        if !FileManager.default.fileExists(atPath: input.path) {
            diagnostics.append(Diagnostic(.error, path: displayPath(input), message: "the input folder does not exist"))
        }
        let sources = scanInput().map { (relative: $0.relative, url: $0.url, virtual: false) }
            + virtualTemplates().map { (relative: $0.relative, url: $0.url, virtual: true) }
        // The walk gives standardized paths already (it starts from a standardized folder).
        let sourceKeys = sources.map(\.url.path)
        let previous = state.templates
        let previousTemplates = Set(previous.keys)
        let inputName = configuration.inputName
        let inputPrefix = inputName.hasPrefix("/") ? inputName + "/" : "./" + inputName + "/"
        let loaded: [SourceTemplate?] = Parallel.map(count: sources.count) { index in
            let source = sources[index]
            if let changed, !changed.contains(sourceKeys[index]), let cached = previous[sourceKeys[index]] { return cached }
            return SourceTemplate.load(file: source.url, relative: source.relative, displayPath: self.displayPath(source.url),
                                       inputPath: source.virtual ? "./(built-in)/virtual/" + source.relative : inputPrefix + source.relative,
                                       isVirtual: source.virtual)
        }
        var templateList: [SourceTemplate] = [], keyList: [String] = []
        for (index, template) in loaded.enumerated() {
            guard let template else { continue }
            templateList.append(template)
            keyList.append(sourceKeys[index])
        }
        let templates = templateList, templateKeys = keyList
        for template in templates { diagnostics += template.diagnostics }
        let fast = onlyKnownTemplates && templateKeys == cache.templateKeys
        if fast {
            for (index, key) in templateKeys.enumerated() where changed?.contains(key) ?? false { state.templates[key] = templates[index] }
        } else {
            state.templates = Dictionary(zip(templateKeys, templates), uniquingKeysWith: { a, _ in a })
        }
        let changedIndices: Set<Int> = fast ? Set(templateKeys.indices.filter { changed?.contains(templateKeys[$0]) ?? true }) : Set(templates.indices)

        let directoryData: [String: TemplateObject]
        var directoryDiagnostics: [Diagnostic] = []
        if fast {
            directoryData = cache.directoryData
            directoryDiagnostics = cache.directoryDiagnostics
        } else {
            let folders = Set(templates.filter { !$0.isVirtual }.map { $0.path.folders.joined(separator: "/") })
            var allFolders = folders
            for folder in folders {
                var parts = folder.split(separator: "/").map(String.init)
                while !parts.isEmpty { parts.removeLast(); allFolders.insert(parts.joined(separator: "/")) }
            }
            allFolders.insert("")
            directoryData = loadDirectoryData(folders: allFolders, diagnostics: &directoryDiagnostics)
        }
        diagnostics += directoryDiagnostics

        timings.mark("load")
        // The cascade without layouts and global data, to learn each page's layout (only the
        // changed templates' on a fast rebuild).
        let cascadeIndices = changedIndices.union(fast ? cache.deferred : []).sorted()
        let cascades: [(data: TemplateObject, diagnostics: [Diagnostic])] = Parallel.map(cascadeIndices) { index in
            let template = templates[index]
            var diagnostics: [Diagnostic] = []
            var data = template.isVirtual ? TemplateObject() : (directoryData[template.path.folders.joined(separator: "/")] ?? TemplateObject())
            DataMerge.merge(&data, DataMerge.normalizingTags(self.templateDataFiles(for: template, diagnostics: &diagnostics)))
            DataMerge.merge(&data, DataMerge.normalizingTags(template.frontMatter.data))
            return (data, diagnostics)
        }
        var ownDataList = [TemplateObject?](repeating: nil, count: templates.count)
        var cascadeDiagnostics = fast ? cache.cascadeDiagnostics : [[Diagnostic]](repeating: [], count: templates.count)
        var layoutNameOf = fast ? cache.layoutNames : [String?](repeating: nil, count: templates.count)
        for (position, index) in cascadeIndices.enumerated() {
            ownDataList[index] = cascades[position].data
            cascadeDiagnostics[index] = cascades[position].diagnostics
            layoutNameOf[index] = if case .string(let name)? = cascades[position].data["layout"], !name.isEmpty { name } else { nil }
        }
        for list in cascadeDiagnostics { diagnostics += list }
        var layoutNames = Set(layoutNameOf.compactMap { $0 })
        if case .string(let name)? = globalData["layout"] { layoutNames.insert(name) }
        let layouts: [String: LayoutFile]
        let parsedLayouts: [String: Template]
        var layoutDiagnostics: [Diagnostic] = []
        if fast && layoutNames == cache.layoutNameSet {
            layouts = cache.layouts
            parsedLayouts = cache.parsedLayouts
            layoutDiagnostics = cache.layoutDiagnostics
        } else {
            layouts = loadLayouts(names: layoutNames, diagnostics: &layoutDiagnostics)
            parsedLayouts = renderer.parseLayouts(layouts, diagnostics: &layoutDiagnostics)
        }
        diagnostics += layoutDiagnostics
        let ownData = ownDataList

        // Full data: global < layout front matter < directory data < template data < front matter.
        let fullData: [TemplateObject] = Parallel.map(cascadeIndices) { index in
            var data = globalData
            let own = ownData[index] ?? TemplateObject()
            let layout: String? = if case .string(let name)? = own["layout"] { name } else if case .string(let name)? = globalData["layout"] { name } else { nil }
            DataMerge.merge(&data, Self.layoutData(layout, layouts: layouts))
            DataMerge.merge(&data, own)
            return data
        }
        var dataList = [TemplateObject?](repeating: nil, count: templates.count)
        for (position, index) in cascadeIndices.enumerated() { dataList[index] = fullData[position] }
        let dataByTemplate = dataList

        timings.mark("cascade")
        // Pages: URLs, pagination, computed data. Templates paginating collections wait for them.
        var deferred = fast ? cache.deferred : []
        for index in cascadeIndices {
            if let data = dataByTemplate[index], Self.paginatesCollections(data) { deferred.insert(index) } else { deferred.remove(index) }
        }
        let expandNow = cascadeIndices.filter { !deferred.contains($0) }
        let first: [(pages: [Page], diagnostics: [Diagnostic])] = Parallel.map(expandNow) { index in
            var diagnostics: [Diagnostic] = []
            let pages = self.expand(templateIndex: index, template: templates[index], data: dataByTemplate[index] ?? TemplateObject(),
                                    collections: nil, renderer: self.renderer, diagnostics: &diagnostics)
            return (pages, diagnostics)
        }
        var expansions = fast ? cache.expansions : [(pages: [Page], diagnostics: [Diagnostic])](repeating: ([], []), count: templates.count)
        for (position, index) in expandNow.enumerated() { expansions[index] = first[position] }
        // Pages paginating collections see the same collections when every changed template's
        // pages show the same items as before (a body edit): their pages are kept then.
        let deferredKept = fast && deferred == cache.deferred && changedIndices.isDisjoint(with: deferred) && changedIndices.allSatisfy { index in
            let new = expansions[index].pages, old = cache.expansions[index].pages
            return new.count == old.count && zip(new, old).allSatisfy { CollectionSummary($0).isSame(as: CollectionSummary($1)) && $0.inCollections == $1.inCollections }
        }
        if !deferred.isEmpty && !deferredKept {
            var early: [Page] = []
            for index in templates.indices where !deferred.contains(index) { early += expansions[index].pages }
            let collections = buildCollections(early, templates: templates)
            let later: [(pages: [Page], diagnostics: [Diagnostic])] = Parallel.map(deferred.sorted()) { index in
                var diagnostics: [Diagnostic] = []
                let pages = self.expand(templateIndex: index, template: templates[index], data: dataByTemplate[index] ?? TemplateObject(),
                                        collections: collections, renderer: self.renderer, diagnostics: &diagnostics)
                return (pages, diagnostics)
            }
            for (position, index) in deferred.sorted().enumerated() { expansions[index] = later[position] }
        }
        var pages: [Page] = []
        for index in templates.indices where !deferred.contains(index) { pages += expansions[index].pages }
        for index in deferred.sorted() { pages += expansions[index].pages }
        for expansion in expansions { diagnostics += expansion.diagnostics }
        // The templates whose pages are exactly the last successful build's (before navigation).
        let keptTemplates: Set<Int> = fast ? Set(templates.indices.filter { !changedIndices.contains($0) && (!deferred.contains($0) || deferredKept) }) : []

        timings.mark("pages")
        // Two pages writing one file: an error naming both; a built-in generated page gives way
        // to a page of the site.
        pages = resolveConflicts(pages, diagnostics: &diagnostics, permalinkPositions: { templates[$0].frontMatter.positions["permalink"] })

        // Every file the site will have, for the checks.
        let copies: [CopyJob]
        var copyDiagnostics: [Diagnostic] = []
        if fast {
            copies = cache.copies
            copyDiagnostics = cache.copyDiagnostics
        } else {
            copies = copyJobs(diagnostics: &copyDiagnostics)
        }
        diagnostics += copyDiagnostics
        var files = Set(copies.map(\.target))
        for page in pages { if let path = page.outputPath { files.insert(path) } }
        let filesSame = fast && files == cache.siteFiles

        // Navigation, journeys, collections.
        let order = Self.collectionOrder(pages)
        timings.mark("copies")
        let pageKeys = pages.map { "\($0.inputPath)#\($0.pageNumber)" }
        // The navigation is the last build's when the same pages come in the same order and the
        // changed ones show what they showed (a body edit): each page keeps its navigation data.
        let written = state.writtenPages
        let navigationKept = fast && deferredKept && written.count == pages.count && pageKeys == state.writtenKeys
        let navigation: NavigationTree? = navigationKept ? nil : NavigationTree(pages: pages, order: order, homeKey: configuration.homeKey)
        var navigationDiagnostics: [Diagnostic] = navigationKept ? cache.navigationDiagnostics : []
        for orphan in navigation?.orphans ?? [] where orphan.parent != configuration.homeKey {
            let page = pages[orphan.page]
            navigationDiagnostics.append(Diagnostic(.warning, path: page.displayPath, line: 1, column: 1,
                message: "eleventyNavigation parent '\(orphan.parent ?? "")' is not the key of any page, so '\(orphan.key)' is missing from the navigation"))
        }
        diagnostics += navigationDiagnostics
        let navigationKeys = navigation?.keysByPage ?? [:]
        let siteFiles = files
        let catalog = journeys
        // One journey check a page, for its data, the global data and its diagnostics.
        // A page that names no journey is not checked (and its body need not be read for one).
        let journeyPages = pages.indices.filter { pages[$0].data["journey"]?.isTruthy ?? false }
        let journeyInputs: [JourneyPageInput] = journeyPages.map { index in
            let page = pages[index], template = templates[page.template]
            return JourneyPageInput(path: template.displayPath, data: page.data, positions: template.frontMatter.positions,
                                    body: template.frontMatter.body, bodyLine: template.frontMatter.bodyLine, url: page.url ?? "",
                                    siteHasFile: { Self.siteHas($0, files: siteFiles) })
        }
        let journeyResults: [PageCheck?] = Parallel.map(journeyInputs) { journeyPage(for: $0, catalog: catalog) }
        var journeyChecks = [PageCheck?](repeating: nil, count: pages.count)
        for (position, index) in journeyPages.enumerated() { journeyChecks[index] = journeyResults[position] }
        let journeyData = journeyChecks.map { $0.flatMap(journeyPageData(check:)) }
        if state.catalogDiagnostics == nil { state.catalogDiagnostics = journeyCatalogDiagnostics(catalog: catalog) }
        diagnostics += state.catalogDiagnostics ?? []
        timings.mark("journeys")
        let pagesBeforeNavigation = pages
        pages = Parallel.map(count: pages.count) { index in
            let kept = keptTemplates.contains(pagesBeforeNavigation[index].template)
            if navigationKept, kept, journeyData[index] == nil { return written[index] }
            var page = pagesBeforeNavigation[index]
            if let value = journeyData[index] { page.data["journey"] = value }
            page.data["navigation"] = navigation?.data(forPage: index, key: navigationKeys[index]) ?? written[index].data["navigation"]
            return page
        }
        timings.mark("navigation-data")
        let journeysGlobal = JourneyTemplateData.global(catalog: catalog, pages: zip(journeyInputs, journeyResults).compactMap { input, check in
            check.map { (input.url, input.data["title"]?.stringValue ?? input.url, $0) }
        })

        let finishedPages = pages
        // Pages exactly as the last successful build had them before navigation (journey pages
        // apart: their journey data is checked again).
        let keptPages: [Bool] = pages.indices.map { keptTemplates.contains(pages[$0].template) && journeyChecks[$0] == nil }
        timings.mark("navigation")
        // Decide what to render: everything, or on a rebuild what the change can affect.
        // One line per navigation entry saying everything its summary holds; the whole is the
        // navigation's signature, and each page's navigation is told apart by the lines it shows.
        let entryLines = navigation?.entries.map { "\($0.key)|\($0.title)|\($0.url)|\($0.parent ?? "")|\($0.order)|\($0.excerpt.json() ?? $0.excerpt.stringValue)" } ?? []
        let navigationSignature = navigation == nil ? state.navigationSignature : entryLines.joined(separator: "\n")
        let navigationTexts: [String] = navigation.map { tree in
            Parallel.map(count: pages.count) { tree.dataSignature(forPage: $0, key: navigationKeys[$0], lines: entryLines) }
        } ?? state.navigationTexts
        let navigationChanged = navigationSignature != state.navigationSignature
        let summaries = changed == nil ? (data: Set<Int>(), navigation: Set<Int>()) : changedSummaries(pages, keys: pageKeys, kept: keptPages, sameNavigation: !navigationChanged,
                                                                                                     navigationTexts: navigationTexts)
        let renderSet = pagesToRender(pages, templates: templates, templateKeys: templateKeys, changed: changed, previousTemplates: previousTemplates,
                                      navigationChanged: navigationChanged,
                                      journeysChanged: !CollectionSummary.same(journeysGlobal, state.journeysGlobal, depth: 0),
                                      summaries: summaries)
        report.pages = renderSet.count { pages[$0].outputPath != nil }
        timings.mark("plan")
        timings.note("rendered \(report.pages) of \(pages.count) pages" + (fast ? ", \(keptTemplates.count) templates kept" : "")
            + (ProcessInfo.processInfo.environment["SITE_TIMINGS"] == "pages" ? ": " + renderSet.sorted().prefix(30).compactMap { pages[$0].outputPath }.joined(separator: " ") : ""))

        // Pages no tab shows and no collection lists (not HTML: the feed, the search index, the XML
        // sitemap) wait, on a rebuild with someone to tell, until the others are written and
        // `pagesWritten` has been told: a tab can reload the page it shows sooner.
        let late: Set<Int> = pagesWritten == nil || !write ? [] : renderSet.filter { index in
            guard let path = pages[index].outputPath, !pages[index].inCollections else { return false }
            return !path.hasSuffix(".html") && !path.hasSuffix(".htm")
        }
        let firstSet = renderSet.subtracting(late)

        // Render bodies, then layouts, in parallel; collections carry the rendered bodies.
        // Bodies see collections without rendered content; build them only if a body names them.
        let bodiesReadCollections = { (set: Set<Int>) in
            set.contains { index in
                let body = templates[pages[index].template].frontMatter.body
                return SiteRenderer.hasTemplateSyntax(body) && body.contains("collections")
            }
        }
        let collections = bodiesReadCollections(firstSet) ? buildCollections(pages, templates: templates) : TemplateObject()
        let renderer = self.renderer
        let previousContents = state.contents
        let renderBody: @Sendable (Int, TemplateObject) -> (content: String, links: [MarkdownLink]?, diagnostics: [Diagnostic]) = { index, collections in
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
        let bodies: [(content: String, links: [MarkdownLink]?, diagnostics: [Diagnostic])] = Parallel.map(count: pages.count) { index in
            guard firstSet.contains(index) else { return (previousContents[pageKeys[index]] ?? "", nil, []) }
            return renderBody(index, collections)
        }
        for body in bodies { diagnostics += body.diagnostics }
        var contents = bodies.map(\.content)
        // Whether each page's rendered body is the last successful build's.
        // (A late page's is not known yet: taken as changed.)
        let contentSame: [Bool] = pages.indices.map { !renderSet.contains($0) || (firstSet.contains($0) && previousContents[pageKeys[$0]] == contents[$0]) }
        timings.mark("bodies")
        // Collection items that are the last build's (same page, navigation and content) are reused.
        let itemsKept = fast && !navigationChanged
        let cachedItems: [TemplateValue?] = pages.indices.map { index in
            guard itemsKept, keptPages[index], contentSame[index], !summaries.navigation.contains(index) else { return nil }
            return cache.items[pageKeys[index]]
        }
        let (finalCollections, items) = buildCollections(pages, templates: templates, contents: contents, cachedItems: cachedItems)
        timings.mark("collections")
        let renderLayouts: @Sendable (Int, String) -> (output: PageOutput, diagnostics: [Diagnostic]) = { index, content in
            let page = finishedPages[index]
            var context = page.data
            context["collections"] = .object(finalCollections)
            context["journeys"] = journeysGlobal
            var diagnostics: [Diagnostic] = []
            let layout: String? = if case .string(let name)? = page.data["layout"] { name } else { nil }
            let output = renderer.applyLayouts(content, layout: layout?.isEmpty == false ? layout : nil, layouts: layouts,
                                               parsed: parsedLayouts, context: context, pagePath: page.displayPath,
                                               layoutPosition: templates[page.template].frontMatter.positions["layout"], diagnostics: &diagnostics)
            return (output, diagnostics)
        }
        let firstContents = contents
        var rendered: [(output: PageOutput, diagnostics: [Diagnostic])] = Parallel.map(count: pages.count) { index in
            guard firstSet.contains(index), finishedPages[index].outputPath != nil else { return (PageOutput(""), []) }
            return renderLayouts(index, firstContents[index])
        }
        for result in rendered { diagnostics += result.diagnostics }

        timings.mark("layouts")
        // Checks. Every page is checked on a rebuild too (a new image can resolve a warning of a
        // page not rendered again), but a page, content and set of files the last build checked
        // keep what it found.
        let checkPage: @Sendable (Int, String, [MarkdownLink]?) -> [Diagnostic] = { index, content, links in
            let page = finishedPages[index]
            let template = templates[page.template]
            guard !template.isVirtual else { return [] }
            if filesSame, keptPages[index], contentSame[index], let known = cache.checks[pageKeys[index]] { return known }
            return self.check(page, template: template, content: content, links: links, files: siteFiles)
        }
        var checks: [[Diagnostic]] = Parallel.map(count: pages.count) { index in
            late.contains(index) ? [] : checkPage(index, bodies[index].content, bodies[index].links)
        }
        for list in checks { diagnostics += list }
        for check in journeyChecks { diagnostics += check?.problems.map(Diagnostic.init(problem:)) ?? [] }

        timings.mark("checks")
        // Write.
        var outputs: [(path: String, content: PageOutput)] = []
        var outputIndex: [Int: Int] = [:]  // page -> its place in `outputs`
        for index in pages.indices {
            guard let path = pages[index].outputPath else { continue }
            outputIndex[index] = outputs.count
            outputs.append((path, firstSet.contains(index) ? rendered[index].output : (state.outputs[path] ?? PageOutput(""))))
        }
        diagnostics = Self.deduplicated(diagnostics)
        var errors = diagnostics.contains { $0.severity == .error }
        if write && !errors {
            if changed == nil {
                report.filesCopied = self.write(pages: outputs, copies: copies, diagnostics: &diagnostics)
            } else {
                report.filesCopied = writeChanged(outputs, copies: copies, checkCopies: !fast, diagnostics: &diagnostics)
            }
        }
        if !late.isEmpty {
            // The pages are written: say so (with what the build found so far), then the late ones.
            if write && !errors, let pagesWritten {
                var partial = report
                partial.diagnostics = diagnostics.sorted { ($0.path, $0.line, $0.column, $0.message) < ($1.path, $1.line, $1.column, $1.message) }
                partial.seconds = Date().timeIntervalSince(start)
                pagesWritten(partial)
            }
            timings.mark("first-pages-written")
            let lateIndices = late.sorted()
            let lateCollections = bodiesReadCollections(late) ? buildCollections(pages, templates: templates) : TemplateObject()
            let lateResults: [(body: (content: String, links: [MarkdownLink]?, diagnostics: [Diagnostic]), page: (output: PageOutput, diagnostics: [Diagnostic]), checks: [Diagnostic])]
                = Parallel.map(lateIndices) { index in
                    let body = renderBody(index, lateCollections)
                    let page = renderLayouts(index, body.content)
                    return (body, page, checkPage(index, body.content, body.links))
                }
            var lateOutputs: [(path: String, content: PageOutput)] = []
            for (position, index) in lateIndices.enumerated() {
                let result = lateResults[position]
                contents[index] = result.body.content
                rendered[index] = result.page
                checks[index] = result.checks
                diagnostics += result.body.diagnostics + result.page.diagnostics + result.checks
                if let place = outputIndex[index] {
                    outputs[place].content = result.page.output
                    lateOutputs.append(outputs[place])
                }
            }
            diagnostics = Self.deduplicated(diagnostics)
            let lateErrors = diagnostics.contains { $0.severity == .error }
            if write && !lateErrors && !errors { writeFiles(lateOutputs, diagnostics: &diagnostics) }
            errors = lateErrors
        }
        timings.mark("write-files")
        state.pages = finishedPages
        state.collections = finalCollections
        if let navigation { state.navigation = navigation.tree }
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
            // Kept pages' reads are in the last build's set already (a larger set only clears
            // parsed includes more often).
            var dependencyFiles: Set<String> = fast ? cache.dependencyFiles : []
            var layoutChains: [String: (files: Set<String>, mentions: Set<String>)] = [:]
            // Most pages' reads are one layout chain's set, shared: each such set is joined once,
            // not once a page. The last few sets joined are remembered (sets compare by identity
            // first, then by count).
            var joinedSets: [Set<String>] = []
            func join(_ files: Set<String>) {
                if joinedSets.contains(files) { return }
                dependencyFiles.formUnion(files)
                if joinedSets.count == 4 { joinedSets.removeFirst() }
                joinedSets.append(files)
            }
            for (index, page) in pages.enumerated() where incremental {
                guard let path = page.outputPath else { continue }
                // A kept page's reads are the same even when it is rendered again: its template,
                // data and layouts are.
                if keepUnrendered, !renderSet.contains(index) || (keptPages[index] && onlyTemplatesChanged), let known = state.dependencies[path] {
                    dependencies[path] = known
                    if !fast { join(known.files) }
                } else {
                    let found = self.dependencies(of: page, template: templates[page.template], layouts: layouts, globalKeys: closureDataKeys,
                                                  closures: &closures, chains: &layoutChains)
                    dependencies[path] = found
                    join(found.files)
                }
            }
            state.dependencies = dependencies
            if incremental { state.closures = closures }
            state.navigationSignature = navigationSignature
            if incremental {
                state.contents = Dictionary(zip(pageKeys, contents), uniquingKeysWith: { a, _ in a })
                state.writtenPages = finishedPages
                state.writtenKeys = pageKeys
                state.navigationTexts = navigationTexts
                state.journeysGlobal = journeysGlobal
                var checksByPage: [String: [Diagnostic]] = [:]
                var itemsByPage: [String: TemplateValue] = [:]
                for index in pages.indices {
                    checksByPage[pageKeys[index]] = checks[index]
                    if let item = items[index] { itemsByPage[pageKeys[index]] = item }
                }
                state.cache = SiteSessionCache(
                    valid: true, templateKeys: templateKeys, globalData: globalData, globalDiagnostics: globalDiagnostics,
                    directoryData: directoryData, directoryDiagnostics: directoryDiagnostics,
                    cascadeDiagnostics: cascadeDiagnostics, layoutNames: layoutNameOf, layoutNameSet: layoutNames,
                    layouts: layouts, parsedLayouts: parsedLayouts, layoutDiagnostics: layoutDiagnostics,
                    deferred: deferred, expansions: expansions, copies: copies, copyDiagnostics: copyDiagnostics,
                    copySources: Set(copies.map(\.source.path)), siteFiles: files, checks: checksByPage, items: itemsByPage,
                    dependencyFiles: dependencyFiles, navigationDiagnostics: navigationDiagnostics)
            }
            state.built = true
        } else {
            state.cache.valid = false
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
