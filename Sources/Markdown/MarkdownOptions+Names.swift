/// A bad option name or value given by name (on the command line or in configuration).
public struct MarkdownOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

extension MarkdownOptions {
    /// The profiles by the names the command uses: `commonmark`, `markdown-it`, `govuk`.
    public static func profile(named name: String) throws(MarkdownOptionError) -> MarkdownOptions {
        switch name {
        case "commonmark": return .commonMark
        case "markdown-it", "markdownit": return .markdownIt
        case "govuk": return .govuk
        default: throw MarkdownOptionError(message: "unknown profile '\(name)' (expected commonmark, markdown-it or govuk)")
        }
    }

    /// The option names `setOption` accepts: markdown-it's and the GOV.UK renderer's.
    public static let optionNames = [
        "html", "breaks", "linkify", "typographer", "xhtmlOut", "langPrefix", "indentedCode",
        "brand", "headingsStartWith", "calvert", "govspeak", "headingPermalinks",
    ]

    /// Sets one option by its markdown-it (or GOV.UK plugin) name, e.g. `breaks` to `true`.
    public mutating func setOption(_ name: String, to value: String) throws(MarkdownOptionError) {
        func bool() throws(MarkdownOptionError) -> Bool {
            switch value.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default: throw MarkdownOptionError(message: "option '\(name)' needs true or false, not '\(value)'")
            }
        }
        func govukMarkup() throws(MarkdownOptionError) -> GovukMarkup {
            guard case .govuk(let markup) = markup else {
                throw MarkdownOptionError(message: "option '\(name)' applies to the govuk profile only")
            }
            return markup
        }
        switch name {
        case "html": html = try bool()
        case "breaks": breaks = try bool()
        case "linkify": linkify = try bool()
        case "typographer": typographer = try bool()
        case "xhtmlOut": xhtmlOut = try bool()
        case "indentedCode": indentedCode = try bool()
        case "langPrefix": langPrefix = value
        case "brand":
            var m = try govukMarkup()
            guard let brand = GovukMarkup.Brand(rawValue: value) else {
                throw MarkdownOptionError(message: "option 'brand' is govuk or nhsuk, not '\(value)'")
            }
            m.brand = brand
            markup = .govuk(m)
        case "headingsStartWith":
            var m = try govukMarkup()
            guard let start = GovukMarkup.HeadingsStartWith(rawValue: value) else {
                throw MarkdownOptionError(message: "option 'headingsStartWith' is xl or l, not '\(value)'")
            }
            m.headingsStartWith = start
            markup = .govuk(m)
        case "calvert":
            var m = try govukMarkup()
            m.calvert = try bool()
            markup = .govuk(m)
        case "govspeak":
            var m = try govukMarkup()
            m.govspeak = try bool()
            markup = .govuk(m)
            if m.govspeak { extensions.insert(.govspeak) } else { extensions.remove(.govspeak) }
        case "headingPermalinks":
            var m = try govukMarkup()
            m.headingPermalinks = try bool()
            markup = .govuk(m)
        default:
            throw MarkdownOptionError(message: "unknown option '\(name)' (expected one of \(Self.optionNames.joined(separator: ", ")))")
        }
    }

    /// Replaces the extensions with a comma-separated list of names (empty for none).
    public mutating func setExtensions(_ list: String) throws(MarkdownOptionError) {
        var set: Set<MarkdownExtension> = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: " \t")
            guard !name.isEmpty else { continue }
            guard let ext = MarkdownExtension(rawValue: name) else {
                let known = MarkdownExtension.allCases.map(\.rawValue).joined(separator: ", ")
                throw MarkdownOptionError(message: "unknown extension '\(name)' (expected some of \(known))")
            }
            set.insert(ext)
        }
        extensions = set
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
