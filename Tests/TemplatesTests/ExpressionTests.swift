import Templates
import Testing

/// One expression case: template source, context JSON, expected output.
struct Case: CustomTestStringConvertible, Sendable {
    let source: String
    let context: String
    let expected: String
    init(_ source: String, _ expected: String, context: String = "{}") {
        self.source = source
        self.context = context
        self.expected = expected
    }
    var testDescription: String { source }
}

@Test(arguments: [
    Case("{{ 'a' }}{{ \"b\" }}", "ab"),
    Case(#"{{ "say \"hi\"\n" }}"#, "say &quot;hi&quot;\n"),
    Case("{{ 42 }} {{ 3.5 }} {{ -2 }}", "42 3.5 -2"),
    Case("{{ true }} {{ false }} {{ none }} {{ null }} {{ undefined }}|", "true false   |"),
    Case("{{ [1, 2, 'x'] }}", "1,2,x"),
    Case("{{ {a: 1}.a }} {{ {'b': 2}[\"b\"] }} {{ {\"c\": 3,}.c }}", "1 2 3"),
    Case("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 10 }} {{ 7 / 2 }}", "7 9 3 1 1024 3.5"),
    Case("{{ 'a' + 1 }} {{ 1 + '1' }} {{ 'x' ~ 2 ~ none }}", "a1 11 x2"),
    Case("{{ 1 == '1' }} {{ 1 === '1' }} {{ 1 != 2 }} {{ 1 !== 1 }}", "true false true false"),
    Case("{{ 2 < 10 }} {{ '2' < '10' }} {{ 3 >= 3 }} {{ 2 > 3 }} {{ 2 <= 1 }}", "true false true false false"),
    Case("{{ 'b' in ['a', 'b'] }} {{ 'ell' in 'hello' }} {{ 'k' in {k: 1} }} {{ 'z' not in ['a'] }}", "true true true true"),
    Case("{{ true and 'x' }} {{ 0 or 'y' }} {{ not '' }} {{ not [] }}", "x y true false"),
    Case("{{ 'yes' if 1 else 'no' }} {{ 'yes' if 0 else 'no' }} [{{ 'yes' if 0 }}]", "yes no []"),
    Case("{{ page.title }}|{{ page.missing.deeper }}|{{ nothing.at.all }}", "Hi||", context: #"{"page": {"title": "Hi"}}"#),
    Case("{{ items[1] }} {{ items.length }} {{ items.0 }}", "b 2 a", context: #"{"items": ["a", "b"]}"#),
    Case("{{ 'Title'.toUpperCase() }} {{ url.startsWith('/a') }} {{ tags.includes('x') }} {{ 'a,b'.split(',')[1] }}", "TITLE true true b",
         context: #"{"url": "/a/b", "tags": ["x"]}"#),
    Case("{{ -x }} {{ +'3' }}", "-2 3", context: #"{"x": 2}"#),
    Case("{{ 0.1 + 0.2 }} {{ 1 / 0 }} {{ 'a' * 2 }}", "0.30000000000000004 Infinity NaN"),
    Case("{{ x is defined }} {{ y is defined }} {{ 4 is divisibleby(2) }} {{ x is not none }} {{ 3 is odd }}", "true false true true true",
         context: #"{"x": 1}"#),
    Case("{{ '<b>' }}", "&lt;b&gt;"),
    Case("{{ '<b>' | safe }} {{ '<i>' | escape | escape }}", "<b> &lt;i&gt;"),
    Case("{{ \"it's\" }}", "it&#39;s"),
])
func expressions(_ item: Case) throws {
    #expect(try Support.render(item.source, item.context) == item.expected)
}

@Test func multiLineObjectLiteralArguments() throws {
    let source = """
    {{ {
      items: [{
        text: "Sign in",
        img: { src: "03.png" }
      }, {
        text: 'Check your answers',
        img: { src: "04.png" },
      }]
    }.items[1].img.src }}
    """
    #expect(try Support.render(source) == "04.png")
}

@Test func closingBracesInsideAnOutputTagAreNotTheEndOfTheTag() throws {
    // Nunjucks' lexer would end the tag at `}}`; reading it as two braces accepts more valid input.
    #expect(try Support.render("{{ {a: {b: 1}}.a.b }}") == "1")
}

@Test func multiLineStringsInArguments() throws {
    #expect(try Support.render("{{ \"line one\n\nline two\" }}") == "line one\n\nline two")
}

@Test func autoescapeOffWritesStringsAsTheyAre() throws {
    #expect(try Support.render("{{ '<b>' }}", autoescape: false) == "<b>")
}

@Test func undefinedCalledAsAFunctionIsAnErrorWithItsLocation() throws {
    let error = try #require(Support.renderError("line one\n  {{ appScreenshots({ items: [] }) }}"))
    #expect(error.line == 2)
    #expect(error.column == 6)
    #expect(error.description == "test.njk:2:6: error: cannot call 'appScreenshots': it is undefined, not a macro or function (is it imported?)")
    #expect(error.sourceLine == "  {{ appScreenshots({ items: [] }) }}")
}

@Test func inOnUndefinedIsAnErrorAsInNunjucks() throws {
    let error = try #require(Support.renderError("{{ 'a' in missing }}"))
    #expect(error.message.contains("cannot use 'in'"))
}

@Test func aMistypedMacroNameSuggestsTheImportedOne() throws {
    let environment = Support.environment(["loops"])
    let error = try #require(Support.renderError("{% from 'macros.njk' import countdown %}{{ countdwn(3) }}", environment: environment))
    #expect(error.message == "cannot call 'countdwn': it is undefined, not a macro or function (did you mean 'countdown'?)")
}
