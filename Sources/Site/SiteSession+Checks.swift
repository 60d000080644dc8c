import Foundation
import Markdown
import Templates

/// Checks while building: screenshots and inline images resolve to files the site will have,
/// internal links point at a page or file it produces, and `screenshots`/`related` are not left
/// silently empty by their indentation. All are warnings, with the line and column.
extension SiteSession {
    /// Whether the built site has a file at a site path (`/a/b/x.png`, `/a/b/`, `/a/b`).
    static func siteHas(_ sitePath: String, files: Set<String>) -> Bool {
        var path = sitePath
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        // Decoding is costly (every screenshot and link of every page is checked) and changes nothing without a `%`.
        if path.utf8.contains(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { return files.contains(path + "index.html") }
        return files.contains(path) || files.contains(path + "/index.html")
    }

    /// A reference resolved against the page's URL to a site path; nil for anything outside the site.
    static func resolve(_ target: String, against pageURL: String, pathPrefix: String) -> String? {
        // Foundation's trimming and `contains` are costly, and most targets need neither.
        let mayHaveSpace = { (byte: UInt8?) in byte.map { $0 == 0x20 || $0 == 0x09 || $0 >= 0x80 } ?? false }
        let t = mayHaveSpace(target.utf8.first) || mayHaveSpace(target.utf8.last) ? target.trimmingCharacters(in: .whitespaces) : target
        if t.isEmpty || t.hasPrefix("#") || t.hasPrefix("//") || SiteRenderer.hasTemplateSyntax(t, comments: false) { return nil }
        if let colon = t.firstIndex(of: ":"), !t[..<colon].contains("/") { return nil }  // a scheme
        var path: String
        if t.hasPrefix("/") {
            path = t
            if pathPrefix != "/", path.hasPrefix(pathPrefix) { path = "/" + path.dropFirst(pathPrefix.count) }
        } else {
            let base = pageURL.hasSuffix("/") ? pageURL : String(pageURL[...(pageURL.lastIndex(of: "/") ?? pageURL.startIndex)])
            path = base + t
        }
        // Normalise `.` and `..`.
        var parts: [Substring] = []
        let trailing = path.hasSuffix("/")
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/") + (trailing && !parts.isEmpty ? "/" : "")
    }

    /// The screenshot files a page's data names, with the data path of each (for its position).
    static func screenshotSources(_ data: TemplateObject) -> [(src: String, key: String)] {
        var groups: [(TemplateValue, String)] = []
        switch data["screenshots"] {
        case .object?: groups = [(data["screenshots"] ?? .undefined, "screenshots")]
        case .array(let list)?: groups = list.enumerated().map { ($1, "screenshots.\($0)") }
        default: return []
        }
        var found: [(String, String)] = []
        for (group, base) in groups {
            guard case .array(let items) = group[member: "items"] else { continue }
            for (index, item) in items.enumerated() {
                let key = "\(base).items.\(index)"
                switch item {
                case .string(let title):
                    found.append((TemplateSlug.slugify(title) + ".png", key))
                case .object(let object):
                    if let src = object["src"], !src.stringValue.isEmpty {
                        found.append((src.stringValue, key + ".src"))
                    } else if case .object(let img)? = object["img"], let src = img["src"], !src.stringValue.isEmpty {
                        found.append((src.stringValue, key + ".img.src"))
                    } else {
                        let id = object["id"]?.stringValue ?? TemplateSlug.slugify(object["text"]?.stringValue ?? "")
                        if !id.isEmpty { found.append((id + ".png", object["id"] != nil ? key + ".id" : key + ".text")) }
                    }
                default: continue
                }
            }
        }
        return found
    }

    /// Every check of one page.
    func check(_ page: Page, template: SourceTemplate, content: String = "", links: [MarkdownLink]? = nil, files: Set<String>) -> [Diagnostic] {
        guard let url = page.url, page.pageNumber == 0 else { return [] }
        var diagnostics: [Diagnostic] = []
        let path = template.displayPath
        let prefix = configuration.pathPrefix
        let positions = template.frontMatter.positions
        for (src, key) in Self.screenshotSources(page.data) {
            guard let site = Self.resolve(src, against: url, pathPrefix: prefix), !Self.siteHas(site, files: files) else { continue }
            let position = positions[key]
            diagnostics.append(Diagnostic(.warning, path: path, line: position?.line ?? 1, column: position?.column ?? 1,
                message: "screenshot '\(src)' is not a file the site has (looked for \(site))"))
        }
        let bodyLine = template.frontMatter.bodyLine
        var references = LinkScanner.scan(template.frontMatter.body, htmlOnly: template.kind == .markdown)
        if template.kind == .markdown {
            // Markdown links and images as the Markdown parser reads them (reference links included).
            for link in links ?? MarkdownDocument(parsing: template.frontMatter.body, options: renderer.bodyMarkdown).links {
                if link.destination.contains("%7B%7B") || link.destination.contains("%7B%25") { continue }
                references.append(LinkScanner.Reference(kind: link.isImage ? .image : .link, target: link.destination, line: link.line, column: link.column))
            }
            references.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        }
        for reference in references {
            guard let site = Self.resolve(reference.target, against: url, pathPrefix: prefix), !Self.siteHas(site, files: files) else { continue }
            let line = reference.line + bodyLine - 1
            switch reference.kind {
            case .image:
                diagnostics.append(Diagnostic(.warning, path: path, line: line, column: reference.column,
                    message: "image '\(reference.target)' is not a file the site has (looked for \(site))"))
            case .link:
                diagnostics.append(Diagnostic(.warning, path: path, line: line, column: reference.column,
                    message: "link '\(reference.target)' points at no page or file of the site"))
            }
        }
        // Images that macros in the body write (`appScreenshots`, `appImage`…): found in the rendered
        // body, placed at the line of the source that names the file.
        if SiteRenderer.hasTemplateSyntax(template.frontMatter.body) {
            let reported = Set(references.map(\.target))
            var seen: Set<String> = []
            for reference in LinkScanner.scan(content, htmlOnly: true) where reference.kind == .image {
                guard !reported.contains(reference.target), seen.insert(reference.target).inserted,
                      let site = Self.resolve(reference.target, against: url, pathPrefix: prefix), !Self.siteHas(site, files: files) else { continue }
                let name = reference.target.split(separator: "/").last.map(String.init) ?? reference.target
                let (line, column) = Self.locate(name, in: template.frontMatter.body)
                diagnostics.append(Diagnostic(.warning, path: path, line: line.map { $0 + bodyLine - 1 } ?? bodyLine, column: column ?? 1,
                    message: "image '\(reference.target)' is not a file the site has (looked for \(site))"))
            }
        }
        diagnostics += Self.indentationWarnings(template.frontMatter, path: path)
        return diagnostics
    }

    /// The line and column (1-based) of the first occurrence of `needle` in `text`.
    static func locate(_ needle: String, in text: String) -> (Int?, Int?) {
        guard !needle.isEmpty, let range = text.range(of: needle) else { return (nil, nil) }
        let before = text[..<range.lowerBound]
        let line = before.count { $0 == "\n" } + 1
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return (line, before[lineStart...].count + 1)
    }

    /// The keys whose children the indentation check looks for, and those children (built once).
    static let indentationChildren: [String: Set<String>] = [
        "screenshots": ["items", "sections", "title"],
        "related": ["items", "sections", "title"],
        "items": ["text", "src", "href", "alt", "caption", "img", "id", "title"],
        "sections": ["title", "items"],
    ]

    /// `screenshots:`/`related:` (or their `items:`) with nothing under them because the lines that
    /// belong to them are not indented: in Eleventy they are silently empty.
    static func indentationWarnings(_ frontMatter: FrontMatter, path: String) -> [Diagnostic] {
        guard frontMatter.present, !frontMatter.yaml.isEmpty else { return [] }
        let children = indentationChildren
        // Lines and keys are found over bytes: every line of every page's front matter comes here, and
        // splitting it by characters was most of the cost of a build's checks. (`\n`, `\r`, ` `, `-`
        // and `:` are ASCII, so byte positions are character boundaries.)
        let yaml = frontMatter.yaml
        var lines: [Substring] = []
        var lineStart = yaml.utf8.startIndex
        for index in yaml.utf8.indices where yaml.utf8[index] == 0x0A {
            lines.append(yaml[lineStart..<index])
            lineStart = yaml.utf8.index(after: index)
        }
        lines.append(yaml[lineStart...])
        lines = lines.map { $0.utf8.last == 0x0D ? $0[..<$0.utf8.index(before: $0.endIndex)] : $0 }
        func parse(_ line: Substring) -> (indent: Int, key: String, rest: Substring)? {
            let bytes = line.utf8
            let indent = bytes.prefix { $0 == 0x20 }.count
            var start = bytes.index(bytes.startIndex, offsetBy: indent)
            if bytes[start...].starts(with: [0x2D, 0x20]) { start = bytes.index(start, offsetBy: 2) }
            guard let colon = bytes[start...].firstIndex(of: 0x3A) else { return nil }
            let keyBytes = bytes[start..<colon]
            guard !keyBytes.isEmpty, !keyBytes.contains(0x20), keyBytes.first != 0x23 else { return nil }
            return (indent, String(line[start..<colon]), line[bytes.index(after: colon)...])
        }
        var warnings: [Diagnostic] = []
        for (index, line) in lines.enumerated() {
            guard let (indent, key, rest) = parse(line), let expected = children[key] else { continue }
            let value = rest.trimmingCharacters(in: .whitespaces)
            guard value.isEmpty || value.hasPrefix("#") else { continue }
            // The next line with content.
            var next = index + 1
            while next < lines.count, lines[next].trimmingCharacters(in: .whitespaces).isEmpty || lines[next].trimmingCharacters(in: .whitespaces).hasPrefix("#") { next += 1 }
            guard next < lines.count, let following = parse(lines[next]) else { continue }
            let followingIsListItem = lines[next].dropFirst(following.indent).hasPrefix("- ")
            guard following.indent <= indent, expected.contains(following.key), !(followingIsListItem && following.indent == indent && key == "items") else { continue }
            let column = line.prefix { $0 == " " }.count + 1
            warnings.append(Diagnostic(.warning, path: path, line: frontMatter.yamlLine + index, column: column,
                message: "'\(key)' is empty: '\(following.key)' on line \(frontMatter.yamlLine + next) is not indented under it, so Eleventy reads '\(key)' as empty; indent the lines that belong to it"))
        }
        return warnings
    }
}
