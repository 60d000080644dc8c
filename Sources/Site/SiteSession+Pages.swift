import Foundation
import Templates

/// From templates to pages: dates, permalinks, pagination and computed data, by Eleventy's rules.
extension SiteSession {
    /// Eleventy's page date: the cascade's `date` (a YAML date, an ISO string read as UTC, or the
    /// words `Last Modified`/`Created`), else the first date in the input path, else the file's
    /// creation time.
    static func pageDate(_ template: SourceTemplate, data: TemplateObject, diagnostics: inout [Diagnostic]) -> Date {
        switch data["date"] {
        case .date(let date)?:
            return date
        case .string(let text)?:
            switch text.trimmingCharacters(in: .whitespaces) {
            case "Last Modified", "git Last Modified": return template.modified
            case "Created", "git Created": return template.created
            default:
                if let date = JSDate.parseISO(text) { return date }
                let position = template.frontMatter.positions["date"]
                diagnostics.append(Diagnostic(.error, path: template.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                    message: "date '\(text)' is not a date Eleventy can read: write YYYY-MM-DD, an ISO 8601 date and time, 'Last Modified' or 'Created'"))
            }
        case .number(let millis)?:
            return Date(timeIntervalSince1970: millis / 1000)
        case nil, .undefined?, .null?:
            break
        case let other?:
            let position = template.frontMatter.positions["date"]
            diagnostics.append(Diagnostic(.error, path: template.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                message: "date must be a date, not \(other.stringValue)"))
        }
        if let (date, text) = template.path.dateInPath {
            if let date { return date }
            diagnostics.append(Diagnostic(.warning, path: template.displayPath, line: 1, column: 1,
                message: "the file name's date \(text) is not a real date; using the file's creation time"))
        }
        return template.created
    }

    /// The `page` object templates read.
    static func pageObject(_ template: SourceTemplate, date: Date, url: String?, outputPath: String?, outputFolder: String) -> TemplateObject {
        var page = TemplateObject()
        page["date"] = .date(date)
        page["inputPath"] = .string(template.inputPath)
        page["fileSlug"] = .string(template.path.fileSlug)
        page["filePathStem"] = .string(template.path.filePathStem)
        page["outputFileExtension"] = .string("html")
        page["templateSyntax"] = .string(template.kind == .markdown ? "njk,md" : "njk")
        page["url"] = url.map(TemplateValue.string) ?? .bool(false)
        page["outputPath"] = outputPath.map { .string(outputFolder + "/" + $0) } ?? .bool(false)
        return page
    }

    /// The permalink of one page, as an output path relative to the output folder; nil for
    /// `permalink: false`. Templates in the permalink are rendered with the page's data.
    func permalink(_ template: SourceTemplate, data: TemplateObject, pageNumber: Int, renderer: SiteRenderer,
                   diagnostics: inout [Diagnostic]) -> String?? {
        var value = data["permalink"]
        if case .object(let object)? = value { value = object["build"] }
        switch value {
        case nil, .undefined?, .null?:
            return .some(template.path.defaultOutputPath(pageNumber: pageNumber))
        case .bool(false)?:
            return .some(nil)
        case .bool(true)?:
            return .some(template.path.defaultOutputPath(pageNumber: pageNumber))
        case .array?, .object?:
            let position = template.frontMatter.positions["permalink"]
            diagnostics.append(Diagnostic(.error, path: template.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                message: "permalink must be a string or false, not a list or an object"))
            return nil
        default:
            let source = value?.stringValue ?? ""
            var rendered: String
            do {
                rendered = try renderer.renderString(source, path: template.displayPath, context: data)
            } catch {
                let position = template.frontMatter.positions["permalink"]
                diagnostics.append(Diagnostic(.error, path: template.displayPath, line: position?.line ?? error.line, column: position?.column ?? error.column,
                    message: "permalink: \(error.message)"))
                return nil
            }
            rendered = rendered.trimmingCharacters(in: .whitespacesAndNewlines)
            if rendered == "false" { return .some(nil) }
            return .some(Self.outputPath(fromPermalink: rendered))
        }
    }

