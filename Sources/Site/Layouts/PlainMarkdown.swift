import Markdown

/// The `markdown` filter's shortcut for text that Markdown leaves as it is: a one-line description
/// or caption of words, digits, spaces and plain punctuation renders as itself (inline) or as one
/// paragraph of itself (block), so the parser need not run. Layouts call the filter for the
/// description and every screenshot caption of every page.
///
/// A text is plain only when no Markdown rule, extension, typographer or Calvert replacement and no
/// HTML escape can apply to it: ASCII letters, digits, single spaces between words, and `.` `,` `:`
/// `;` not doubled; no ` x ` between words (Calvert's ×); in a block, no leading digit (an ordered
/// list). Anything else goes through the parser, and every text does when `linkify` is on.
struct PlainMarkdown: Sendable {
    /// What the block renderer writes around a paragraph (`<p class="govuk-body">`, `</p>\n`).
    let paragraphOpen: String
    let paragraphClose: String

    /// Learns the paragraph markup from the renderer itself; nil if a plain word does not come back
    /// as one paragraph of itself (then every text is parsed).
    init?(options: MarkdownOptions) {
        // With linkify on, a plain `gov.uk` or `example.com` becomes a link: no text is plain then.
        guard !options.linkify else { return nil }
        let word = "plain"
        let html = MarkdownDocument.html(word, options: options)
        guard MarkdownDocument.inlineHTML(word, options: options) == word,
              let range = html.range(of: word), html[range.upperBound...].range(of: word) == nil else { return nil }
        paragraphOpen = String(html[..<range.lowerBound])
        paragraphClose = String(html[range.upperBound...])
    }

    /// The HTML of `text`, when it is plain; nil when it needs the parser.
    func html(_ text: String, inline: Bool) -> String? {
        guard Self.isPlain(text, block: !inline) else { return nil }
        return inline ? text : paragraphOpen + text + paragraphClose
    }

    /// Whether `text` renders as itself (see the type's description).
    static func isPlain(_ text: String, block: Bool) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        if block, first >= 0x30, first <= 0x39 { return false }
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39:
                // ` x ` is checked when the space after it comes.
                break
            case 0x20:
                if previous == 0x20 { return false }
                if previous == UInt8(ascii: "x"), beforePrevious == 0x20 { return false }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if previous == byte { return false }
            case UInt8(ascii: ":"), UInt8(ascii: ";"):
                break
            default:
                return false
            }
            beforePrevious = previous
            previous = byte
        }
        return true
    }
}
