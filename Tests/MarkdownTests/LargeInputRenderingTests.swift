import Markdown
import Testing

/// What the pathological inputs render to, at sizes large enough to exercise the linear-time
/// paths (the benchmark times them; these check the output is still right). Each expectation was
/// checked against markdown-it-py at a small size and is built here for the large one.
struct LargeInputRenderingTests {
    static let n = 20_000

    /// `a**b ` repeated: runs that both open and close pair up in turn (the delimiter stack and the
    /// emphasis nodes built from it).
    @Test func runsOfDoubleStarsPairUp() {
        let html = MarkdownDocument.html(String(repeating: "a**b ", count: Self.n), options: .commonMark)
        let pairs = String(repeating: "a<strong>b a</strong>b ", count: Self.n / 2)
        #expect(html == "<p>" + pairs.dropLast() + "</p>\n")
    }

    /// `*a ` then ` a*`, each n times: emphasis n deep, every closer matching the nearest opener.
    @Test func deeplyNestedEmphasis() {
        let text = String(repeating: "*a ", count: Self.n) + String(repeating: " a*", count: Self.n)
        let html = MarkdownDocument.html(text, options: .commonMark)
        let expected = "<p>" + String(repeating: "<em>a ", count: Self.n) + " a</em>"
            + String(repeating: " a</em>", count: Self.n - 1) + "</p>\n"
        #expect(html == expected)
    }

    /// A run of n stars on each side of a word: n/2 nested `<strong>` when n is even, and an `<em>`
    /// around them when it is odd. The runs' text is cut once, not at each match.
    @Test(arguments: [Self.n, Self.n + 1])
    func longStarRunsAroundAWord(_ count: Int) {
        let stars = String(repeating: "*", count: count)
        let html = MarkdownDocument.html(stars + "a" + stars, options: .commonMark)
        let odd = count % 2 == 1
        let expected = "<p>" + (odd ? "<em>" : "") + String(repeating: "<strong>", count: count / 2) + "a"
            + String(repeating: "</strong>", count: count / 2) + (odd ? "</em>" : "") + "</p>\n"
        #expect(html == expected)
    }

