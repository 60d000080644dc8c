import Foundation
import Templates
import Testing

@Test(arguments: [
    Case("{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}!{% endmacro %}{{ greet('Ann') }} {{ greet('Bo', 'Hi') }} {{ greet(greeting='Yo', name='Cy') }}",
         "Hello, Ann! Hi, Bo! Yo, Cy!"),
    Case("{% macro m(a, b=a ~ '!') %}{{ b }}{% endmacro %}{{ m('x') }}", "x!"),
    Case("{% macro field(params) %}<input name=\"{{ params.name }}\"{% if params.required %} required{% endif %}>{% endmacro %}{{ field({name: 'q', required: true}) }}",
         "<input name=\"q\" required>"),
    Case("{% macro m() %}[{{ x }}]{% endmacro %}{% set x = 'top' %}{% for x in ['loop'] %}{{ m() }}{% endfor %}",
         "[top]"),  // Nunjucks: a macro sees the template's context, not the caller's frame.
    Case("{% macro list(items) %}<ul>{% for i in items %}<li>{{ caller(i) }}</li>{% endfor %}</ul>{% endmacro %}{% call(item) list([1, 2]) %}#{{ item }}{% endcall %}",
         "<ul><li>#1</li><li>#2</li></ul>"),
    Case("{% macro wrap() %}<div>{{ caller() }}</div>{% endmacro %}{% set who = 'me' %}{% call wrap() %}inside {{ who }}{% endcall %}",
         "<div>inside me</div>"),
    Case("{% macro m() %}<b>{% endmacro %}{{ m() }}", "<b>"),  // macro output is safe: not escaped again
    Case("{% macro m(x) %}{{ x }}{% endmacro %}[{{ m() }}]", "[]"),
])
func macros(_ item: Case) throws {
    #expect(try Support.render(item.source, item.context) == item.expected)
}

@Test func macroCalledWithTooManyArgumentsIsAnError_strictThanNunjucks() throws {
    // Nunjucks ignores surplus arguments silently; a design history is better told.
    let error = try #require(Support.renderError("{% macro m(a) %}{% endmacro %}\n{{ m(1, 2) }}"))
    #expect(error.line == 2 && error.column == 4)
    #expect(error.message == "macro 'm' takes 1 argument but was given 2")
}

@Test func macroCalledWithAnUnknownKeywordIsAnError_stricterThanNunjucks() throws {
    let error = try #require(Support.renderError("{% macro m(a) %}{% endmacro %}{{ m(b=1) }}"))
    #expect(error.message == "macro 'm' has no parameter named 'b' (it takes: a)")
}

@Test func runawayRecursionIsAnErrorNotACrash() throws {
    let environment = Support.environment(["loops"])
    let error = try #require(Support.renderError("{% import 'macros.njk' as m %}{{ m.forever(0) }}", environment: environment))
    #expect(error.message.contains("runaway recursion"))
    #expect(error.path.hasSuffix("macros.njk"))
    #expect(try environment.render(source: "{% import 'macros.njk' as m %}{{ m.countdown(3) }}", path: "t", context: TemplateObject()) == "3 2 1 0")
}

/// Runs a render on a thread with the smallest default stack of any platform (512 KiB, macOS's
/// secondary threads): deep recursion must end in an error there too, in debug builds as well.
private func renderErrorOnSmallStack(_ source: String, environment: TemplateEnvironment) -> String {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var message = "no error"
    let thread = Thread {
        message = Support.renderError(source, environment: environment)?.message ?? "no error"
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    return message
}

@Test(arguments: [
    "{% import 'macros.njk' as m %}{{ m.forever(0) }}",
    "{% include 'self.njk' %}",
    "{% extends 'a.njk' %}",
    "{% macro m() %}{% call m() %}x{% endcall %}{% endmacro %}{{ m() }}",
    "{% macro m(n) %}{% for i in [1] %}{% if true %}{{ m(n) | safe | upper }}{% endif %}{% endfor %}{% endmacro %}{{ m(1) }}",
    "{% macro m(n) %}{% filter upper %}{% set x %}{{ [m(n)] | join }}{% endset %}{{ x }}{% endfilter %}{% endmacro %}{{ m(1) }}",
    "{{ " + String(repeating: "[", count: 190) + String(repeating: "]", count: 190) + " | length }}",
])
func runawayRecursionOnASmallStackIsAnError(_ source: String) {
    let message = renderErrorOnSmallStack(source, environment: Support.environment(["loops"]))
    #expect(message.contains("runaway recursion") || message.contains("nested too deeply"), "\(message)")
}
