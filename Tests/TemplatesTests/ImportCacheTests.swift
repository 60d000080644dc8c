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

    /// Imports bind the cached macros themselves (no copy per render): from Swift, a macro renders
    /// with the render running on the calling thread, also inside another environment's render
    /// (a filter rendering a template), and outside any render it is an error, not a crash.
    @Test func aCachedMacroCalledFromSwiftFindsTheRenderOnItsThread() throws {
        final class Kept: @unchecked Sendable { var function: TemplateFunction? }
        let kept = Kept()
        var environment = environment
        environment.addFunction("keep") { arguments in
            if case .function(let function) = arguments.value(at: 0) { kept.function = function }
            return .undefined
        }
        let other = TemplateEnvironment()
        environment.addFilter("viaOther") { value, _ in
            // Another environment's render runs inside this one: the macro still renders with this one's.
            let inner = try other.render(source: "{{ v }}", path: "inner.njk", context: TemplateObject([("v", value)]))
            guard let function = kept.function else { return .undefined }
            return try function.call(TemplateArguments(positional: [.string(inner)]))
        }
        #expect(try render("{% from \"components.njk\" import badge %}{{ keep(badge) }}{{ 'in' | viaOther }}", in: environment) == "<span><b>in</b></span>")
        let function = try #require(kept.function)
        #expect(throws: TemplateCallError.self) { try function.call(TemplateArguments(positional: [.string("late")])) }
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
}
