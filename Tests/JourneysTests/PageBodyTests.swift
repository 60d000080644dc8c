import Journeys
import Testing

@Test func pathBlocksReadStepsFactsAndFlagsWithPositions() throws {
    let body = PageBody(markdown: """
    Intro.

    ~~~journey partial historical odd
    # a comment
    given: a, not b, !c
    - one -> two
    → three
    ~~~
    """, path: "p.md", firstLine: 10)
    let path = try #require(body.paths.first)
    #expect(path.steps.map(\.text) == ["one", "two", "three"])
    #expect(path.steps.map(\.location.line) == [15, 15, 16])
    #expect(path.steps[1].location.column == 10)
    #expect(path.given?.map { "\($0.holds ? "" : "!")\($0.fact)" } == ["a", "!b", "!c"])
    #expect(path.flags == [.partial, .historical])
    #expect(path.unreadable.map(\.text) == ["odd"])
    #expect(path.location.line == 12)
}

@Test func nothingInsideOtherFencesIsReadAndUnclosedFencesEnd() {
    let body = PageBody(markdown: """
    ```swift
    [x](#screen-a)
    > **Heading**
    ```
    [y](#outcome-b) and [z](https://example.com#screen-c)
    ```journey
    a -> b
    """, path: "p.md", firstLine: 1)
    #expect(body.links.map(\.id) == ["b"])
    #expect(body.links.first?.kind == .outcome)
    #expect(body.quotes.isEmpty)
    #expect(body.paths.first?.steps.map(\.text) == ["a", "b"])
}

@Test func quotesOfCopyHaveAHeadingParagraphsAndListItems() throws {
    let body = PageBody(markdown: """
    > **Tell   us**
    >
    > First line
    > continues.
    >
    > - item one
    > 2. item two

    > Someone said this.
    """, path: "p.md", firstLine: 5)
    #expect(body.quotes.count == 1)
    let quote = try #require(body.quotes.first)
    #expect(quote.heading.text == "Tell us")
    #expect(quote.lines.map(\.text) == ["First line continues.", "item one", "item two"])
    #expect(quote.lines.map(\.location.line) == [7, 10, 11])
    #expect(quote.lines[1].location.column == 5)
}

/// Random pieces of the syntax the scanner and checks read, glued together: nothing may crash or hang.
@Test func arbitraryInputNeverCrashes() {
    let pieces = ["```journey", "```", "~~~", "->", "→", "\n", "\n\n", "> ", "**", "given:", "not ", "](#screen-", "](#outcome-", "[", ")", "sign-in", "start", "signed-in", " ", "partial", "-error", "\r", "é", "-", "#"]
    var seed: UInt64 = 0x9E3779B97F4A7C15
    func next() -> Int {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        return Int(seed % UInt64(pieces.count))
    }
    let catalog = JourneyCatalog([signIn])
    for _ in 0..<500 {
        var text = ""
        for _ in 0..<60 { text += pieces[next()] }
        let page = JourneyPage(path: "fuzz.md", reference: JourneyReference(id: "sign-in", location: SourceLocation(file: "fuzz.md", line: 1)), screenshots: [ScreenshotReference(src: text.prefix(20) + ".png", location: SourceLocation(file: "fuzz.md", line: 2))], body: text, bodyLine: 3, url: "/a/")
        let check = PageCheck(page: page, catalog: catalog)
        #expect(check.problems.allSatisfy { $0.location.line >= 1 })
    }
}

@Test func screenshotPathsResolveAgainstAnyPageURL() {
    for url in ["", "/", "/a/b/", "/a/b.html", "no-slash"] {
        let page = JourneyPage(path: "p.md", reference: JourneyReference(id: "sign-in", location: SourceLocation(file: "p.md", line: 1)),
                               screenshots: [ScreenshotReference(src: "../x/sign-in--start.png", location: SourceLocation(file: "p.md", line: 2))],
                               url: url, siteHasFile: { _ in false })
        let check = PageCheck(page: page, catalog: JourneyCatalog([signIn]))
        #expect(check.problems.contains { $0.id == "D2" && $0.severity == .warning })
    }
}

/// A site that renders one fenced block reads it exactly as the page scan does, at the same lines.
@Test func oneFencedBlockReadsAsThePageScanReadsIt() throws {
    let markdown = "Intro.\n\n```journey partial\ngiven: a, not b\none -> two\n-> three\n```\n"
    let scanned = try #require(PageBody(markdown: markdown, path: "p.md", firstLine: 5).paths.first)
    let single = try #require(PageBody.documentedPath(info: "journey partial", content: "given: a, not b\none -> two\n-> three\n", path: "p.md", line: 7))
    #expect(single == scanned)
    #expect(PageBody.documentedPath(info: "swift", content: "a -> b\n", path: "p.md", line: 1) == nil)
}
