import Foundation
import Testing
import Templates

/// Filters are found when a template is parsed, by the environment that parses it; a copy of the
/// environment with other filters, rendering the same parsed template, applies its own.
struct FilterResolutionTests {
    @Test func aCopyWithAnotherFilterOfTheSameNameAppliesItsOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{ name | shout }}|{{ name | upper }}".write(to: folder.appendingPathComponent("page.njk"), atomically: true, encoding: .utf8)
        var environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: [folder]))
        environment.addFilter("shout") { value, _ in .string(value.stringValue + "!") }
        let context = TemplateObject([("name", .string("ada"))])
        #expect(try environment.render(templateNamed: "page.njk", context: context) == "ada!|ADA")
        // The copy shares the parsed template (the cache) but not the filters.
        var copy = environment
        copy.addFilter("shout") { value, _ in .string(value.stringValue + "?") }
        copy.addFilter("upper") { value, _ in .string("[" + value.stringValue + "]") }
        #expect(try copy.render(templateNamed: "page.njk", context: context) == "ada?|[ada]")
        #expect(try environment.render(templateNamed: "page.njk", context: context) == "ada!|ADA")
        // Parsed from source by the copy, and by the original.
        #expect(try copy.render(source: "{{ name | shout }}", path: "s.njk", context: context) == "ada?")
        #expect(try environment.render(source: "{{ name | shout }}", path: "s.njk", context: context) == "ada!")
    }
}
