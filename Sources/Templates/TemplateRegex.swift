import Foundation

/// Regular expression literals (`r/pattern/flags`). Without a value case of their own, they are
/// objects shaped like JavaScript's `RegExp` (`source`, `flags`, `global`, `test()`), marked so that the
/// `replace` filter can recognise them.
enum TemplateRegex {
    static let marker = "__regexp"
    private static let cache = RegexCache()

    /// The object for a regular expression, or nil when the pattern does not compile.
    static func value(pattern: String, flags: String) -> TemplateValue? {
        guard cache.regex(pattern, caseInsensitive: flags.contains("i"), multiline: flags.contains("m")) != nil else { return nil }
        var object = TemplateObject()
        object["source"] = .string(pattern)
        object["flags"] = .string(flags)
        object["global"] = .bool(flags.contains("g"))
        object["ignoreCase"] = .bool(flags.contains("i"))
        object["multiline"] = .bool(flags.contains("m"))
        object["test"] = .function(TemplateFunction(name: "test") { arguments in
            .bool(firstMatch(pattern, flags: flags, in: arguments.value(at: 0).stringValue) != nil)
        })
        object[marker] = .bool(true)
        return .object(object)
    }

    /// The pattern and flags of a regular expression value, or nil for any other value.
    static func parts(of value: TemplateValue) -> (pattern: String, flags: String)? {
        guard case .object(let object) = value, object[marker] != nil, case .string(let pattern)? = object["source"] else { return nil }
        return (pattern, object["flags"]?.stringValue ?? "")
    }

    private static func compiled(_ pattern: String, _ flags: String) -> NSRegularExpression? {
        cache.regex(pattern, caseInsensitive: flags.contains("i"), multiline: flags.contains("m"))
    }

    static func firstMatch(_ pattern: String, flags: String, in text: String) -> NSTextCheckingResult? {
        compiled(pattern, flags)?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// JavaScript's `string.replace(regex, replacement)`: every match with the `g` flag, else the first.
    /// `$1`…`$9` and `$&` in the replacement refer to the match, as in JavaScript.
    static func replace(_ pattern: String, flags: String, in text: String, with replacement: String) -> String {
        guard let regex = compiled(pattern, flags) else { return text }
        let template = replacement.replacingOccurrences(of: "$&", with: "$0")
        let whole = NSRange(text.startIndex..., in: text)
        if flags.contains("g") {
            return regex.stringByReplacingMatches(in: text, range: whole, withTemplate: template)
        }
        guard let match = regex.firstMatch(in: text, range: whole), let range = Range(match.range, in: text) else { return text }
        let substituted = regex.replacementString(for: match, in: text, offset: 0, template: template)
        return text.replacingCharacters(in: range, with: substituted)
    }
}
