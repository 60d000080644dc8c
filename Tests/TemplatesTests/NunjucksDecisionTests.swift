import Foundation
import Templates
import Testing

/// Where Nunjucks' behaviour is not obvious, its documentation and source were read and the expected
/// output written down as a fixture: `Fixtures/decisions/<decision>.njk` renders to `<decision>.html`
/// (autoescape on, as Nunjucks' default). Each file name states the decision.
private let decisions: [String] = {
    let folder = Support.fixtures.appendingPathComponent("decisions")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
}()

@Test(arguments: decisions)
func nunjucksDecision(_ decision: String) throws {
    let environment = Support.environment(["decisions"])
    let output = try environment.render(templateNamed: decision + ".njk", context: TemplateObject())
    #expect(output == (try Support.fixture("decisions/\(decision).html")))
}

@Test func everyDecisionFixtureIsFound() {
    #expect(decisions.count >= 20)
}
