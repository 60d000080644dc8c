import Foundation
import Templates

/// A layout, read once per build: its front matter (the cascade's layout data, and the next layout
/// of the chain) and its body.
struct LayoutFile: Sendable {
    var name: String
    var file: URL
    /// `file.path`, computed once: every page's layout chain is checked for cycles by it.
    var path: String
    var displayPath: String
    var kind: TemplateKind
    var frontMatter: FrontMatter
    var diagnostics: [Diagnostic]

    /// The layout this one sits in, if any.
    var parentName: String? {
        guard case .string(let name)? = frontMatter.data["layout"], !name.isEmpty else { return nil }
        return name
    }

    /// Find a layout by the name a page gives (`post`, `post.njk`, `layouts/post.njk`): the site's
    /// layouts folder, then its includes folder, then the built-in templates (and their `layouts/`).
    static func locate(_ name: String, in folders: [URL]) -> URL? {
        var candidates = [name]
        if TemplateKind(fileName: name) == nil { candidates += [name + ".njk", name + ".html", name + ".md"] }
        for folder in folders {
            for candidate in candidates + candidates.map({ "layouts/" + $0 }) {
                let url = folder.appendingPathComponent(candidate)
                // A regular file only (after links): a named pipe would never finish being read.
                if TemplateLoader.isFile(url.path) { return url }
            }
        }
        return nil
    }

    static func load(name: String, file: URL, displayPath: String) -> LayoutFile {
        var diagnostics: [Diagnostic] = []
        let text = (try? Data(contentsOf: file)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let frontMatter = FrontMatter(text: text, path: displayPath, diagnostics: &diagnostics)
        return LayoutFile(name: name, file: file, path: file.path, displayPath: displayPath, kind: TemplateKind(fileName: file.lastPathComponent) ?? .nunjucks,
                          frontMatter: frontMatter, diagnostics: diagnostics)
    }
}
