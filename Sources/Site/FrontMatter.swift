import Foundation
import Templates
import Yams

/// A template's front matter and body, split the way gray-matter splits them.
struct FrontMatter {
    var data: TemplateObject
    var body: String
    /// The 1-based line the body starts on, so body diagnostics point at the file's own lines.
    var bodyLine: Int
    /// Where each value of the front matter is in the file, by dotted key path
    /// (`screenshots.items.0.src`), so diagnostics about data point at the line that holds it.
    var positions: [String: SourcePosition] = [:]

    /// Split and parse. Diagnostics go to `diagnostics`; the page still loads where it can.
    init(text: String, path: String, diagnostics: inout [Diagnostic]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            self.data = TemplateObject()
            self.body = text
            self.bodyLine = 1
            return
        }
        var closing: Int?
        for index in 1..<lines.count where lines[index].trimmingCharacters(in: .whitespaces) == "---" {
            closing = index
            break
        }
        guard let closing else {
            diagnostics.append(Diagnostic(.warning, path: path, line: 1, column: 1, message: "front matter is not closed with '---'"))
            self.data = TemplateObject()
            self.body = text
            self.bodyLine = 1
            return
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        self.body = lines[(closing + 1)...].joined(separator: "\n")
        self.bodyLine = closing + 2
        do {
            let node = try Yams.compose(yaml: yaml)
            if let node { Self.record(node, path: "", lineOffset: 1, into: &positions) }
            if case .object(let object) = node.map(TemplateValue.init(yaml:)) ?? .object(TemplateObject()) {
                self.data = object
            } else {
                diagnostics.append(Diagnostic(.error, path: path, line: 2, column: 1, message: "front matter is not a mapping"))
                self.data = TemplateObject()
            }
        } catch let error as YamlError {
            let (line, column, message) = Self.location(of: error)
            diagnostics.append(Diagnostic(.error, path: path, line: line + 1, column: column, message: "front matter: \(message)"))
            self.data = TemplateObject()
        } catch {
            diagnostics.append(Diagnostic(.error, path: path, line: 2, column: 1, message: "front matter: \(error)"))
            self.data = TemplateObject()
        }
    }

    private static func record(_ node: Node, path: String, lineOffset: Int, into positions: inout [String: SourcePosition]) {
        if let mark = node.mark { positions[path] = SourcePosition(line: mark.line + lineOffset, column: mark.column) }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let child = path.isEmpty ? (key.string ?? "") : path + "." + (key.string ?? "")
                record(value, path: child, lineOffset: lineOffset, into: &positions)
                if let mark = key.mark { positions[child] = SourcePosition(line: mark.line + lineOffset, column: mark.column) }
            }
        case .sequence(let sequence):
            for (index, value) in sequence.enumerated() {
                record(value, path: path.isEmpty ? "\(index)" : "\(path).\(index)", lineOffset: lineOffset, into: &positions)
            }
        default: break
        }
    }

    private static func location(of error: YamlError) -> (Int, Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return (mark.line, mark.column, what)
        default:
            return (1, 1, "\(error)")
        }
    }
}

extension TemplateValue {
    /// A YAML node as template data. Dates stay dates; plain scalars resolve as YAML 1.1 does.
    init(yaml node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain {
                self = .string(scalar.string)
            } else if let bool = Bool.construct(from: scalar) {
                self = .bool(bool)
            } else if let int = Int.construct(from: scalar) {
                self = .number(Double(int))
            } else if let double = Double.construct(from: scalar) {
                self = .number(double)
            } else if let date = Date.construct(from: scalar) {
                self = .date(date)
            } else if scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty {
                self = .null
            } else {
                self = .string(scalar.string)
            }
        case .mapping(let mapping):
            var object = TemplateObject()
            for (key, value) in mapping { object[key.string ?? ""] = TemplateValue(yaml: value) }
            self = .object(object)
        case .sequence(let sequence):
            self = .array(sequence.map(TemplateValue.init(yaml:)))
        case .alias:
            self = .null
        }
    }
}
