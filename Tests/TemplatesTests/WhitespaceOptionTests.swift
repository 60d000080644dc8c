import Foundation
import Templates
import Testing

/// `trimBlocks` and `lstripBlocks`, as Nunjucks applies them. Fixtures live in
/// `Fixtures/whitespace/<options>/<decision>.njk` with the expected output beside them as
/// `<decision>.html`; `<options>` is `neither`, `trim`, `lstrip` or `both`, and each file name states
/// the decision. The expected files were checked against Nunjucks 3.2.3 rendering the same templates
/// with the same options and context.
private let whitespaceOptionSets = ["neither", "trim", "lstrip", "both"]

private let whitespaceCases: [String] = whitespaceOptionSets.flatMap { set in
    let folder = Support.fixtures.appendingPathComponent("whitespace").appendingPathComponent(set)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".html") }.map { set + "/" + $0.dropLast(5) }.sorted()
}

private func whitespaceEnvironment(_ set: String) -> TemplateEnvironment {
    var environment = Support.environment(["whitespace/" + set])
    environment.options.trimBlocks = set == "trim" || set == "both"
    environment.options.lstripBlocks = set == "lstrip" || set == "both"
    return environment
}

private let whitespaceContext = #"{"show": true, "hide": false, "name": "Ada", "items": ["one", "two"]}"#

@Test(arguments: whitespaceCases)
func whitespaceOption(_ testCase: String) throws {
    let parts = testCase.split(separator: "/", maxSplits: 1).map(String.init)
    let environment = whitespaceEnvironment(parts[0])
    let output = try environment.render(templateNamed: parts[1] + ".njk", context: Support.context(whitespaceContext))
    let expected = try Support.fixture("whitespace/\(testCase).html")
    #expect(output == expected, "\(testCase): \(String(reflecting: output)) is not \(String(reflecting: expected))")
}

@Test func everyWhitespaceFixtureIsFound() {
    for set in whitespaceOptionSets {
        #expect(whitespaceCases.contains { $0.hasPrefix(set + "/") }, "no fixtures for \(set)")
    }
    #expect(whitespaceCases.count >= 20)
}

@Test func crlfFixturesKeepTheirCarriageReturns() throws {
    let source = try Support.fixture("whitespace/both/crlf-line-break-after-a-tag-is-trimmed-whole.njk")
    #expect(source.utf8.contains(0x0D))
}

@Test func whitespaceOptionsAreOffByDefaultAsInNunjucks() {
    let options = TemplateOptions()
    #expect(!options.trimBlocks)
    #expect(!options.lstripBlocks)
}

@Test func designHistoryProfileUsesTheGovukPluginsNunjucksOptions() {
    let environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
    #expect(environment.options.trimBlocks)
    #expect(environment.options.lstripBlocks)
    #expect(!environment.options.autoescape)
}

@Test func changingAWhitespaceOptionReparsesCachedTemplates() throws {
    var environment = whitespaceEnvironment("neither")
    let name = "tag-alone-on-a-line-leaves-an-empty-line.njk"
    let context = Support.context(whitespaceContext)
    #expect(try environment.render(templateNamed: name, context: context) == "- one\n\n- two\n\n- three\n")
    environment.options.trimBlocks = true
    environment.options.lstripBlocks = true
    #expect(try environment.render(templateNamed: name, context: context) == "- one\n- two\n- three\n")
}

@Test func sourceLocationsInDiagnosticsAreUnchangedByTheOptions() {
    var environment = Support.environment()
    environment.options.trimBlocks = true
    environment.options.lstripBlocks = true
    let error = Support.renderError("a\n  {% if show %}\n  {{ missing | nosuchfilter }}\n  {% endif %}\n", environment: environment)
    #expect(error?.line == 3)
}