    /// A rendered permalink as an output file: leading slashes dropped, a trailing `/` gets `index.html`.
    static func outputPath(fromPermalink permalink: String) -> String {
        var path = permalink
        while path.hasPrefix("/") { path.removeFirst() }
        while path.contains("//") { path = path.replacingOccurrences(of: "//", with: "/") }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    /// A dotted path into data (`collections.ecf-v2`, `site.items`, `a['b-c']`), as lodash's `get`.
    static func lookup(_ path: String, in data: TemplateObject) -> TemplateValue {
        var keys: [String] = []
        var current = ""
        var i = path.startIndex
        while i < path.endIndex {
            let c = path[i]
            if c == "." {
                if !current.isEmpty { keys.append(current) }
                current = ""
            } else if c == "[" {
                if !current.isEmpty { keys.append(current) }
                current = ""
                if let close = path[i...].firstIndex(of: "]") {
                    keys.append(String(path[path.index(after: i)..<close]).trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")))
                    i = close
                }
            } else {
                current.append(c)
            }
            i = path.index(after: i)
        }
        if !current.isEmpty { keys.append(current) }
        var value: TemplateValue = .object(data)
        for key in keys { value = value[member: key] }
        return value
    }

    /// `eleventyComputed`: each string leaf rendered as a template with the page's data and set at
    /// its path (other keys of the same objects stay); other values are set as they are.
    func applyComputed(_ computed: TemplateObject, to data: inout TemplateObject, template: SourceTemplate,
                       renderer: SiteRenderer, diagnostics: inout [Diagnostic]) {
        var leaves: [([String], TemplateValue)] = []
        func collect(_ object: TemplateObject, prefix: [String], depth: Int) {
            for (key, value) in object.pairs {
                if case .object(let nested) = value, depth < 20 {
                    collect(nested, prefix: prefix + [key], depth: depth + 1)
                } else {
                    leaves.append((prefix + [key], value))
                }
            }
        }
        collect(computed, prefix: [], depth: 0)
        let forbidden: Set<String> = ["layout", "pagination", "tags", "permalink"]
        leaves.removeAll { leaf in
            guard let first = leaf.0.first, forbidden.contains(first) else { return false }
            if first != "permalink" {
                diagnostics.append(Diagnostic(.warning, path: template.displayPath, line: 1, column: 1,
                    message: "eleventyComputed cannot set '\(first)' (Eleventy ignores it): set it in front matter or a data file"))
            }
            return true
        }
        // A value that reads another computed value is computed after it; a loop is an error.
        let ordering = ComputedOrder(paths: leaves.map(\.0), sources: leaves.map { leaf in
            if case .string(let source) = leaf.1 { source } else { nil }
        })
        for cycle in ordering.cycles {
            let names = (cycle + [cycle[0]]).map { leaves[$0].0.joined(separator: ".") }
            let position = template.frontMatter.positions["eleventyComputed." + names[0]]
            diagnostics.append(Diagnostic(.error, path: template.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                message: "eleventyComputed has a circular dependency: \(names.joined(separator: " -> "))"))
        }
        for index in ordering.order {
            let (path, value) = leaves[index]
            var result = value
            if case .string(let source) = value {
                do {
                    result = .string(try renderer.renderString(source, path: template.displayPath, context: data))
                } catch {
                    diagnostics.append(Diagnostic(.error, path: template.displayPath, line: 1, column: 1,
                        message: "eleventyComputed.\(path.joined(separator: ".")): \(error.message)"))
                    continue
                }
            }
            Self.set(result, at: path[...], in: &data)
        }
    }

    static func set(_ value: TemplateValue, at path: ArraySlice<String>, in object: inout TemplateObject) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var nested: TemplateObject
        if case .object(let existing)? = object[first] { nested = existing } else { nested = TemplateObject() }
        set(value, at: path.dropFirst(), in: &nested)
        object[first] = .object(nested)
    }

    /// The tags of a page: a string is one tag, a list is several.
    static func tags(of data: TemplateObject) -> [String] {
        switch data["tags"] {
        case .string(let tag)?: return tag.isEmpty ? [] : [tag]
        case .array(let items)?:
            var seen: Set<String> = []
            return items.map(\.stringValue).filter { !$0.isEmpty && seen.insert($0).inserted }
        default: return []
        }
    }

    /// Whether a template paginates over collections (and so must wait for them).
    static func paginatesCollections(_ data: TemplateObject) -> Bool {
        guard case .object(let pagination)? = data["pagination"], case .string(let source)? = pagination["data"] else { return false }
        return source == "collections" || source.hasPrefix("collections.") || source.hasPrefix("collections[")
    }

    /// The pages of one template: one, or one per pagination chunk, each with its URL, `page`,
    /// `pagination` and computed data. `collections` is given to templates paginating over them.
    func expand(templateIndex: Int, template: SourceTemplate, data base: TemplateObject, collections: TemplateObject?,
                renderer: SiteRenderer, diagnostics: inout [Diagnostic]) -> [Page] {
        var data = base
        let date = Self.pageDate(template, data: data, diagnostics: &diagnostics)
        let tags = Self.tags(of: data)
        let excluded = data["eleventyExcludeFromCollections"]?.isTruthy ?? false
        var computed: TemplateObject?
        if case .object(let object)? = data["eleventyComputed"] { computed = object }
        if let permalinkSource = computed?["permalink"] { data["permalink"] = permalinkSource }
        data["page"] = .object(Self.pageObject(template, date: date, url: nil, outputPath: nil, outputFolder: configuration.output))

        // Pagination: chunks of the data.
        var chunks: [[TemplateValue]] = [[]]
        var paginationSettings: TemplateObject?
        if case .object(let pagination)? = data["pagination"] {
            paginationSettings = pagination
            let source = pagination["data"]?.stringValue ?? ""
            var lookupData = data
            if let collections { lookupData["collections"] = .object(collections) }
            var items: [TemplateValue]
            switch Self.lookup(source, in: lookupData) {
            case .array(let array): items = array
            case .object(let object):
                // Eleventy paginates an object's keys, or its values with `resolve: values`.
                items = pagination["resolve"]?.stringValue == "values" ? object.pairs.map(\.value) : object.keys.map(TemplateValue.string)
            case .undefined, .null:
                let position = template.frontMatter.positions["pagination.data"]
                if !source.hasPrefix("collections") {
                    diagnostics.append(Diagnostic(.warning, path: template.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                        message: "pagination data '\(source)' is not in the data; the template writes no pages"))
                }
                items = []
            default:
                let position = template.frontMatter.positions["pagination.data"]
                diagnostics.append(Diagnostic(.warning, path: template.displayPath, line: position?.line ?? 1, column: position?.column ?? 1,
                    message: "pagination data '\(source)' is not a list or an object; the template writes no pages"))
                items = []
            }
            switch pagination["filter"] {
            case .string(let excluded)?: items.removeAll { $0.stringValue == excluded }
            case .array(let excluded)?:
                let names = Set(excluded.map(\.stringValue))
                items.removeAll { if case .string(let s) = $0 { names.contains(s) } else { false } }
            default: break
            }
            if pagination["reverse"]?.isTruthy ?? false { items.reverse() }
            var size = 1
            if case .number(let n)? = pagination["size"], n >= 1 { size = Int(min(n, 1_000_000)) }
            chunks = stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
        }

        let addAllPages = paginationSettings?["addAllPagesToCollections"]?.isTruthy ?? false
        let allChunks: TemplateValue = paginationSettings == nil ? .undefined : .array(chunks.map(TemplateValue.array))
        var pages: [Page] = []
        for (number, chunk) in chunks.enumerated() {
            var pageData = data
            if let settings = paginationSettings {
                var pagination = settings
                pagination["items"] = .array(chunk)
                pagination["pageNumber"] = .number(Double(number))
                pagination["pages"] = allChunks
                if let alias = settings["alias"]?.stringValue, !alias.isEmpty {
                    let value: TemplateValue = (settings["size"].map { if case .number(let n) = $0 { n } else { 1 } } ?? 1) == 1 ? (chunk.first ?? .undefined) : .array(chunk)
                    Self.set(value, at: alias.split(separator: ".").map(String.init)[...], in: &pageData)
                }
                pageData["pagination"] = .object(pagination)
            }
            guard let output = permalink(template, data: pageData, pageNumber: number, renderer: renderer, diagnostics: &diagnostics) else { continue }
            if let output, output.split(separator: "/").contains("..") {
                diagnostics.append(Diagnostic(.error, path: template.displayPath, line: template.frontMatter.positions["permalink"]?.line ?? 1,
                    column: 1, message: "permalink '\(output)' leaves the output folder"))
                continue
            }
            if let output, output.split(separator: "/").contains(where: { $0.utf8.count > 255 }) {
                diagnostics.append(Diagnostic(.error, path: template.displayPath, line: template.frontMatter.positions["permalink"]?.line ?? 1,
                    column: 1, message: "permalink '\(output.prefix(80))…' has a file or folder name longer than 255 bytes, more than file systems allow"))
                continue
            }
            let url = output.map(EleventyPath.url(ofOutput:))
            pageData["page"] = .object(Self.pageObject(template, date: date, url: url, outputPath: output, outputFolder: configuration.output))
            pages.append(Page(template: templateIndex, data: pageData, outputPath: output, url: url, date: date, pageNumber: number,
                              tags: tags, inCollections: !excluded && (number == 0 || addAllPages), displayPath: template.displayPath,
                              inputPath: template.inputPath, isVirtual: template.isVirtual))
        }
        // Pagination links, now that every page's URL is known.
        if paginationSettings != nil, pages.count > 0 {
            let hrefList = pages.map { $0.url.map(TemplateValue.string) ?? .bool(false) }
            let hrefs = hrefList
            let hrefsValue: TemplateValue = .array(hrefList)
            for index in pages.indices {
                guard case .object(var pagination)? = pages[index].data["pagination"] else { continue }
                pagination["hrefs"] = hrefsValue
                var href = TemplateObject()
                href["previous"] = index > 0 ? hrefs[index - 1] : .undefined
                href["next"] = index + 1 < hrefs.count ? hrefs[index + 1] : .undefined
                href["first"] = hrefs.first ?? .undefined
                href["last"] = hrefs.last ?? .undefined
                pagination["href"] = .object(href)
                pagination["previousPageHref"] = href["previous"]
                pagination["nextPageHref"] = href["next"]
                pagination["firstPageHref"] = href["first"]
                pagination["lastPageHref"] = href["last"]
                var pageLinks = TemplateObject()
                pageLinks["previous"] = index > 0 ? .array(chunks[index - 1]) : .undefined
                pageLinks["next"] = index + 1 < chunks.count ? .array(chunks[index + 1]) : .undefined
                pageLinks["first"] = chunks.first.map(TemplateValue.array) ?? .undefined
                pageLinks["last"] = chunks.last.map(TemplateValue.array) ?? .undefined
                pagination["page"] = .object(pageLinks)
                pages[index].data["pagination"] = .object(pagination)
            }
        }
        if var computed {
            computed["permalink"] = nil
            for index in pages.indices {
                applyComputed(computed, to: &pages[index].data, template: template, renderer: renderer, diagnostics: &diagnostics)
            }
        }
        return pages
    }
}
