import Foundation
import Templates

/// Incremental rebuilds: what a change can affect, and writing only the files that differ.
extension SiteSession {
    /// What a page's rendering reads: its template, its layout chain and every template those
    /// extend, include or import (found through the loader), and which of `collections`,
    /// `navigation` and `journeys` any of them names. `closures` caches each file's transitive reads,
    /// and `chains` each layout chain's by the name of its first layout, for all the pages of a build
    /// (most pages share a few chains, whose file sets are large: joining them page by page was most
    /// of this function's cost).
    func dependencies(of page: Page, template: SourceTemplate, layouts: [String: LayoutFile], globalKeys: [String],
                      closures: inout [String: (files: Set<String>, mentions: Set<String>)],
                      chains: inout [String: (files: Set<String>, mentions: Set<String>)]) -> PageDependencies {
        var files: Set<String> = []
        var mentions: Set<String> = []
        func include(_ scan: ScannedTemplate, depth: Int) {
            mentions.formUnion(scan.mentions)
            for name in scan.references {
                guard let url = locate(name, from: template.file.path) else { continue }
                let closure = self.closure(of: url.standardizedFileURL.path, closures: &closures, depth: depth + 1)
                files.formUnion(closure.files)
                mentions.formUnion(closure.mentions)
            }
        }
        include(ScannedTemplate(template.frontMatter.body, dataKeys: globalKeys), depth: 0)
        if let first = page.data["layout"]?.stringValue {
            let chain: (files: Set<String>, mentions: Set<String>)
            if let known = chains[first] {
                chain = known
            } else {
                var chainFiles: Set<String> = [], chainMentions: Set<String> = []
                var cursor: String? = first
                var seen: Set<String> = []
                while let name = cursor, let layout = layouts[name], seen.insert(name).inserted, seen.count < 32 {
                    let closure = self.closure(of: layout.file.standardizedFileURL.path, closures: &closures, depth: 0)
                    chainFiles.formUnion(closure.files)
                    chainMentions.formUnion(closure.mentions)
                    cursor = layout.parentName
                }
                chain = (chainFiles, chainMentions)
                chains[first] = chain
            }
            // A page's own template rarely includes anything: then the chain's sets are shared, not copied.
            if files.isEmpty { files = chain.files } else { files.formUnion(chain.files) }
            if mentions.isEmpty { mentions = chain.mentions } else { mentions.formUnion(chain.mentions) }
        }
        // A built-in page reads collections in its layout; a page of the site that paginates them
        // sees them through its own pagination data, compared page by page.
        if template.isVirtual { mentions.insert("collections") }
        if Self.paginatesCollections(page.data) { mentions.insert(ScannedTemplate.paginatesCollections) }
        if case .object(let pagination)? = page.data["pagination"], let source = pagination["data"]?.stringValue,
           let key = source.split(separator: ".").first.map(String.init), globalKeys.contains(key) {
            mentions.insert("data:" + key)
        }
        // Data strings rendered for the page (permalink, computed values) may name global data too.
        for key in globalKeys where !mentions.contains("data:" + key) {
            if case .string(let permalink)? = page.data["permalink"], permalink.contains(key) { mentions.insert("data:" + key) }
        }
        return PageDependencies(template: template.file.standardizedFileURL.path, files: files, mentions: mentions)
    }

    /// A file and everything it extends, includes or imports, with what they name.
    private func closure(of path: String, closures: inout [String: (files: Set<String>, mentions: Set<String>)], depth: Int) -> (files: Set<String>, mentions: Set<String>) {
        if let known = closures[path] { return known }
        closures[path] = ([path], [])  // a cycle stops here
        guard depth < 50, let data = FileManager.default.contents(atPath: path) else { return ([path], []) }
        let scan = ScannedTemplate(String(decoding: data, as: UTF8.self), dataKeys: closureDataKeys)
        var files: Set<String> = [path]
        var mentions = scan.mentions
        for name in scan.references {
            guard let url = locate(name, from: path) else { continue }
            let inner = closure(of: url.standardizedFileURL.path, closures: &closures, depth: depth + 1)
            files.formUnion(inner.files)
            mentions.formUnion(inner.mentions)
        }
        closures[path] = (files, mentions)
        return (files, mentions)
    }

