import Foundation
import Templates
import Testing
@testable import Site

/// Counts the calls of a function given to `callOnce`.
private final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var calls: Int { lock.withLock { count } }

    func function() -> TemplateFunction {
        TemplateFunction(name: "counted") { arguments in
            self.lock.withLock { self.count += 1 }
            return .safe("<p>\(arguments.value(at: 0)[member: "text"].stringValue)</p>")
        }
    }
}

@Test func callOnceCallsAMacroOnceForEachSetOfArguments() throws {
    let cache = CallOnceCache()
    let counter = CallCounter()
    let function = counter.function()
    let a = TemplateArguments(positional: [.object(TemplateObject([("text", .string("a"))]))])
    let b = TemplateArguments(positional: [.object(TemplateObject([("text", .string("b"))]))])
    #expect(try cache.call(function, a).stringValue == "<p>a</p>")
    #expect(try cache.call(function, a).stringValue == "<p>a</p>")
    #expect(counter.calls == 1)
    #expect(try cache.call(function, b).stringValue == "<p>b</p>")
    #expect(counter.calls == 2)
    // A new build forgets what the last one rendered.
    cache.clear()
    _ = try cache.call(function, a)
    #expect(counter.calls == 3)
}

@Test func callOnceTellsApartWhatAMacroCanTellApart() {
    func key(_ value: TemplateValue) -> [UInt8]? { CallOnceCache.key("m", TemplateArguments(positional: [value])) }
    let distinct: [TemplateValue] = [
        .undefined, .null, .bool(false), .bool(true), .number(0), .number(-0.0), .string(""), .string("0"), .safe("0"),
        .array([]), .array([.undefined]), .array([.null]), .object(TemplateObject()), .object(TemplateObject([("a", .null)])),
        .object(TemplateObject([("a", .undefined)])), .string("a:1"), .array([.string("a"), .string("1")]),
        .date(Date(timeIntervalSince1970: 0)),
    ]
    let keys = distinct.map(key)
    #expect(keys.allSatisfy { $0 != nil })
    #expect(Set(keys.compactMap { $0 }).count == distinct.count)
    // The same value by value is the same call.
    #expect(key(.object(TemplateObject([("a", .array([.number(1)]))]))) == key(.object(TemplateObject([("a", .array([.number(1)]))]))))
    // Positional and keyword arguments are not confused.
    #expect(CallOnceCache.key("m", TemplateArguments(positional: [.string("x")]))
        != CallOnceCache.key("m", TemplateArguments(keyword: TemplateObject([("x", .undefined)]))))
    // A function in the arguments, or nesting too deep to compare, is never kept.
    #expect(key(.array([.function(CallCounter().function())])) == nil)
    var deep: TemplateValue = .null
    for _ in 0...CallOnceCache.maximumDepth + 1 { deep = .array([deep]) }
    #expect(key(deep) == nil)
}

@Test func aMacroEditedBetweenBuildsIsRenderedAgain() throws {
    let site = try FixtureSite("rebuild-posts")
    defer { site.remove() }
    let macro = "app/_includes/govuk/components/footer/macro.njk"
    try site.write("{% macro govukFooter(params) %}<footer>first footer, {{ params.meta.items | length }} links</footer>{% endmacro %}\n", to: macro)
    var configuration = try site.configuration()
    configuration.includeVirtualTemplates = true
    let session = SiteSession(configuration: configuration)
    let first = session.build()
    #expect(first.errors == 0, "\(first.diagnostics)")
    let pages = session.lastOutputs.filter { $0.key.hasSuffix(".html") }
    #expect(pages.count > 3)
    #expect(pages.values.allSatisfy { $0.contains("<footer>first footer, 3 links</footer>") })
    try site.write("{% macro govukFooter(params) %}<footer>second footer</footer>{% endmacro %}\n", to: macro)
    let second = session.rebuild(changed: [site.root.appendingPathComponent(macro)])
    #expect(second.errors == 0, "\(second.diagnostics)")
    let rebuilt = session.lastOutputs.filter { $0.key.hasSuffix(".html") }
    #expect(rebuilt.values.allSatisfy { $0.contains("<footer>second footer</footer>") && !$0.contains("first footer") })
}

@Test func callOnceRefusesWhatIsNotAMacro() throws {
    var environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
    BuiltInLayouts.register(in: &environment, resolver: SitePathResolver(passthrough: []), callCache: CallOnceCache())
    #expect(throws: TemplateError.self) { try environment.render(source: "{{ 'text' | callOnce({}) }}", path: "page.njk", context: TemplateObject()) }
}
