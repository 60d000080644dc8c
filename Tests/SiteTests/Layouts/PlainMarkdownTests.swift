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
]

/// Texts it must leave to the parser: Markdown, typography, Calvert, escapes, spacing, lists.
private let parsedTexts = [
    "Users with *more than one* organisation",
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
