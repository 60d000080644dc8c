import Foundation
import Markdown
import Testing

/// Random soups of Markdown's special characters, with every extension on: no input may crash.
/// Deterministic (a fixed-seed generator), so a failure reproduces; FUZZ_SEED and FUZZ_ROUNDS run more.
struct RandomInputTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "*", "_", "**", "~", "~~", "^", "==", "++", "`", "```", "~~~", "[", "]", "(", ")", "![", "<", ">", "&", "&amp;",
        "&#x", ";", "\\", "\n", "\n\n", "  \n", "\t", "    ", " ", "-", "- ", "1. ", "2) ", "+ ", "#", "## ", "|", "| - |",
        "---", "===", ":", ": ", "[^1]", "[^1]: ", "*[A]: ", "{.c}", "{#i k=v}", "\"", "'", "<!--", "-->", "<div>", "</div>",
        "<?", "?>", "<![CDATA[", "]]>", "http://x.y/", "www.a.b", "a@b.c", "[[toc]]", "> [!NOTE]", "^x^", "%w%", "1/2",
        "+-", "<=", "é", "\u{00A0}", "\u{200B}", "😀", "\r\n", "\r", "\u{0}", "a", "word", "[a]: /u", "<http://a>",
    ]

    @Test func randomSoupsNeverCrash() {
        var generator = Generator(state: UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 0x5EED)
        var profiles: [MarkdownOptions] = [.commonMark, .markdownIt, .govuk]
        var everything = MarkdownOptions.govuk
        everything.linkify = true
        everything.headingPermalinks()
        profiles.append(everything)
        var rendered = 0
        let rounds = Int(ProcessInfo.processInfo.environment["FUZZ_ROUNDS"] ?? "") ?? 1_500
        for _ in 0..<rounds {
            let count = Int.random(in: 1...60, using: &generator)
            var text = ""
            for _ in 0..<count { text += Self.pieces.randomElement(using: &generator)! }
            for options in profiles {
                let document = MarkdownDocument(parsing: text, options: options)
                _ = document.renderHTML()
                _ = document.links
                _ = document.headings
                _ = MarkdownDocument.inlineHTML(text, options: options)
                rendered += 1
            }
        }
        #expect(rendered == rounds * 4)
    }
}

extension MarkdownOptions {
    mutating func headingPermalinks() {
        if case .govuk(var markup) = markup {
            markup.headingPermalinks = true
            self.markup = .govuk(markup)
        }
    }
}
