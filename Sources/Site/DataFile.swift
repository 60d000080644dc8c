import Foundation
import Templates
import Yams

/// A data file of the cascade (`_data/*.json|yml|yaml|js`, `dir/dir.json`, `x.11tydata.json`, …),
/// read without running anything.
enum DataFile {
    /// The extensions a data file may have, weakest first within one folder or template (as Eleventy
    /// ranks them: `.json` < `.11tydata.json` < `.11tydata.js`).
    static let templateDataSuffixes = [".json", ".11tydata.json", ".11tydata.js"]

    /// Read a data file; a problem becomes a diagnostic and the file contributes nothing.
    static func load(_ url: URL, displayPath: String, diagnostics: inout [Diagnostic]) -> TemplateValue? {
        // Only a regular file is read: a named pipe or a device would block or never end.
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            diagnostics.append(Diagnostic(.error, path: displayPath, message: "cannot read the data file: it is not a regular file"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(Diagnostic(.error, path: displayPath, message: "cannot read the data file"))
            return nil
        }
        if let (line, column) = SourceTemplate.firstInvalidUTF8(data) {
            diagnostics.append(Diagnostic(.error, path: displayPath, line: line, column: column,
                message: "the data file is not UTF-8 text (save it as UTF-8)"))
            return nil
        }
        return parse(String(decoding: data, as: UTF8.self), name: url.lastPathComponent, displayPath: displayPath, diagnostics: &diagnostics)
    }

    static func parse(_ text: String, name: String, displayPath: String, diagnostics: inout [Diagnostic]) -> TemplateValue? {
        let lower = name.lowercased()
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") {
            do {
                guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return .object(TemplateObject()) }
                guard TemplateValue.yamlFits(node) else {
                    diagnostics.append(Diagnostic(.error, path: displayPath,
                        message: "data file: expands to more than \(TemplateValue.maximumYAMLValues) values (nested YAML aliases?)"))
                    return nil
                }
                return TemplateValue(yaml: node)
            } catch let error as YamlError {
                let (line, column, message) = FrontMatter.location(of: error)
                diagnostics.append(Diagnostic(.error, path: displayPath, line: line, column: column, message: "data file: \(message)"))
            } catch {
                diagnostics.append(Diagnostic(.error, path: displayPath, message: "data file: \(error)"))
            }
            return nil
        }
        let isJavaScript = lower.hasSuffix(".js") || lower.hasSuffix(".cjs") || lower.hasSuffix(".mjs")
        do {
            return try JavaScriptData.parse(text, allowExports: isJavaScript)
        } catch {
            if isJavaScript {
                let stem = name.replacingOccurrences(of: ".11tydata.js", with: ".11tydata").replacingOccurrences(of: ".js", with: "")
                diagnostics.append(Diagnostic(.error, path: displayPath, line: error.line, column: error.column,
                    message: "JavaScript data files cannot run here (\(error.message)); export only an object literal (`module.exports = { … }`) or write the data as \(stem).json"))
            } else {
                diagnostics.append(Diagnostic(.error, path: displayPath, line: error.line, column: error.column, message: "not valid JSON: \(error.message)"))
            }
            return nil
        }
    }
}
