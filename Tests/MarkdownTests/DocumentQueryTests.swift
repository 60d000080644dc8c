import Markdown
import Testing

/// What other modules read from a parsed document: links, headings, code blocks, block quotes,
/// with 1-based source lines and columns.
struct DocumentQueryTests {
    let text = """
    # Title

    Some [first link](/one "One") and ![an image](/i.png).
      A line with [another](/two).

    > Quoted *text*
    > with <https://auto.example>

    ```swift
    let x = 1
    ```

        indented code

    ## Second {#custom}
    """

    @Test func linksHaveTheirPositions() {
        let document = MarkdownDocument(parsing: text, options: .govuk)
        let links = document.links
        #expect(links.count == 4)
        #expect(links[0] == MarkdownLink(destination: "/one", title: "One", text: "first link", isImage: false, line: 3, column: 6))
        #expect(links[1] == MarkdownLink(destination: "/i.png", title: "", text: "an image", isImage: true, line: 3, column: 35))
        #expect(links[2].destination == "/two" && links[2].line == 4 && links[2].column == 15)
        #expect(links[3].destination == "https://auto.example" && links[3].line == 7 && links[3].column == 8)
    }

    @Test func headingsHaveTextIdAndPosition() {
        let headings = MarkdownDocument(parsing: text, options: .govuk).headings
        #expect(headings == [
            MarkdownHeading(level: 1, text: "Title", id: "title", line: 1, column: 1),
            MarkdownHeading(level: 2, text: "Second", id: "custom", line: 15, column: 1),
        ])
        let plain = MarkdownDocument(parsing: text, options: .commonMark).headings
        #expect(plain[0].id == nil)
    }

    @Test func codeBlocksAndQuotes() {
        let document = MarkdownDocument(parsing: text, options: .commonMark)
        #expect(document.codeBlocks == [
            MarkdownCodeBlock(info: "swift", content: "let x = 1\n", isFenced: true, line: 9, column: 1),
            MarkdownCodeBlock(info: "", content: "indented code\n", isFenced: false, line: 13, column: 5),
        ])
        #expect(document.blockQuotes == [MarkdownBlockQuote(text: "Quoted text\nwith https://auto.example", line: 6, column: 1)])
    }

    @Test func inlineRenderingHasNoParagraph() {
        #expect(MarkdownDocument.inlineHTML("A *title* with `code`", options: .commonMark) == "A <em>title</em> with <code>code</code>")
        #expect(MarkdownDocument.inlineHTML("\"Smart\" -- title", options: .markdownIt) == "“Smart” – title")
        #expect(MarkdownDocument.inlineHTML("# not a heading", options: .commonMark) == "# not a heading")
    }

    @Test func escapingIsTheDefault() {
        #expect(HTMLEscaping.escape("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;")
        #expect(MarkdownDocument.html("[x](javascript:alert(1))", options: .govuk).contains("javascript") == true)
        #expect(!MarkdownDocument.html("[x](javascript:alert(1))", options: .govuk).contains("href=\"javascript"))
    }
}