    /// The file a template name means, as the template engine finds it: `./x` and `../x` beside
    /// the file that names it (inside the input folder), others in the layouts and includes folders.
    private func locate(_ name: String, from path: String) -> URL? {
        guard name.hasPrefix("./") || name.hasPrefix("../") else { return renderer.environment.loader.locate(name) }
        let candidate = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).standardizedFileURL
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// The pages to render: all on a full build; on a rebuild, the pages of changed templates, the
    /// pages whose layouts or includes changed, and, when a template changed, the pages that read
    /// collections or journeys (and navigation, when the navigation changed). A changed data file
    /// or a template added or removed renders everything.
    /// `templateKeys`: each template's standardized path, when known; `summaries`: what
    /// `changedSummaries` found, when already worked out.
    func pagesToRender(_ pages: [Page], templates: [SourceTemplate], templateKeys: [String]? = nil, changed: Set<String>?, previousTemplates: Set<String>,
                       navigationChanged: Bool, journeysChanged: Bool = true,
                       summaries: (data: Set<Int>, navigation: Set<Int>)? = nil) -> Set<Int> {
        let all = Set(pages.indices)
        guard let changed else { return all }
        // Each template's path once (standardizing a URL is slow enough to count on every save).
        let pathByTemplate = templateKeys ?? templates.map { $0.file.standardizedFileURL.path }
        let templatePaths = Set(pathByTemplate)
        // A template added or removed changes collections and navigation everywhere.
        if templatePaths != previousTemplates { return all }
        var changedTemplates: Set<String> = []
        var changedFiles: Set<String> = []
        var dataFolders: Set<String> = []  // directory data changed: the pages below these folders
        var globalKeys: Set<String> = []    // global data changed: the pages that name these keys
        let input = configuration.inputURL.path, data = configuration.dataURL.path
        let dataSuffixes = [".11tydata.json", ".11tydata.js", ".json", ".js", ".cjs", ".mjs", ".yml", ".yaml"]
        for path in changed {
            if templatePaths.contains(path) {
                changedTemplates.insert(path)
                continue
            }
            guard let suffix = dataSuffixes.first(where: { path.hasSuffix($0) }) else {
                changedFiles.insert(path)  // a layout, an include, a macro
                continue
            }
            let name = String(path.split(separator: "/").last ?? "")
            let stem = String(name.dropLast(suffix.count))
            if path.hasPrefix(data + "/") {
                // `_data/app.json` is `app`; `_data/site/nav.json` is under `site`.
                globalKeys.insert(String(path.dropFirst(data.count + 1).split(separator: "/").first.map { String($0) }?.split(separator: ".").first ?? ""))
            } else if path == configuration.root.appendingPathComponent("package.json").path {
                globalKeys.insert("pkg")
            } else if path.hasPrefix(input + "/") {
                let folderPath = String(path.dropFirst(input.count + 1).dropLast(name.count + 1))
                let folderName = folderPath.split(separator: "/").last.map(String.init) ?? configuration.inputURL.lastPathComponent
                let beside = (path as NSString).deletingLastPathComponent
                if stem == folderName {
                    dataFolders.insert(folderPath)
                } else if let template = templatePaths.first(where: { ($0 as NSString).deletingLastPathComponent == beside && EleventyPath($0).nameWithoutExtension == stem }) {
                    changedTemplates.insert(template)  // a template data file
                } else {
                    return all
                }
            } else {
                return all
            }
        }
        let dataChanged = !dataFolders.isEmpty || !globalKeys.isEmpty
        // What other pages see of the changed templates' pages: when it is the same as before (the
        // body was edited), pages listing them are rendered again only if they read pages' content.
        // A page whose own data changed (its navigation's previous/next, a pagination of
        // collections) is rendered too.
        // After a global data change, a page whose computed data (`eleventyComputed`, a permalink)
        // changed with it is rendered too, though its templates never name the data.
        let (changedPages, changedNavigation) = !globalKeys.isEmpty ? changedSummaries(pages, skipping: globalKeys)
            : changedTemplates.isEmpty ? ([], []) : (summaries ?? changedSummaries(pages))
        let summariesChanged = !changedPages.isEmpty || pages.count != state.writtenPages.count
        var selected: Set<Int> = []
        for (index, page) in pages.enumerated() {
            let path = pathByTemplate[page.template]
            if changedTemplates.contains(path) || changedPages.contains(index) { selected.insert(index); continue }
            if !dataFolders.isEmpty, !templates[page.template].isVirtual,
               dataFolders.contains(where: { $0.isEmpty || templates[page.template].path.relative.hasPrefix($0 + "/") }) { selected.insert(index); continue }
            guard let output = page.outputPath, let previous = state.dependencies[output] else { selected.insert(index); continue }
            // A changed template can be included by another page (`{% include "./part.njk" %}`).
            if !changedFiles.isDisjoint(with: previous.files) || !changedTemplates.isDisjoint(with: previous.files) { selected.insert(index); continue }
            if globalKeys.contains(where: { previous.mentions.contains("data:" + $0) }) { selected.insert(index); continue }
            if dataChanged, previous.mentions.contains("collections") || previous.mentions.contains("journeys")
                || previous.mentions.contains(ScannedTemplate.paginatesCollections) { selected.insert(index); continue }
            if !changedTemplates.isEmpty, previous.mentions.contains("collections"),
               summariesChanged || previous.mentions.contains(ScannedTemplate.itemContent) { selected.insert(index); continue }
            if !changedNavigation.isEmpty, previous.mentions.contains("navigation"),
               changedNavigation.contains(index) || previous.mentions.contains("collections") { selected.insert(index); continue }
            if !changedTemplates.isEmpty, journeysChanged, previous.mentions.contains("journeys") { selected.insert(index); continue }
            if navigationChanged, previous.mentions.contains(ScannedTemplate.navigationTree) { selected.insert(index) }
        }
        return selected
    }

