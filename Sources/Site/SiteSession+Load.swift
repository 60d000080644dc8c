import Foundation
import Templates

/// Loading: the input walk, global data, directory and template data files, layouts, and the data
/// cascade of each template.
extension SiteSession {
    /// Template files of the input (relative path and URL), sorted, skipping `node_modules`,
    /// dot-files, the layouts, includes and data folders and the output folder.
    func scanInput() -> [(relative: String, url: URL)] {
        let input = configuration.inputURL
        let skipped: Set<String> = [configuration.layoutsURL.path, configuration.includesURL.path, configuration.dataURL.path, configuration.outputURL.path]
        var found: [(String, URL)] = []
        var files: Set<String> = []
        walk(input, relative: "", skipped: skipped) { relative, url in
            files.insert(relative)
            if TemplateKind(fileName: relative) != nil { found.append((relative, url)) }
        }
        inputFiles = files
        let ignores = ignorePatterns()
        if !ignores.isEmpty {
            let prefix = configuration.inputName + "/"
            found.removeAll { relative, _ in ignores.contains { Self.ignores($0, prefix + relative) } }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Every file below a folder, depth first, skipping dot-files and `node_modules`.
    func walk(_ folder: URL, relative: String, skipped: Set<String>, visit: (String, URL) -> Void) {
        let base = folder.standardizedFileURL.path
        DirectoryWalker.walk(base, skipping: skipped) { child, path in
            visit(relative.isEmpty ? child : relative + "/" + child, URL(fileURLWithPath: path, isDirectory: false))
        }
    }

    /// The lines of `.eleventyignore` beside the configuration and in the input folder: paths and
    /// globs relative to the root, as Eleventy reads them (`#` comments, blank lines skipped).
    func ignorePatterns() -> [String] {
        var patterns: [String] = []
        for folder in [configuration.root, configuration.inputURL] {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(".eleventyignore").path) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                var pattern = line.trimmingCharacters(in: .whitespaces)
                if pattern.isEmpty || pattern.hasPrefix("#") { continue }
                while pattern.hasPrefix("./") { pattern.removeFirst(2) }
                if folder == configuration.inputURL, !pattern.hasPrefix(configuration.inputName + "/") {
                    pattern = configuration.inputName + "/" + pattern
                }
                patterns.append(pattern)
            }
        }
        return patterns
    }

    /// Whether an ignore pattern covers a path (relative to the root): a folder covers what is in it.
    static func ignores(_ pattern: String, _ path: String) -> Bool {
        let folder = pattern.hasSuffix("/") ? pattern : pattern + "/"
        if path.hasPrefix(folder) || path == pattern { return true }
        return (pattern.contains("*") || pattern.contains("{")) && Glob(pattern).matches(path)
    }

    /// The built-in virtual templates to load (generated pages), minus those switched off.
    func virtualTemplates() -> [(relative: String, url: URL)] {
        guard configuration.includeVirtualTemplates, let folder = SiteRenderer.builtInTemplates?.appendingPathComponent("virtual") else { return [] }
        var found: [(String, URL)] = []
        walk(folder, relative: "", skipped: []) { relative, url in
            guard TemplateKind(fileName: relative) != nil else { return }
            let stem = EleventyPath(relative).nameWithoutExtension
            if configuration.emits(generatedPage: stem) { found.append((relative, url)) }
        }
        return found
    }

    /// Global data: every data file of the data folder, keyed by its name (subfolders nest), and the
    /// plugin's `options`, the `pkg` of a `package.json` beside the configuration, and `eleventy`.
    func loadGlobalData(diagnostics: inout [Diagnostic]) -> TemplateObject {
        var global = TemplateObject()
        global["eleventy"] = .object(TemplateObject([("generator", .string("design-history"))]))
        let packageFile = configuration.root.appendingPathComponent("package.json")
        if FileManager.default.fileExists(atPath: packageFile.path),
           let pkg = DataFile.load(packageFile, displayPath: displayPath(packageFile), diagnostics: &diagnostics) {
            global["pkg"] = pkg
        }
        var files: [(String, URL)] = []
        walk(configuration.dataURL, relative: "", skipped: []) { relative, url in files.append((relative, url)) }
        for (relative, url) in files {
            let lower = relative.lowercased()
            guard [".json", ".yml", ".yaml", ".js", ".cjs", ".mjs"].contains(where: { lower.hasSuffix($0) }) else { continue }
            guard let value = DataFile.load(url, displayPath: displayPath(url), diagnostics: &diagnostics) else { continue }
            var keys = relative.split(separator: "/").map(String.init)
            let last = keys.removeLast()
            keys.append(String(last[..<(last.firstIndex(of: ".") ?? last.endIndex)]))
            var addition = TemplateObject()
            addition[keys.last ?? ""] = value
            for key in keys.dropLast().reversed() { addition = TemplateObject([(key, .object(addition))]) }
            DataMerge.merge(&global, addition)
        }
        var options = configuration.options
        if !configuration.generatedPages.isEmpty {
            options["generatedPages"] = .object(TemplateObject(configuration.generatedPages.sorted { $0.key < $1.key }.map { ($0.key, .bool($0.value)) }))
        }
        if case .object(let fromData)? = global["options"] { DataMerge.merge(&options, fromData) }
        global["options"] = .object(options)
        return global
    }

