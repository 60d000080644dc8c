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
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            diagnostics.append(Diagnostic(.error, path: displayPath, message: "cannot read the data file: \(error.localizedDescription)"))
            return nil
        }
        return parse(text, name: url.lastPathComponent, displayPath: displayPath, diagnostics: &diagnostics)
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