    /// Markers left over after matching stay as text, once each.
    @Test func leftOverMarkersStayText() {
        #expect(MarkdownDocument.html("***a**", options: .commonMark) == "<p>*<strong>a</strong></p>\n")
        #expect(MarkdownDocument.html(String(repeating: "*a_ ", count: Self.n), options: .commonMark)
            == "<p>" + String(repeating: "*a_ ", count: Self.n).dropLast() + "</p>\n")
    }

    /// Odd runs of `~`: the spare marker of a run that closes goes after the `<s>` it closed, as
    /// markdown-it writes it (checked against markdown-it-py), at any length.
    @Test func oddStrikethroughRuns() {
        let strike = MarkdownOptions(html: true, extensions: [.strikethrough])
        let closing = MarkdownDocument.html(String(repeating: "~~a~~~ ", count: Self.n), options: strike)
        #expect(closing == "<p>" + String(repeating: "<s>a</s>~ ", count: Self.n).dropLast() + "</p>\n")
        let between = MarkdownDocument.html(String(repeating: "a~~~", count: Self.n), options: strike)
        #expect(between == "<p>" + String(repeating: "a~<s>a</s>~", count: Self.n / 2) + "</p>\n")
        let nested = MarkdownDocument.html("x ~~a ~~foo~~~~~~~~~~~bar~~ b~~", options: strike)
        #expect(nested == "<p>x <s>a <s>foo</s></s>~~~<s><s>bar</s> b</s></p>\n")
        let inserted = MarkdownDocument.html("x ++a ++foo+++++++++++bar++ b++", options: MarkdownOptions(html: true, extensions: [.ins]))
        #expect(inserted == "<p>x <ins>a <ins>foo</ins></ins>+++<ins><ins>bar</ins> b</ins></p>\n")
    }

    /// A paragraph ending in `}` after n `{`: each `{` could start the attributes, and none does
    /// (the last token, `.`, is not an attribute), so the text stays as it is. Whether the tokens
    /// from a place reach the final `}` is worked out once per place, not once per `{`.
    @Test func manyBracesBeforeAnInvalidAttribute() {
        let text = "x " + String(repeating: "{a ", count: Self.n) + ".}"
        #expect(MarkdownDocument.html(text, options: .markdownIt) == "<p>" + text + "</p>\n")
        let valid = "x " + String(repeating: "{a ", count: Self.n) + ".b}"
        // The last `{` that parses to the end starts the attributes.
        let html = MarkdownDocument.html(valid, options: .markdownIt)
        #expect(html == "<p a=\"\" class=\"b\">x " + String(repeating: "{a ", count: Self.n - 1).dropLast() + "</p>\n")
        #expect(MarkdownDocument.html("text {.a data-x=\"e^{i}\"}", options: .markdownIt) == "<p class=\"a\" data-x=\"e^{i}\">text</p>\n")
    }

    /// Abbreviations in text n emphasis levels deep, and n abbreviations used once each: each
    /// node's place in or out of a link is found once, and each label is looked up in a trie.
    @Test func abbreviationsAtScale() {
        let nested = "*[a]: A\n\n" + String(repeating: "*a ", count: Self.n) + String(repeating: " a*", count: Self.n)
        let expected = "<p>" + String(repeating: "<em><abbr title=\"A\">a</abbr> ", count: Self.n) + " <abbr title=\"A\">a</abbr></em>"
            + String(repeating: " <abbr title=\"A\">a</abbr></em>", count: Self.n - 1) + "</p>\n"
        #expect(MarkdownDocument.html(nested, options: .markdownIt) == expected)
        let definitions = (0..<Self.n).map { "*[w\($0)]: W\($0)\n" }.joined() + "*[w0]: second\n\n"
        let uses = (0..<Self.n).map { "w\($0)" }.joined(separator: " ")
        let html = MarkdownDocument.html(definitions + uses, options: .markdownIt)
        let abbrs = (0..<Self.n).map { "<abbr title=\"W\($0)\">w\($0)</abbr>" }.joined(separator: " ")
        #expect(html == "<p>" + abbrs + "</p>\n", "the first definition of a label wins")
        // The longest label that ends on a word boundary wins.
        let overlapping = MarkdownDocument.html("*[HTML]: a\n*[HTML5]: b\n\nHTML5 and HTML and HTML50", options: .markdownIt)
        #expect(overlapping == "<p><abbr title=\"b\">HTML5</abbr> and <abbr title=\"a\">HTML</abbr> and HTML50</p>\n")
    }

    /// n list markers on one line: n nested lists, each item found again by its node.
    @Test func nestedListMarkers() {
        let html = MarkdownDocument.html(String(repeating: "- ", count: Self.n) + "a\n", options: .markdownIt)
        let expected = String(repeating: "<ul>\n<li>\n", count: Self.n - 1) + "<ul>\n<li>a</li>\n</ul>\n"
            + String(repeating: "</li>\n</ul>\n", count: Self.n - 1)
        #expect(html == expected)
    }

    /// Many list items with different paddings: each continuation line is read with its own
    /// item's indent (the items' marker data looked up among thousands).
    @Test func eachItemKeepsItsOwnIndent() {
        var text = ""
        var expected = "<ul>\n"
        for k in 0..<2_000 {
            let spaces = k % 4 + 1
            text += "-" + String(repeating: " ", count: spaces) + "i\(k)\n"
            text += String(repeating: " ", count: spaces + 1) + "c\(k)\n"
            expected += "<li>i\(k)\nc\(k)</li>\n"
        }
        expected += "</ul>\n"
        #expect(MarkdownDocument.html(text, options: .commonMark) == expected)
    }

    /// n reference definitions and a use of each, with labels matched without regard to case or
    /// inner white space.
    @Test func manyReferenceDefinitions() {
        let definitions = (0..<Self.n).map { "[l\($0)]: /u\($0)\n" }.joined()
        let uses = (0..<Self.n).map { $0 % 2 == 0 ? "[l\($0)]" : "[L\($0)]" }.joined(separator: " ")
        let html = MarkdownDocument.html(definitions + "\n" + uses, options: .commonMark)
        let links = (0..<Self.n).map { "<a href=\"/u\($0)\">\($0 % 2 == 0 ? "l" : "L")\($0)</a>" }.joined(separator: " ")
        #expect(html == "<p>" + links + "</p>\n")
        let spaced = MarkdownDocument.html("[Foo \t Bar]: /x\n\n[foo\nbar] [FOO BAR]", options: .commonMark)
        #expect(spaced == "<p><a href=\"/x\">foo\nbar</a> <a href=\"/x\">FOO BAR</a></p>\n")
        // Labels outside ASCII are case-folded by the general path.
        #expect(MarkdownDocument.html("[ẞ]\n\n[SS]: /sharp", options: .commonMark) == "<p><a href=\"/sharp\">ẞ</a></p>\n")
    }

    /// The block passes (alerts, figures, `[[toc]]`, heading ids, definition lists) still find
    /// every block when a paragraph before them holds a great many inline nodes, which they skip.
    @Test func blockPassesAfterALongParagraph() {
        let long = String(repeating: "a**b ", count: Self.n)
        let text = long + "\n\n> [!NOTE]\n> Noted.\n\n![Alt](/i.png \"Caption\")\n\n[[toc]]\n\n## Heading\n\nTerm\n: Description\n"
        let html = MarkdownDocument.html(text, options: .markdownIt)
        #expect(html.contains("<p>a<strong>b a</strong>b"))
        #expect(html.contains("<div class=\"markdown-alert markdown-alert-note\">\n<p class=\"markdown-alert-title\">Note</p>\n<p>Noted.</p>\n</div>"))
        #expect(html.contains("<figure><img src=\"/i.png\" alt=\"Alt\"><figcaption>Caption</figcaption></figure>"))
        #expect(html.contains("<h2 id=\"heading\""))
        #expect(html.contains("<dl>\n<dt>Term</dt>\n<dd>Description</dd>\n</dl>"))
        #expect(!html.contains("[[toc]]"))
    }

    /// Positions stay right far into a long document (they are stored in 32 bits).
    @Test func positionsFarIntoADocument() {
        let text = String(repeating: "line\n\n", count: Self.n) + "## Late heading\n\nSee [there](/t).\n"
        let document = MarkdownDocument(parsing: text, options: .markdownIt)
        #expect(document.headings.last?.line == 2 * Self.n + 1)
        #expect(document.links.last?.line == 2 * Self.n + 3)
        #expect(document.links.last?.column == 5)
    }
}
