import Foundation

/// One template file, read: where it is, its front matter and body. Built-in virtual templates
/// (generated pages) are loaded the same way, as if they were in the input folder.
struct SourceTemplate: Sendable {
    /// Relative to the input folder (for a virtual template: its file name).
    var path: EleventyPath
    var file: URL
    /// As diagnostics show it.
    var displayPath: String
    /// Eleventy's `page.inputPath`: `./Content/posts/x.md`.
    var inputPath: String
    var kind: TemplateKind
    var frontMatter: FrontMatter
    var created: Date
    var modified: Date
    var isVirtual: Bool
    var diagnostics: [Diagnostic]

    /// Read a template file; a problem becomes a diagnostic and the template still loads.
    static func load(file: URL, relative: String, displayPath: String, inputPath: String, isVirtual: Bool) -> SourceTemplate? {
        guard let kind = TemplateKind(fileName: relative) else { return nil }
        var diagnostics: [Diagnostic] = []
        let text: String
        do {
            let data = try Data(contentsOf: file)
            text = String(decoding: data, as: UTF8.self)
        } catch {
            diagnostics.append(Diagnostic(.error, path: displayPath, message: "cannot read: \(error.localizedDescription)"))
            text = ""
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        let modified = attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
        let created = attributes?[.creationDate] as? Date ?? modified
        let frontMatter = FrontMatter(text: text, path: displayPath, diagnostics: &diagnostics)
        return SourceTemplate(path: EleventyPath(relative), file: file, displayPath: displayPath, inputPath: inputPath, kind: kind,
                              frontMatter: frontMatter, created: created, modified: modified, isVirtual: isVirtual, diagnostics: diagnostics)
    }
}
