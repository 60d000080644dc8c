import Foundation
import Templates
import Testing

/// Imports without context of templates that only define macros are run once per environment and
/// their macros reused (see `TemplateImportCache`): every render must still see what it would see
/// if the import ran again.
struct ImportCacheTests {
    let environment = Support.environment(["imports"], autoescape: false)

    func render(_ source: String, _ json: String = "{}", in environment: TemplateEnvironment? = nil) throws -> String {
        try (environment ?? self.environment).render(source: source, path: "page.njk", context: Support.context(json))
    }

    @Test func aContextFreeImportRendersTheSameEveryTime() throws {
        let source = "{% from \"components.njk\" import badge, badges %}{{ badge('x') }}|{{ badges(['y', 'z']) }}"
        for _ in 0..<3 {
            // Without context, the caller's `site` is not visible to the macros (as in Nunjucks).
            #expect(try render(source, #"{"site": "caller"}"#) == "<span><b>x</b></span>|<span><b>y</b></span><span><b>z</b></span>")
        }
        let template = try environment.parse(source: "{% import \"components.njk\" as c %}{{ c.badge(n) }}", path: "all.njk")
        for n in 0..<3 {
            #expect(try template.render(context: TemplateObject([("n", .number(Double(n)))])) == "<span><b>\(n)</b></span>")
        }
    }

    @Test func eachImportStatementFindsItsOwnTemplateEveryTime() throws {
        // Both statements are at offset 0 of their template: what one found is not what the other finds.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-statements-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{% from \"components.njk\" import badge as m %}{{ m('a') }}".write(to: folder.appendingPathComponent("a.njk"), atomically: true, encoding: .utf8)
        try "{% from \"helpers.njk\" import strong as m %}{{ m('b') }}".write(to: folder.appendingPathComponent("b.njk"), atomically: true, encoding: .utf8)
        var environment = environment
        environment.loader = TemplateLoader(searchPaths: [folder] + environment.loader.searchPaths)
        for _ in 0..<3 {
            #expect(try environment.render(templateNamed: "a.njk", context: TemplateObject()) == "<span><b>a</b></span>")
            #expect(try environment.render(templateNamed: "b.njk", context: TemplateObject()) == "<b>b</b>")
            // A page parsed from source imports the same way.
            #expect(try render("{% from \"helpers.njk\" import strong as m %}{{ m('c') }}") == "<b>c</b>")
        }
    }

