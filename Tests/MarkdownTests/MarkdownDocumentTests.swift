import Markdown
import Testing

@Test func headingAndParagraphRender() {
    let html = MarkdownDocument.html("# Title\n\nSome <text> & more.\n", options: .commonMark)
    #expect(html == "<h1>Title</h1>\n<p>Some &lt;text&gt; &amp; more.</p>\n")
}