    /// The pages whose collection item (url, paths, date, data but `navigation`) differs from
    /// the last written build's, or that are new; and apart, the pages whose `navigation` data does.
    /// `keys`: each page's `inputPath#pageNumber`; `kept`: pages known to be the last build's
    /// but for navigation (their data is not compared).
    /// With `sameNavigation` (the navigation's entries are the last build's), a kept page's
    /// navigation data is the same too and is not compared either.
    /// `skipping`: data keys not compared (changed global data: a page reading it is found by
    /// its mentions, and what it computes from it shows in its other keys).
    /// `navigationTexts`: each page's `NavigationTree.dataSignature`, compared (when the pages
    /// are the last build's, in order) instead of the navigation data.
    func changedSummaries(_ pages: [Page], keys: [String]? = nil, kept: [Bool]? = nil, sameNavigation: Bool = false,
                          skipping: Set<String> = [], navigationTexts: [String]? = nil) -> (data: Set<Int>, navigation: Set<Int>) {
        let written = state.writtenPages
        // The same pages in the same order as the last build (the usual rebuild): no lookups.
        let aligned = keys.map { $0 == state.writtenKeys } ?? false
        let texts = aligned && navigationTexts?.count == pages.count && state.navigationTexts.count == pages.count ? navigationTexts : nil
        let previousTexts = state.navigationTexts
        var lookup: [String: Int] = [:]
        if !aligned {
            for (index, page) in written.enumerated() { lookup["\(page.inputPath)#\(page.pageNumber)"] = index }
        }
        let before = lookup
        // Compared on every core: with the navigation changed, every page's is compared.
        let flags: [(data: Bool, navigation: Bool)] = Parallel.map(count: pages.count) { index in
            let page = pages[index]
            let isKept = kept?[index] ?? false
            if isKept && sameNavigation { return (false, false) }
            let key = keys.map { $0[index] } ?? "\(page.inputPath)#\(page.pageNumber)"
            guard let oldIndex = aligned ? index : before[key], oldIndex < written.count else { return (true, true) }
            let new = CollectionSummary(page), previous = CollectionSummary(written[oldIndex])
            let dataChanged = !isKept && !(skipping.isEmpty ? new.isSame(as: previous) : new.isSame(as: previous, skipping: skipping))
            if let texts { return (dataChanged, texts[index] != previousTexts[index]) }
            return (dataChanged, !new.hasSameNavigation(as: previous))
        }
        var data: Set<Int> = [], navigation: Set<Int> = []
        for (index, flag) in flags.enumerated() {
            if flag.data { data.insert(index) }
            if flag.navigation { navigation.insert(index) }
        }
        return (data, navigation)
    }

