import Foundation
import Markdown

/// One case of a markdown-it fixture file (see Fixtures/markdown-it/README.md).
struct MarkdownItCase: Decodable, Sendable {
    let file: String
    let name: String?
    let line: Int
    let markdown: String
    let html: String?
    let options: String
    let notes: String?
}

struct MarkdownItSuite: Decodable, Sendable {
    let suite: String
    let cases: [MarkdownItCase]
}

/// Reads a case's `options` (the runner's JavaScript set-up) into `MarkdownOptions`, or says why
/// the case needs something this module does not offer.
enum MarkdownItSetup {
    enum Result {
        case options(MarkdownOptions)
        case notApplicable(String)
    }

    static func read(_ testCase: MarkdownItCase) -> Result {
        let full = testCase.options
        if let notes = testCase.notes, notes.contains("THROW") { return .notApplicable("expects an exception") }
        if full.contains("custom rules") { return .notApplicable("the runner adds its own JavaScript rules") }
        if full.contains("md.render(src, {") { return .notApplicable("passes a JavaScript env") }
        let setup = full.components(separatedBy: "  //")[0]
        var options: MarkdownOptions
        if setup.hasPrefix("markdownit('commonmark')") {
            options = MarkdownOptions(html: true, xhtmlOut: true)
        } else {
            options = MarkdownOptions(html: false, xhtmlOut: false, extensions: [.tables, .strikethrough])
            if let open = setup.range(of: "markdownit({"), let close = setup.range(of: "})", range: open.upperBound..<setup.endIndex) {
                for pair in setup[open.upperBound..<close.lowerBound].split(separator: ",") {
                    let parts = pair.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                    switch parts[0] {
                    case "html": options.html = value == "true"
                    case "typographer": options.typographer = value == "true"
                    case "linkify": options.linkify = value == "true"
                    case "breaks": options.breaks = value == "true"
                    case "xhtmlOut": options.xhtmlOut = value == "true"
                    case "langPrefix": options.langPrefix = value
                    default: return .notApplicable("option \(parts[0])")
                    }
                }
            }
        }
        // Plugins.
        var rest = Substring(setup)
        while let use = rest.range(of: ".use(") {
            var depth = 1
            var index = use.upperBound
            while index < rest.endIndex, depth > 0 {
                if rest[index] == "(" { depth += 1 }
                if rest[index] == ")" { depth -= 1 }
                index = rest.index(after: index)
            }
            let call = rest[use.upperBound..<rest.index(before: index)]
            rest = rest[index...]
            let name = call.prefix(while: { $0 != "," }).trimmingCharacters(in: .whitespaces)
            let arguments = call.dropFirst(name.count).trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            switch name {
            case "markdownItAttrs":
                if !arguments.isEmpty && arguments != "{leftDelimiter: \"{\", rightDelimiter: \"}\"}" {
                    return .notApplicable("markdown-it-attrs options \(arguments)")
                }
                options.extensions.insert(.attrs)
            case "markdownItAnchor":
                if !arguments.isEmpty { return .notApplicable("markdown-it-anchor options \(arguments)") }
                options.extensions.insert(.anchor)
                options.anchor = .markdownItAnchor
            case "abbr": options.extensions.insert(.abbr)
            case "deflist": options.extensions.insert(.deflist)
            case "footnote": options.extensions.insert(.footnote)
            case "ins": options.extensions.insert(.ins)
            case "mark": options.extensions.insert(.mark)
            case "sub": options.extensions.insert(.sub)
            case "sup": options.extensions.insert(.sup)
            default: return .notApplicable("plugin \(name)")
            }
        }
        return .options(options)
    }
}