    @Test func aCopyWithAnotherLoaderFindsItsOwnTemplateForTheSameStatement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{% macro badge(text) %}<i>{{ text }}</i>{% endmacro %}".write(to: folder.appendingPathComponent("components.njk"), atomically: true, encoding: .utf8)
        let source = "{% from \"components.njk\" import badge %}{{ badge('x') }}"
        var other = environment
        other.loader = TemplateLoader(searchPaths: [folder])
        for _ in 0..<2 {
            #expect(try render(source) == "<span><b>x</b></span>")
            #expect(try render(source, in: other) == "<i>x</i>")
        }
    }

    @Test func anImportWithContextStillSeesTheCallersVariables() throws {
        _ = try render("{% from \"components.njk\" import badge %}{{ badge('x') }}")
        #expect(try render("{% from \"components.njk\" import badge with context %}{{ badge('x') }}", #"{"site": "caller"}"#)
                == "<span><b>x</b>caller</span>")
        #expect(try render("{% from \"components.njk\" import badge %}{{ badge('x') }}", #"{"site": "caller"}"#) == "<span><b>x</b></span>")
    }

    @Test func aCachedMacroSeesGlobalsOfItsOwnEnvironmentCopy() throws {
        let source = "{% from \"components.njk\" import badge %}{{ badge('x') }}"
        #expect(try render(source) == "<span><b>x</b></span>")
        var withGlobal = environment
        withGlobal.addGlobal("site", .string("global"))
        #expect(try render(source, in: withGlobal) == "<span><b>x</b>global</span>")
        #expect(try render(source) == "<span><b>x</b></span>")
    }

    @Test func aTemplateMakingStateAtItsTopLevelRunsInEveryRender() throws {
        for _ in 0..<3 {
            #expect(try render("{% from \"stateful.njk\" import next %}{{ next() }}{{ next() }}{{ next() }}") == "aba")
            // Context-free itself, but what it imports is not: not cached either.
            #expect(try render("{% from \"uses-stateful.njk\" import twice %}{{ twice() }}{{ twice() }}") == "abab")
        }
    }

    @Test func aMacroFromACachedImportCanBeCalledFromSwift() throws {
        var environment = environment
        environment.addFunction("callWith") { arguments in
            guard case .function(let function) = arguments.value(at: 0) else { return .undefined }
            return try function.call(TemplateArguments(positional: [arguments.value(at: 1)]))
        }
        for _ in 0..<2 {
            #expect(try render("{% from \"components.njk\" import badge %}{{ callWith(badge, 'hi') }}", in: environment) == "<span><b>hi</b></span>")
            #expect(try render("{% import \"components.njk\" as c %}{{ callWith(c.badges, ['a']) }}", in: environment) == "<span><b>a</b></span>")
        }
    }

    @Test func cachedImportsRenderFromManyThreadsAtOnce() throws {
        let template = try environment.parse(source: "{% from \"components.njk\" import badges %}{{ badges(items) }}", path: "threads.njk")
        let lock = NSLock()
        nonisolated(unsafe) var failures = 0
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<100 {
                let items = (0...(round % 4)).map { TemplateValue.string("\(thread)-\($0)") }
                let expected = items.map { "<span><b>\($0.stringValue)</b></span>" }.joined()
                let output = try? template.render(context: TemplateObject([("items", .array(items))]))
                if output != expected { lock.withLock { failures += 1 } }
            }
        }
        #expect(lock.withLock { failures } == 0)
    }

    @Test func clearingTheCacheForgetsCachedImports() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.njk")
        try "{% macro m() %}one{% endmacro %}".write(to: file, atomically: true, encoding: .utf8)
        let environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: [folder]))
        let source = "{% from \"m.njk\" import m %}{{ m() }}"
        #expect(try render(source, in: environment) == "one")
        try "{% macro m() %}two{% endmacro %}".write(to: file, atomically: true, encoding: .utf8)
        environment.clearCache()
        #expect(try render(source, in: environment) == "two")
    }

    @Test func aParsedPageFindsChangedTemplatesAfterClearCache() throws {
        // A page parsed once and rendered many times remembers what its statements found, until
        // the cache is cleared: then its layout, include and imports are read again.
        let folder = try TemplateFolder("import-parsed")
        defer { folder.remove() }
        let write = folder.write
        try write("base1[{% block main %}{% endblock %}]", "base.njk")
        try write("part1", "part.njk")
        try write("{% macro m() %}m1{% endmacro %}", "m.njk")
        try write("{% macro w() %}w1{{ x }}{% endmacro %}", "w.njk")
        let environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: [folder.url]))
        let page = try environment.parse(source: """
            {% extends "base.njk" %}{% from "m.njk" import m %}{% from "w.njk" import w with context %}\
            {% block main %}{% include "part.njk" %}{{ m() }}{{ w() }}{% endblock %}
            """, path: "page.njk")
        for n in 0..<3 {
            #expect(try page.render(context: TemplateObject([("x", .number(Double(n)))])) == "base1[part1m1w1\(n)]")
        }
        try write("base2[{% block main %}{% endblock %}]", "base.njk")
        try write("part2", "part.njk")
        try write("{% macro m() %}m2{% endmacro %}", "m.njk")
        try write("{% macro w() %}w2{{ x }}{% endmacro %}", "w.njk")
        #expect(try page.render(context: TemplateObject()) == "base1[part1m1w1]")  // remembered
        environment.clearCache()
        for _ in 0..<2 {
            #expect(try page.render(context: TemplateObject()) == "base2[part2m2w2]")
        }
    }

    @Test func aMacroFileImportedWithContextBindsItsMacrosToTheImportersVariables() throws {
        // A template that only defines macros, imported with context: its macros see the importer's
        // variables as they were at the import, find each other, and those named `_…` stay private;
        // a macro defined twice is the second definition.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-with-context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let macros = """
            text between macros
            {% macro outer(a) %}({{ _inner(a) }}{{ site }}){% endmacro %}
            {% macro _inner(a) %}<{{ a }}{{ later }}>{% endmacro %}
            {% macro twice() %}first{% endmacro %}{% macro twice() %}second{% endmacro %}
            """
        // The same macros after a `set`, which the template's top level must render to define.
        try macros.write(to: folder.appendingPathComponent("macros.njk"), atomically: true, encoding: .utf8)
        try ("{% set unused = 1 %}" + macros).write(to: folder.appendingPathComponent("rendered.njk"), atomically: true, encoding: .utf8)
        let environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: [folder]))
        for file in ["macros.njk", "rendered.njk"] {
            let page = try environment.parse(source: """
                {% set site = "s" %}{% from "\(file)" import outer, twice with context %}{% set later = "late" %}\
                {{ outer(1) }}{{ twice() }}{% import "\(file)" as all with context %}{{ all.outer(2) }}{{ all._inner is defined }}
                """, path: "page.njk")
            for _ in 0..<2 {
                #expect(try page.render(context: TemplateObject([("site", .string("context"))])) == "(<1>s)second(<2late>s)false")
            }
            #expect(Support.renderError("{% from \"\(file)\" import _inner with context %}", environment: environment)?.message
                    == "cannot import '_inner': the template does not define it")
        }
    }
}
