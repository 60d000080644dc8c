import Foundation
import Templates

/// Incremental rebuilds: what a change can affect, and writing only the files that differ.
extension SiteSession {
    /// What a page's rendering reads: its template, its layout chain, and whether the template or a
    /// layout names `collections`, `navigation` or `journeys` (so a change elsewhere can affect it).
    func dependencies(of page: Page, template: SourceTemplate, layouts: [String: LayoutFile]) -> PageDependencies {
        var chain: [String] = []
        var sources = [template.frontMatter.body]
        var cursor = page.data["layout"]?.stringValue
        while let name = cursor, let layout = layouts[name], !chain.contains(layout.file.standardizedFileURL.path), chain.count < 32 {
            chain.append(layout.file.standardizedFileURL.path)
            sources.append(layout.frontMatter.body)
            cursor = layout.parentName
        }
        let reads = template.isVirtual || page.data["pagination"] != nil
            || sources.contains { $0.contains("collections") || $0.contains("navigation") || $0.contains("journeys") || $0.contains("{% include") || $0.contains("{% extends") || $0.contains("{% import") || $0.contains("{% from") }
        return PageDependencies(template: template.file.standardizedFileURL.path, layouts: chain, readsCollections: reads)
    }

    /// The pages to render: all on a full build; on a rebuild, the pages of changed templates, the
    /// pages whose layouts changed, and, when a template changed, every page that reads collections
    /// or navigation. A change to data, includes or anything unknown renders everything.
    func pagesToRender(_ pages: [Page], templates: [SourceTemplate], layouts: [String: LayoutFile], changed: Set<String>?,
                       previousTemplates: Set<String>) -> Set<Int> {
        let all = Set(pages.indices)
        guard let changed else { return all }
        let templatePaths = Set(templates.map { $0.file.standardizedFileURL.path })
        let layoutPaths = Set(layouts.values.map { $0.file.standardizedFileURL.path })
        var changedTemplates: Set<String> = []
        var changedLayouts: Set<String> = []
        for path in changed {
            if templatePaths.contains(path) { changedTemplates.insert(path) }
            else if layoutPaths.contains(path) { changedLayouts.insert(path) }
            else if path.hasPrefix(configuration.inputURL.path + "/") || path.hasPrefix(configuration.dataURL.path + "/")
                        || path.hasPrefix(configuration.includesURL.path + "/") || path.hasPrefix(configuration.layoutsURL.path + "/") {
                // A template that vanished or appeared, a data file, an include: anything may change.
                if TemplateKind(fileName: path) != nil || path.hasSuffix(".json") || path.hasSuffix(".js") || path.hasSuffix(".yml") || path.hasSuffix(".yaml") {
                    return all
                }
            }
        }
        // A template added or removed changes collections and navigation everywhere.
        if templatePaths != previousTemplates { return all }
        var selected: Set<Int> = []
        for (index, page) in pages.enumerated() {
            let template = templates[page.template]
            let path = template.file.standardizedFileURL.path
            if changedTemplates.contains(path) { selected.insert(index); continue }
            guard let output = page.outputPath, let previous = state.dependencies[output] else { selected.insert(index); continue }
            if !changedLayouts.isDisjoint(with: previous.layouts) { selected.insert(index); continue }
            if !changedTemplates.isEmpty && previous.readsCollections { selected.insert(index) }
        }
        return selected
    }

    /// Write the files of a rebuild that differ from the last build straight into the output
    /// folder (each file replaced atomically), remove pages that are gone, and copy changed files.
    func writeChanged(_ outputs: [(path: String, content: String)], copies: [CopyJob], diagnostics: inout [Diagnostic]) -> Int {
        let fm = FileManager.default
        let root = configuration.outputURL
        func target(_ path: String) -> URL? {
            let parts = path.split(separator: "/")
            guard !parts.contains(".."), !parts.isEmpty else { return nil }
            return parts.reduce(root) { $0.appendingPathComponent(String($1)) }
        }
        var current: Set<String> = []
        for (path, content) in outputs {
            current.insert(path)
            guard state.outputs[path] != content, let url = target(path) else { continue }
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url, options: .atomic)
            } catch {
                diagnostics.append(Diagnostic(.error, path: configuration.output, message: "cannot write \(path): \(error.localizedDescription)"))
            }
        }
        for path in state.outputs.keys where !current.contains(path) {
            if let url = target(path) { try? fm.removeItem(at: url) }
        }
        var copied = 0
        for job in copies {
            guard let url = target(job.target), !current.contains(job.target) else { continue }
            let sourceDate = (try? fm.attributesOfItem(atPath: job.source.path)[.modificationDate]) as? Date
            let targetDate = (try? fm.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            if let targetDate, let sourceDate, targetDate >= sourceDate { continue }
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
                try fm.copyItem(at: job.source, to: url)
                copied += 1
            } catch {
                diagnostics.append(Diagnostic(.error, path: configuration.output, message: "cannot copy \(job.target): \(error.localizedDescription)"))
            }
        }
        return copied
    }
}
