/// markdown-it fixture cases whose output this module does not match, each with the reason.
/// Every other case of a feature the module implements must match byte for byte.
enum MarkdownItKnownDifferences {
    static let cases: [String: String] = [
        "test/fixtures/markdown-it/commonmark_extras.txt:512":
            "a reference definition in a block quote followed by a lazy line: CommonMark makes the line a paragraph continuation inside the quote, markdown-it ends the quote",
        "test/fixtures/markdown-it/fatal.txt:18":
            "&#xD800; in a URL: CommonMark replaces a surrogate code point with U+FFFD; markdown-it's decoder fails and keeps the text",
        "test/fixtures/markdown-it/linkify.txt:149":
            "markdown-it's linkify nests a link inside a link after a stray </a>; links here are never nested",
        "test/fixtures/abbr.txt:85": "abbreviations inside linkified URLs: linkify here makes the link before abbreviations are applied",
        "test.js:237": "markdown-it-attrs ignores `{{.red}}` (too many braces) after an inline element; it is applied here",
        "test.js:423": "table colspan/rowspan from attributes on cells (markdown-it-attrs' table spans) are not implemented",
        "test.js:632": "`---{#id}` on a thematic break is not implemented",
        "test.js:652": "`--- {.a .b}` on a thematic break is not implemented",
    ]

    static func reason(file: String, line: Int) -> String? { cases["\(file):\(line)"] }
}
