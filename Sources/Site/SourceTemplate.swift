import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        var text = ""
        if let data = FileManager.default.contents(atPath: file.path) {
            text = String(decoding: data, as: UTF8.self)
            if let (line, column) = Self.firstInvalidUTF8(data) {
                diagnostics.append(Diagnostic(.warning, path: displayPath, line: line, column: column,
                    message: "the file is not valid UTF-8 (a binary file, or another encoding?): its bad bytes are read as U+FFFD"))
            }
        } else {
            diagnostics.append(Diagnostic(.error, path: displayPath, message: "cannot read the file"))
        }
        // One stat for both dates; Linux keeps no creation time, so the change time stands in for it.
        var modified = Date(timeIntervalSince1970: 0), created = modified
        #if os(Linux)
        var info = stat()
        if stat(file.path, &info) == 0 {
            modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            created = Date(timeIntervalSince1970: Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9)
            if created > modified { created = modified }
        }
        #else
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        modified = attributes?[.modificationDate] as? Date ?? modified
        created = attributes?[.creationDate] as? Date ?? modified
        #endif
        let frontMatter = FrontMatter(text: text, path: displayPath, diagnostics: &diagnostics)
        return SourceTemplate(path: EleventyPath(relative), file: file, displayPath: displayPath, inputPath: inputPath, kind: kind,
                              frontMatter: frontMatter, created: created, modified: modified, isVirtual: isVirtual, diagnostics: diagnostics)
    }

    /// The line and byte column of the first byte that is not UTF-8, or nil when all of it is.
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int)? {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error:
                let before = data.prefix(offset)
                let line = before.count { $0 == 0x0A } + 1
                let lineStart = before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0
                return (line, offset - lineStart + 1)
            }
        }
    }
}