    /// Directory data for every folder templates are in: the folder's own data files
    /// (`dir/dir.json` < `dir/dir.11tydata.json` < `dir/dir.11tydata.js`) over its parents'.
    /// The input folder's own data file is named after the input folder.
    func loadDirectoryData(folders: Set<String>, diagnostics: inout [Diagnostic]) -> [String: TemplateObject] {
        var result: [String: TemplateObject] = [:]
        let input = configuration.inputURL
        func data(for folder: String) -> TemplateObject {
            if let cached = result[folder] { return cached }
            var merged = TemplateObject()
            var parts = folder.split(separator: "/").map(String.init)
            if !parts.isEmpty {
                parts.removeLast()
                merged = data(for: parts.joined(separator: "/"))
            }
            let url = folder.isEmpty ? input : input.appendingPathComponent(folder)
            let name = folder.isEmpty ? input.lastPathComponent : (folder.split(separator: "/").last.map(String.init) ?? "")
            for suffix in DataFile.templateDataSuffixes {
                let relative = folder.isEmpty ? name + suffix : folder + "/" + name + suffix
                guard inputFiles.contains(relative) else { continue }
                let file = url.appendingPathComponent(name + suffix)
                if case .object(let object)? = DataFile.load(file, displayPath: displayPath(file), diagnostics: &diagnostics) {
                    DataMerge.merge(&merged, DataMerge.normalizingTags(object))
                } else if !diagnostics.contains(where: { $0.path == displayPath(file) }) {
                    diagnostics.append(Diagnostic(.error, path: displayPath(file), message: "a directory data file must hold an object"))
                }
            }
            result[folder] = merged
            return merged
        }
        for folder in folders.sorted() { _ = data(for: folder) }
        return result
    }

    /// A template's own data files beside it (`x.json` < `x.11tydata.json` < `x.11tydata.js`).
    func templateDataFiles(for template: SourceTemplate, diagnostics: inout [Diagnostic]) -> TemplateObject {
        var merged = TemplateObject()
        guard !template.isVirtual else { return merged }
        let folder = template.file.deletingLastPathComponent()
        let stem = template.path.nameWithoutExtension
        // A template named after its folder would read the directory data file again.
        if template.path.folders.last == stem { return merged }
        let folderPath = template.path.folders.joined(separator: "/")
        for suffix in DataFile.templateDataSuffixes {
            guard inputFiles.contains(folderPath.isEmpty ? stem + suffix : folderPath + "/" + stem + suffix) else { continue }
            let file = folder.appendingPathComponent(stem + suffix)
            if case .object(let object)? = DataFile.load(file, displayPath: displayPath(file), diagnostics: &diagnostics) {
                DataMerge.merge(&merged, DataMerge.normalizingTags(object))
            }
        }
        return merged
    }

    /// Layouts by name, with every layout they sit in, read once.
    func loadLayouts(names: Set<String>, diagnostics: inout [Diagnostic]) -> [String: LayoutFile] {
        var folders = [configuration.layoutsURL, configuration.includesURL]
        if let builtIn = SiteRenderer.builtInTemplates { folders.append(builtIn) }
        var layouts: [String: LayoutFile] = [:]
        var queue = Array(names).sorted()
        var guardCount = 0
        while let name = queue.popLast(), guardCount < 1000 {
            guardCount += 1
            guard layouts[name] == nil, let file = LayoutFile.locate(name, in: folders) else { continue }
            let layout = LayoutFile.load(name: name, file: file, displayPath: displayPath(file))
            diagnostics += layout.diagnostics
            layouts[name] = layout
            if let parent = layout.parentName, layouts[parent] == nil { queue.append(parent) }
        }
        return layouts
    }

    /// The data a layout chain gives a page: the outermost layout's front matter first.
    static func layoutData(_ name: String?, layouts: [String: LayoutFile]) -> TemplateObject {
        var chain: [TemplateObject] = []
        var cursor = name
        var seen: Set<String> = []
        while let current = cursor, let layout = layouts[current], seen.insert(current).inserted, seen.count < 32 {
            var data = layout.frontMatter.data
            data["layout"] = nil
            chain.append(data)
            cursor = layout.parentName
        }
        var merged = TemplateObject()
        for data in chain.reversed() { DataMerge.merge(&merged, data) }
        return merged
    }

    /// The path of a file as diagnostics show it: relative to the working folder where possible.
    func displayPath(_ url: URL) -> String {
        SiteRenderer.displayPath(url.path)
    }
}
