import Markdown
import Testing
@testable import Site

/// Texts the `markdown` filter's shortcut takes: each must render exactly as the parser renders it.
private let plainTexts = [
    "What we learned in round 12.",
    "Users sign in, then choose an organisation: most have one; some have more.",
    "Round 3",
    "x marks the spot",
    "A 3x4 grid",
    "e.g. this, and that.",
    "Z",
    "Users with *more than one* organisation choose here.",
    "Users with _more than one_ organisation",
    "**Strong** start and __strong__ end, then *em*: done; _x_",
    "*a*",
    "Costs *3 pounds*.",
]

/// Texts it must leave to the parser: Markdown, typography, Calvert, escapes, spacing, lists.
private let parsedTexts = [
    "snake_case_name",
    "a*b*c",
    "*a *",
    "***a***",
    "*a",
    "**a*",
    "*a_",
    "* a*",
    "A *x* B",
    "*nested **strong** inside*",
    "*a*b",
    "A 3 x 4 grid",
    "Wait...",
    "One,, two",
    "Sign-in -- the new way",
    "It's \"quoted\"",
    "Costs 1/2 as much",
    "Fish & chips <b>",
    " leading space",
    "trailing space ",
    "two  spaces",
    "Two\nlines",
    "(c) Crown",
    "Café",
    "",
]

@Test(arguments: plainTexts)
func plainTextRendersAsTheParserRendersIt(text: String) throws {
    for options in [MarkdownOptions.govuk, .markdownIt, .commonMark] {
        let plain = try #require(PlainMarkdown(options: options))
        #expect(plain.html(text, inline: true) == MarkdownDocument.inlineHTML(text, options: options))
        #expect(plain.html(text, inline: false) == MarkdownDocument.html(text, options: options))
    }
}

@Test(arguments: parsedTexts)
func textThatMarkdownCanChangeIsLeftToTheParser(text: String) throws {
    let plain = try #require(PlainMarkdown(options: .govuk))
    #expect(plain.html(text, inline: true) == nil)
    #expect(plain.html(text, inline: false) == nil)
}

@Test func aParagraphIsTheRenderersOwnMarkup() throws {
    let plain = try #require(PlainMarkdown(options: .govuk))
    #expect(plain.html("Hello", inline: false) == MarkdownDocument.html("Hello", options: .govuk))
    #expect(plain.html("1 thing", inline: true) == "1 thing")
    // A leading number starts an ordered list only in a block.
    #expect(plain.html("1 thing", inline: false) == nil)
    #expect(plain.html("1. A list", inline: false) == nil)
    #expect(plain.html("1. A list", inline: true) == MarkdownDocument.inlineHTML("1. A list", options: .govuk))
}

@Test func withLinkifyOnEveryTextGoesToTheParser() throws {
    var options = MarkdownOptions.govuk
    options.linkify = true
    // The parser links a bare domain, which the shortcut's character rules would call plain.
    #expect(MarkdownDocument.inlineHTML("Read more on gov.uk", options: options).contains("<a "))
    #expect(PlainMarkdown(options: options) == nil)
}

@Test func emphasisIsTheRenderersOwnMarkup() throws {
    let plain = try #require(PlainMarkdown(options: .govuk))
    let text = "Users with *more than one* organisation choose here."
    #expect(plain.html(text, inline: false) == MarkdownDocument.html(text, options: .govuk))
    #expect(plain.html(text, inline: false)?.contains("<em>more than one</em>") == true)
    #expect(plain.html("**a**", inline: true) == MarkdownDocument.inlineHTML("**a**", options: .govuk))
}

/// Every short text made of words, digits, spaces, plain punctuation and emphasis markers that the shortcut answers must render as the parser renders it (the shortcut may decline
/// any text): a differential check over pseudo-random texts, the same ones every run.
@Test func shortcutAgreesWithTheParserOnRandomTexts() throws {
    // Pieces rather than single characters, so that many texts hold a pair of markers around a word.
    let pieces = ["ab", "x", "1", " ", " ", "*", "_", "**", "__", "*ab*", " _x_", ".", ",", ":", ";"]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
        // SplitMix64: deterministic, so a failure can be replayed.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    let renderers = try [MarkdownOptions.govuk, .markdownIt, .commonMark].map { options in
        (options, try #require(PlainMarkdown(options: options)))
    }
    var answered = 0, answeredWithEmphasis = 0
    for _ in 0..<4_000 {
        let length = 1 + Int(next() % 7)
        let text = (0..<length).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
        for (options, plain) in renderers {
            if let html = plain.html(text, inline: true) {
                answered += 1
                if text.contains("*") || text.contains("_") { answeredWithEmphasis += 1 }
                #expect(html == MarkdownDocument.inlineHTML(text, options: options), "inline: \(text)")
            }
            if let html = plain.html(text, inline: false) {
                answered += 1
                #expect(html == MarkdownDocument.html(text, options: options), "block: \(text)")
            }
        }
    }
    // The check means something only if the shortcut answers a fair share of the texts, emphasis too.
    #expect(answered > 1_000)
    #expect(answeredWithEmphasis > 200)
}
