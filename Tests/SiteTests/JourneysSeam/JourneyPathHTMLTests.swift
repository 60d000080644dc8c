import Foundation
import Journeys
import Markdown
import Templates
import Testing
@testable import Site

/// A post's ```journey blocks on the built page: the steps' titles in order, linking into the
/// diagram, and the facts in words; a page without journey data keeps them as code.
@Suite struct JourneyPathHTMLTests {
    static func passes() throws -> (data: TemplateValue, body: String) {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("Journeys/passes.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let data = try #require(JourneyPostCheck.pageData(text: text, path: "passes.md", catalog: fixtureCatalog))
        let start = try #require(text.range(of: "---\nPeople")).upperBound
        let body = "People" + text[start...]
        return (data, body)
    }

    @Test func pathBlocksShowStepTitlesLinkedToTheDiagram() throws {
        let (data, body) = try Self.passes()
        let paths = try #require(JourneyPathHTML(journey: data, path: "passes.md"))
        let html = MarkdownDocument(parsing: body, options: .govuk).renderHTML(fencedBlock: paths.html(for:))
        #expect(html.contains("""
        <div class="app-journey-path">
        <p class="govuk-body-s app-journey-path__given">When: has-account</p>
        <ol class="app-journey-path__steps">
        <li class="app-journey-path__step app-journey-path__step--screen"><a class="govuk-link" href="#screen-start">Start</a></li>
        <li class="app-journey-path__step app-journey-path__step--screen"><a class="govuk-link" href="#screen-sign-in">Sign in</a></li>
        <li class="app-journey-path__step app-journey-path__step--outcome"><a class="govuk-link" href="#outcome-signed-in">Signed in</a></li>
        </ol>
        </div>
        """), "\(html)")
        #expect(html.contains("<p class=\"govuk-body-s app-journey-path__note\">Part of the journey</p>"))
        #expect(!html.contains("language-journey"), "every journey block is rendered as steps")
    }

    @Test func factsReadAsTheirLabelsAndUnknownStepsAsIds() throws {
        let journey = Journey("j", title: "J") {
            Facts(Fact("has-account", "has an account", otherwise: "has no account"))
            Screen("start", title: "Start <here>") { Go("done") }
            Outcome("done", .success, title: "Done")
        }
        let data = JourneyTemplateData.global(catalog: JourneyCatalog([journey]), pages: [])
        let paths = try #require(JourneyPathHTML(journey: data[member: "0"], path: "p.md"))
        let block = MarkdownCodeBlock(info: "journey historical", content: "given: not has-account\nstart -> gone -> done\n", isFenced: true, line: 3, column: 1)
        let html = try #require(paths.html(for: block))
        #expect(html.contains("When: has no account</p>"))
        #expect(html.contains("The journey as it was"))
        #expect(html.contains(">Start &lt;here&gt;</a>"), "titles are escaped")
        #expect(html.contains("<li class=\"app-journey-path__step\"><code>gone</code></li>"))
        #expect(paths.html(for: MarkdownCodeBlock(info: "swift", content: "x\n", isFenced: true, line: 1, column: 1)) == nil)
    }

    @Test func aPageWithoutJourneyDataKeepsItsBlocksAsCode() throws {
        #expect(JourneyPathHTML(journey: nil, path: "p.md") == nil)
        #expect(JourneyPathHTML(journey: .string("sign-in"), path: "p.md") == nil, "the front matter id alone, before the check adds data")
    }
}
