import Foundation
import Templates
import Yams

/// A template's front matter and body, split the way gray-matter splits them.
///
/// gray-matter's rules: a byte-order mark is dropped; front matter opens when the file starts with
/// `---` not followed by a fourth `-`; the rest of that line names a language (`---js`; blank or
/// trailing spaces mean YAML); it closes at the first `\n---` that follows; the body starts after the
/// closing `---` and one line break. An unclosed block makes the whole file front matter: here that
/// is a warning, and the text is kept as the body unless it reads as a YAML mapping.
struct FrontMatter: Sendable {
    var data: TemplateObject
    var body: String
    /// The 1-based line the body starts on, so body diagnostics point at the file's own lines.
    var bodyLine: Int
    /// Where each value of the front matter is in the file, by dotted key path
    /// (`screenshots.items.0.src`), so diagnostics about data point at the line that holds it.
    var positions: [String: SourcePosition] = [:]
    /// The front matter's own text and the file line its first line is on, for checks that look at
    /// indentation.
    var yaml: String = ""
    var yamlLine: Int = 1
    /// Whether the file has front matter at all.
    var present: Bool = false

    /// Split and parse. Diagnostics go to `diagnostics`; the page still loads where it can.
    init(text: String, path: String, diagnostics: inout [Diagnostic]) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let dash = UInt8(ascii: "-"), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        self.data = TemplateObject()
        self.bodyLine = 1
        guard bytes.count >= 3, bytes[0] == dash, bytes[1] == dash, bytes[2] == dash,
              bytes.count == 3 || bytes[3] != dash else {
            self.body = String(decoding: bytes, as: UTF8.self)
            return
        }
        present = true
        // The language: the rest of the opening line, trimmed.
        var index = 3
        var lineEnd = index
        while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
        let language = String(decoding: bytes[index..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !language.isEmpty { index = lineEnd }
        // The closing delimiter: the first "\n---" after the opening.
        var close: Int?
        var scan = index
        while scan + 3 < bytes.count {
            if bytes[scan] == newline, bytes[scan + 1] == dash, bytes[scan + 2] == dash, bytes[scan + 3] == dash {
                close = scan
                break
            }
            scan += 1
        }
        let matterEnd = close ?? bytes.count
        let matter = String(decoding: bytes[index..<matterEnd], as: UTF8.self)
        self.yaml = matter
        self.yamlLine = 1
        if let close {
            var start = close + 4
            if start < bytes.count, bytes[start] == cr { start += 1 }
            if start < bytes.count, bytes[start] == newline { start += 1 }
            self.body = String(decoding: bytes[start...], as: UTF8.self)
            self.bodyLine = 1 + bytes[0..<start].count { $0 == newline }
        } else {
            self.body = ""
            self.bodyLine = 1 + bytes.count { $0 == newline }
            diagnostics.append(Diagnostic(.warning, path: path, line: 1, column: 1,
                message: "front matter is not closed with '---'; Eleventy would read the whole file as front matter"))
        }
        // The block's text starts on the opening line, so its line numbers are the file's.
        let lineOffset = 0
        if !language.isEmpty {
            let parsed = Self.parseJavaScript(matter, language: language, path: path, diagnostics: &diagnostics)
            self.data = parsed
            return
        }
        if matter.allSatisfy({ $0.isWhitespace }) { return }
        do {
            let node = try Yams.compose(yaml: matter, .basic, .default, .utf8)
            if let node, !TemplateValue.yamlFits(node) {
                diagnostics.append(Diagnostic(.error, path: path, line: 2, column: 1,
                    message: "front matter expands to more than \(TemplateValue.maximumYAMLValues) values (nested YAML aliases?)"))
                return
            }
            if let node { Self.record(node, path: "", lineOffset: lineOffset, into: &positions) }
            switch node.map(TemplateValue.init(yaml:)) {
            case .object(let object)?: self.data = object
            case nil, .null?: break
            default:
                if close == nil {
                    self.body = String(decoding: bytes[lineEnd...], as: UTF8.self)
                    self.bodyLine = 2
                } else {
                    diagnostics.append(Diagnostic(.error, path: path, line: 2, column: 1, message: "front matter is not a mapping of keys to values"))
                }
            }
        } catch {
            if close == nil {
                // Keep the text visible rather than lose the page to a parse error.
                self.body = String(decoding: bytes[min(lineEnd + 1, bytes.count)...], as: UTF8.self)
                self.bodyLine = 2
                return
            }
            if let yamlError = error as? YamlError {
                let (line, column, message) = Self.location(of: yamlError, lineOffset: lineOffset)
                diagnostics.append(Diagnostic(.error, path: path, line: line, column: column, message: "front matter: \(message)"))
            } else {
                diagnostics.append(Diagnostic(.error, path: path, line: 2, column: 1, message: "front matter: \(error)"))
            }
        }
    }

    /// `---js` front matter: only an object literal can be read; anything else needs rewriting as YAML.
    private static func parseJavaScript(_ source: String, language: String, path: String, diagnostics: inout [Diagnostic]) -> TemplateObject {
        guard language == "js" || language == "javascript" || language == "json" else {
            diagnostics.append(Diagnostic(.error, path: path, line: 1, column: 4, message: "front matter language '\(language)' is not supported: write YAML front matter (`---` on its own line)"))
            return TemplateObject()
        }
        do {
            let value = try JavaScriptData.parse(source, allowExports: false)
            if case .object(let object) = value { return object }
            diagnostics.append(Diagnostic(.error, path: path, line: 2, column: 1, message: "JavaScript front matter must be an object literal"))
        } catch {
            diagnostics.append(Diagnostic(.error, path: path, line: error.line, column: error.column,
                message: "JavaScript front matter cannot run here (\(error.message)): write it as YAML front matter, or as a plain object literal"))
        }
        return TemplateObject()
    }

    private static func record(_ node: Node, path: String, lineOffset: Int, into positions: inout [String: SourcePosition], depth: Int = 0) {
        guard depth < 100 else { return }
        if let mark = node.mark { positions[path] = SourcePosition(line: mark.line + lineOffset, column: mark.column) }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let child = path.isEmpty ? (key.string ?? "") : path + "." + (key.string ?? "")
                record(value, path: child, lineOffset: lineOffset, into: &positions, depth: depth + 1)
                if let mark = key.mark { positions[child] = SourcePosition(line: mark.line + lineOffset, column: mark.column) }
            }
        case .sequence(let sequence):
            for (index, value) in sequence.enumerated() {
                record(value, path: path.isEmpty ? "\(index)" : "\(path).\(index)", lineOffset: lineOffset, into: &positions, depth: depth + 1)
            }
        default: break
        }
    }

    /// The line, column and message of a YAML error (lines of the YAML text plus `lineOffset`).
    ///
    /// libyaml notices an unclosed flow list, flow mapping or quoted string only where the text runs
    /// out, often the closing `---`; the place to fix is where the construct opened, which libyaml
    /// keeps as the error's context. So those three are reported where they open, and the message says
    /// where the problem was noticed.
    static func location(of error: YamlError, lineOffset: Int = 0) -> (Int, Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            guard let context, !context.text.isEmpty else {
                return (mark.line + lineOffset, mark.column, problem)
            }
            let unclosed: String? = switch context.text {
            case "while parsing a flow sequence": "this list (`[`) is not closed"
            case "while parsing a flow mapping": "this mapping (`{`) is not closed"
            case "while scanning a quoted scalar": "this quoted string is not closed"
            default: nil
            }
            if let unclosed, (context.mark.line, context.mark.column) < (mark.line, mark.column), context.mark.line >= 1 {
                let message = "\(unclosed): \(problem) (noticed at line \(mark.line + lineOffset), column \(mark.column))"
                return (context.mark.line + lineOffset, context.mark.column, message)
            }
            return (mark.line + lineOffset, mark.column, "\(context.text), \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // js-yaml rejects these too; point at the mapping, name the keys.
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark.line + lineOffset, context.mark.column, "duplicated key \(keys): each key may appear once in a mapping")
        default:
            return (1, 1, "\(error)")
        }
    }
}
