import Foundation
import Templates
import Testing

/// The site's folder first, built-in templates last, as the site module sets up the loader.
private func siteEnvironment() -> TemplateEnvironment {
    TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: [
        Support.fixtures.appendingPathComponent("site"), Support.fixtures.appendingPathComponent("builtin"),
    ]))
}

@Test func postImportsAMacroWithContextAndCallsItWithAMultiLineObjectLiteral() throws {
    let environment = siteEnvironment()
    let source = try Support.fixture("posts/signing-in.md")
    let context = Support.context(#"{"page": {"filePathStem": "/posts/claim/signing-in"}}"#)
    let output = try environment.render(source: source, path: "posts/signing-in.md", context: context)
    #expect(try Support.matchesGolden(output, "expected/signing-in.html"))
    #expect(output.contains(#"<img src="/images/claim/signing-in/04.png" alt="Screenshot of Check your answers">"#))
    #expect(output.contains(#"id="check-your-answers""#))
}

@Test func importWithoutContextCannotSeeThePageData() throws {
    let environment = siteEnvironment()
    let source = "{% from \"screenshots/macro.njk\" import appScreenshots %}{{ appScreenshots({items: [{text: 'A', img: {src: 'a.png'}}]}) }}"
    let output = try environment.render(source: source, path: "p.md", context: Support.context(#"{"page": {"filePathStem": "/posts/x"}}"#))
    #expect(output.contains(#"src="/a.png""#))
}

@Test func threeDeepLayoutChainWithSuper() throws {
    let environment = siteEnvironment()
    let context = Support.context(#"""
    {"title": "Signing in", "description": "How users sign in", "content": "<p>Body</p>",
     "site": {"name": "Teacher CPD"}, "navigation": [{"href": "/", "text": "Home"}]}
    """#)
    let output = try environment.render(templateNamed: "layouts/post.njk", context: context)
    #expect(try Support.matchesGolden(output, "expected/post-layout.html"))
    #expect(output.contains("<title>Signing in – Page – Design history</title>"))
    #expect(output.contains(#"<body class="post">"#))
    #expect(output.contains(#"<article><p class="page">How users sign in</p>"#))
    #expect(!output.contains("built-in page layout"))
}

@Test func importAsNamespaceAndFromImportWithAlias() throws {
    let environment = Support.environment(["loops"])
    let output = try environment.render(source: "{% import 'macros.njk' as m %}{% from 'macros.njk' import countdown as down %}{{ m.countdown(1) }}|{{ down(2) }}",
                                        path: "t", context: TemplateObject())
    #expect(output == "1 0|2 1 0")
}

@Test func importingANameTheTemplateDoesNotDefineIsAnError() throws {
    let error = try #require(Support.renderError("{% from 'macros.njk' import nothing %}", environment: Support.environment(["loops"])))
    #expect(error.message.hasPrefix("cannot import 'nothing'"))
    #expect(error.column == 29)
}

@Test func includeSeesTheLoopVariablesOfItsCaller() throws {
    let environment = siteEnvironment()
    let output = try environment.render(source: "{% for navigation in [[{href: '/a', text: 'A'}]] %}{% include 'partials/header.njk' %}{% endfor %}",
                                        path: "t", context: Support.context(#"{"site": {"name": "S"}}"#))
    #expect(output == "<header>S <a href=\"/a\">A</a></header>\n")
}

@Test func missingTemplatesAreErrorsUnlessIgnored() throws {
    let environment = siteEnvironment()
    let error = try #require(Support.renderError("x\n  {% include 'nope.njk' %}", environment: environment))
    #expect(error.line == 2 && error.column == 3)
    #expect(error.message.hasPrefix("template not found: 'nope.njk'"))
    #expect(try environment.render(source: "[{% include 'nope.njk' ignore missing %}]", path: "t", context: TemplateObject()) == "[]")
    #expect(throws: TemplateError.self) { try environment.template(named: "nope.njk") }
}

@Test func includeLoopsAndExtendsLoopsAreErrors() throws {
    let environment = Support.environment(["loops"])
    let include = try #require(Support.renderError("{% include 'self.njk' %}", environment: environment))
    #expect(include.message.contains("include loop"))
    #expect(include.path.hasSuffix("self.njk"))
    #expect(include.sourceLine == "before {% include \"self.njk\" %} after")
    let extends = try #require(Support.renderError("{% extends 'a.njk' %}", environment: environment))
    #expect(extends.message.contains("include loop"))
}

@Test func errorsInAnIncludedTemplateNameThatFile() throws {
    let environment = Support.environment(["loops"])
    let error = try #require(Support.renderError("{% include 'broken.njk' %}", environment: environment))
    #expect(error.path.hasSuffix("loops/broken.njk"))
    #expect(error.line == 2 && error.column == 1)
    #expect(error.message.hasPrefix("unclosed 'if' block"))
}

@Test func relativeTemplateNamesResolveAgainstTheIncludingTemplate() throws {
    let environment = Support.environment(["site"])
    let template = try environment.template(named: "partials/relative.njk")
    #expect(template.path.hasSuffix("site/partials/relative.njk"))
    #expect(try template.render(context: TemplateObject()) == "<p>sibling</p>\n")
}

@Test func aParsedTemplateRendersConcurrently() async throws {
    let environment = siteEnvironment()
    let template = try environment.template(named: "layouts/post.njk")
    let results = await withTaskGroup(of: String?.self) { group in
        for index in 0..<32 {
            group.addTask {
                let context = Support.context(#"{"title": "T\#(index)", "description": "d", "content": "c", "site": {"name": "S"}}"#)
                // Half share the parsed template; half go through the environment's cache at once.
                if index % 2 == 0 { return try? template.render(context: context) }
                return try? environment.template(named: "layouts/post.njk").render(context: context)
            }
        }
        var all: [String?] = []
        for await result in group { all.append(result) }
        return all
    }
    #expect(results.count == 32)
    for index in 0..<32 {
        #expect(results.contains { $0?.contains("<title>T\(index) – Page") == true })
    }
}

@Test func clearCacheReadsChangedTemplatesAgain() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-cache-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("page.njk")
    try "one".write(to: file, atomically: true, encoding: .utf8)
    let environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: [folder]))
    #expect(try environment.render(templateNamed: "page.njk", context: TemplateObject()) == "one")
    try "two".write(to: file, atomically: true, encoding: .utf8)
    #expect(try environment.render(templateNamed: "page.njk", context: TemplateObject()) == "one")  // parsed once
    environment.clearCache()
    #expect(try environment.render(templateNamed: "page.njk", context: TemplateObject()) == "two")
}

@Test func layoutsAndIncludesNamedByLiteralsAreReadAgainAfterClearCache() throws {
    // A cached template's `extends`, `include` and import with context remember what they loaded;
    // clearing the cache forgets that too, so a changed layout or include is read again.
    let folder = try TemplateFolder("templates-loaded")
    defer { folder.remove() }
    let write = folder.write
    try write("{% extends \"base.njk\" %}{% block main %}{% include \"part.njk\" %}{% from \"m.njk\" import m with context %}{{ m() }}{% endblock %}", "page.njk")
    try write("base1[{% block main %}{% endblock %}]", "base.njk")
    try write("part1", "part.njk")
    try write("{% macro m() %}m1{% endmacro %}", "m.njk")
    let environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: [folder.url]))
    for _ in 0..<2 {
        #expect(try environment.render(templateNamed: "page.njk", context: TemplateObject()) == "base1[part1m1]")
    }
    try write("base2[{% block main %}{% endblock %}]", "base.njk")
    try write("part2", "part.njk")
    try write("{% macro m() %}m2{% endmacro %}", "m.njk")
    #expect(try environment.render(templateNamed: "page.njk", context: TemplateObject()) == "base1[part1m1]")  // remembered
    environment.clearCache()
    #expect(try environment.render(templateNamed: "page.njk", context: TemplateObject()) == "base2[part2m2]")
}