    /// Write the pages whose content differs from the last build's into the output folder, each
    /// file replaced atomically.
    func writeFiles(_ outputs: [(path: String, content: PageOutput)], diagnostics: inout [Diagnostic]) {
        let root = configuration.outputURL
        for (path, content) in outputs where state.outputs[path] != content {
            let parts = path.split(separator: "/")
            guard !parts.contains(".."), !parts.isEmpty else { continue }
            let url = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
            let data = content.withUTF8 { Data(buffer: $0) }
            if SiteWriter.replaceFile(url.path, with: data) { continue }
            // The slow way, for its error message.
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                diagnostics.append(Diagnostic(.error, path: configuration.output, message: "cannot write \(path): \(error.localizedDescription)"))
            }
        }
    }

    /// Write the files of a rebuild that differ from the last build straight into the output
    /// folder (each file replaced atomically), remove pages that are gone, and copy changed files.
    /// `checkCopies: false` when no copied file can have changed (only templates did): the copies'
    /// dates are not read then, and only copies new to the site are made.
    func writeChanged(_ outputs: [(path: String, content: PageOutput)], copies: [CopyJob], checkCopies: Bool = true, diagnostics: inout [Diagnostic]) -> Int {
        let fm = FileManager.default
        let root = configuration.outputURL
        func target(_ path: String) -> URL? {
            let parts = path.split(separator: "/")
            guard !parts.contains(".."), !parts.isEmpty else { return nil }
            return parts.reduce(root) { $0.appendingPathComponent(String($1)) }
        }
        let current = Set(outputs.map(\.path))
        writeFiles(outputs, diagnostics: &diagnostics)
        for path in state.outputs.keys where !current.contains(path) {
            if let url = target(path) { try? fm.removeItem(at: url) }
        }
        var copied = 0
        // Made at the first copy: it reads the umask and resolves the output's links once.
        var writer: SiteWriter?
        for job in copies {
            guard checkCopies, let url = target(job.target), !current.contains(job.target) else { continue }
            let sourceDate = (try? fm.attributesOfItem(atPath: job.source.path)[.modificationDate]) as? Date
            let targetDate = (try? fm.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            if let targetDate, let sourceDate, targetDate >= sourceDate { continue }
            do {
                // The full build's copy, so that a rebuild copies links, pipes and modes as it does.
                if writer == nil { writer = try SiteWriter(output: root, protecting: []) }
                try writer?.copy(job.source, toPath: url.path, naming: job.target)
                copied += 1
            } catch {
                diagnostics.append(Diagnostic(.error, path: configuration.output, message: "cannot copy \(job.target): \(error)"))
            }
        }
        return copied
    }
}
