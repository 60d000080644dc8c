import Foundation
@testable import Templates
import Testing

/// Calls of pure macros are remembered per environment (see `TemplateMacroCache`): a macro that
/// reads only its parameters and applies only pure filters renders once per distinct arguments.
/// Everything else must render on every call, and every output must be what rendering gives.
struct MacroCacheTests {
    /// Counts the calls of the `count` filter, from any thread.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.lock(); value += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// The `memo` fixtures' environment: `count` (pure unless told) counts, `stamp` is impure.
    static func environment(_ counter: Counter, countIsPure: Bool = true) -> TemplateEnvironment {
        var environment = Support.environment(["memo"], autoescape: false)
        environment.addFilter("count", pure: countIsPure) { value, _ in
            counter.increment()
            return value
        }
        environment.addFilter("stamp") { value, _ in .string(value.stringValue + "#") }
        return environment
    }

    func render(_ source: String, _ environment: TemplateEnvironment, _ json: String) throws -> String {
        try environment.render(source: source, path: "test.njk", context: Support.context(json))
    }

    @Test func aPureMacroRendersOncePerArguments() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        let source = #"{% from "components.njk" import banner %}{{ banner({ text: title, items: ["x"] }) }}"#
        for _ in 0..<5 {
            #expect(try render(source, environment, #"{"title": "One"}"#) == #"<header class="plain">One [1:X]</header>"#)
        }
        #expect(counter.count == 1)
        #expect(try render(source, environment, #"{"title": "Two"}"#) == #"<header class="plain">Two [1:X]</header>"#)
        #expect(try render(source, environment, #"{"title": "One"}"#) == #"<header class="plain">One [1:X]</header>"#)
        #expect(counter.count == 2)
    }

    @Test func rememberedOutputIsWhatRenderingGives() throws {
        // The same page with `count` impure (nothing remembered) and pure, rendered many times.
        let plainCounter = Counter(), pureCounter = Counter()
        let plain = Self.environment(plainCounter, countIsPure: false)
        let remembering = Self.environment(pureCounter)
        let page = try Support.fixture("memo/page.njk")
        for title in ["First", "Second", "First", "", "Second", "First"] {
            for label in ["a", "b"] {
                let json = #"{"title": "\#(title)", "siteName": "Site \#(label)", "who": "\#(label)", "label": "ctx-\#(label)"}"#
                let expected = try render(page, plain, json)
                #expect(try render(page, remembering, json) == expected)
                #expect(expected.contains("ctx-\(label)") == title.isEmpty)
            }
        }
        #expect(pureCounter.count < plainCounter.count)
    }

    @Test func impureMacrosRenderOnEveryCall() throws {
        let cases: [(name: String, source: String, count: Int)] = [
            ("reads a variable it does not set", #"{{ readsGlobal("x") }}"#, 4),
            ("applies a filter that is not pure", #"{{ usesImpureFilter("x") }}"#, 4),
            ("calls caller()", #"{% call callsCaller("x") %}{{ who }}{% endcall %}"#, 4),
            ("reads a name set only in a branch", #"{{ setsInBranch("x") }}"#, 4),
            // Its own `count` runs every time; the pure macro it calls renders once.
            ("calls another macro", #"{{ callsAnother("x") }}"#, 5),
        ]
        for item in cases {
            let counter = Counter()
            let environment = Self.environment(counter)
            let source = #"{% from "components.njk" import readsGlobal, usesImpureFilter, callsCaller, setsInBranch, callsAnother %}"# + item.source
            for _ in 0..<4 { _ = try render(source, environment, "{}") }
            #expect(counter.count == item.count, "\(item.name)")
        }
    }

    @Test func aMacroReadingAGlobalSeesItsChanges() throws {
        let counter = Counter()
        var environment = Self.environment(counter)
        environment.addGlobal("siteName", .string("A"))
        let source = #"{% from "components.njk" import readsGlobal with context %}{{ readsGlobal("x") }}"#
        #expect(try render(source, environment, "{}") == "x A")
        #expect(try render(source, environment, #"{"siteName": "B"}"#) == "x B")
    }

    @Test func argumentsThatAreNotPlainDataAreNotRemembered() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        // A macro passed as an argument: a function has no identity to compare.
        let source = #"{% from "components.njk" import greeting, banner %}{{ banner({ text: "t", items: [greeting] }) }}"#
        for _ in 0..<3 { _ = try render(source, environment, "{}") }
        #expect(counter.count == 3)
    }

    @Test func stringsAreComparedByTheirBytes() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        let source = #"{% from "components.njk" import greeting %}{{ greeting(name) }}"#
        // "é" precomposed and decomposed: equal as Swift strings, different bytes and lengths.
        let composed = try render(source, environment, "{\"name\": \"caf\u{E9}\"}")
        let decomposed = try render(source, environment, "{\"name\": \"cafe\u{301}\"}")
        #expect(composed == "caf\u{E9}: 4")
        #expect(Array(decomposed.utf8) == Array("cafe\u{301}: 5".utf8))
        #expect(counter.count == 2)
        // A number and a string that read the same are different arguments too.
        let plain = Self.environment(Counter(), countIsPure: false)
        let mixed = #"{% from "components.njk" import greeting %}{{ greeting(1) }}|{{ greeting("1") }}|{{ greeting(1) }}"#
        #expect(try render(mixed, environment, "{}") == (try render(mixed, plain, "{}")))
        #expect(counter.count == 4)
    }

    @Test func fewRememberedCallsAreComparedAndManyHashedAlike() throws {
        // The first two sets of arguments are found by comparing them, later ones by their hash:
        // each renders once, and every call gives its own output.
        let counter = Counter()
        let environment = Self.environment(counter)
        let names = ["a", "b", "a", "b", "c", "a", "d", "c", "b", "d", "a"]
        let source = #"{% from "components.njk" import greeting %}"# + names.map { "{{ greeting(\"\($0)\") }}" }.joined(separator: ",")
        let expected = names.map { "\($0): 1" }.joined(separator: ",")
        #expect(try render(source, environment, "{}") == expected)
        #expect(try render(source, environment, "{}") == expected)
        #expect(counter.count == 4)
    }

    @Test func defaultsAndKeywordsAreArgumentsToo() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        let source = #"{% from "components.njk" import local %}{{ local("a") }}{{ local("a", suffix = "?") }}{{ local("a") }}{{ local("a", "?") }}"#
        #expect(try render(source, environment, "{}") == "A!A?A!A?")
        // Keyword and positional forms are different keys; each renders once.
        #expect(counter.count == 3)
    }

    @Test func aMacroWhoseCallsRarelyRepeatStopsBeingLookedUp() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        let template = try environment.parse(source: #"{% from "components.njk" import greeting %}{{ greeting(n) }}"#, path: "test.njk")
        for n in 0..<200 {
            #expect(try template.render(context: TemplateObject([("n", .string("n\(n)"))])) == "n\(n): \(String(n).count + 1)")
        }
        #expect(counter.count == 200)
        // Still right after it stopped being remembered.
        #expect(try template.render(context: TemplateObject([("n", .string("n1"))])) == "n1: 2")
    }

    @Test func aMacroGivenArgumentsTooLargeToRememberStopsBeingLookedUp() throws {
        // A list of posts larger than a key may be: each call is refused as a key, and counts as
        // a call that missed, so after its trial calls the macro is no longer hashed at all.
        let cache = TemplateMacroCache()
        let program = try Support.environment([], autoescape: false).parse(source: "", path: "test.njk").program
        let list = TemplateMacro(name: "list", parameters: [("items", nil)], body: [], offset: 0)
        let small = TemplateMacro(name: "small", parameters: [("text", nil)], body: [], offset: 0)
        let posts = TemplateArguments(positional: [.array((0..<70_000).map { .number(Double($0)) })])
        for call in 1...TemplateMacroCache.trialCalls {
            guard case .notCached = cache.lookup(list, in: program, arguments: posts, filtersArePure: { true }) else {
                Issue.record("call \(call) of a macro with arguments too large was looked up")
                return
            }
            // A macro whose calls repeat is still remembered beside it.
            if case .miss(let key) = cache.lookup(small, in: program, arguments: TemplateArguments(positional: [.string("x")]), filtersArePure: { true }) {
                cache.store("x", for: key, of: small, in: program)
            }
        }
        #expect(!cache.isRemembering(list))
        #expect(cache.isRemembering(small))
        guard case .hit("x") = cache.lookup(small, in: program, arguments: TemplateArguments(positional: [.string("x")]), filtersArePure: { true }) else {
            Issue.record("a repeated call of a pure macro was not remembered")
            return
        }
    }

    @Test func clearingTheCacheForgetsOutputs() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        let source = #"{% from "components.njk" import greeting %}{{ greeting("x") }}"#
        _ = try render(source, environment, "{}")
        _ = try render(source, environment, "{}")
        #expect(counter.count == 1)
        environment.clearCache()
        _ = try render(source, environment, "{}")
        #expect(counter.count == 2)
    }

    @Test func rendersFromEightThreadsAtOnce() throws {
        let counter = Counter()
        let environment = Self.environment(counter)
        let template = try environment.parse(source: #"{% from "components.njk" import banner, greeting %}{{ banner({ text: title, items: [title] }) }}|{{ greeting(title) }}"#, path: "test.njk")
        let titles = (0..<6).map { "t\($0)" }
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<300 {
                let title = titles[(thread + round) % titles.count]
                let output = try? template.render(context: TemplateObject([("title", .string(title))]))
                if output != #"<header class="plain">\#(title) [1:\#(title.uppercased())]</header>|\#(title): 2"# { failures.increment() }
            }
        }
        #expect(failures.count == 0)
        // At most one render per title and macro and thread; usually one per title and macro.
        #expect(counter.count <= 2 * titles.count * 8)
    }
}
