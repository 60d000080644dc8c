import Templates
import Testing

@Test(arguments: [
    Case("{% if a %}A{% elif b %}B{% elseif c %}C{% else %}D{% endif %}", "B", context: #"{"b": 1}"#),
    Case("{% if a %}A{% elif b %}B{% elseif c %}C{% else %}D{% endif %}", "C", context: #"{"c": "x"}"#),
    Case("{% if a %}A{% elif b %}B{% elseif c %}C{% else %}D{% endif %}", "D"),
    Case("{% if items.length > 1 and not hidden %}many{% endif %}", "many", context: #"{"items": [1, 2]}"#),
    Case("{% if [] %}js-truthy{% endif %}{% if '' %}no{% endif %}{% if 0 %}no{% endif %}", "js-truthy"),
    Case("{% for x in items %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}", "1a,2b,3c",
         context: #"{"items": ["a", "b", "c"]}"#),
    Case("{% for x in items %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.length }} {% endfor %}",
         "021true2 110false2 ", context: #"{"items": ["a", "b"]}"#),
    Case("{% for k, v in obj %}{{ k }}={{ v }};{% endfor %}", "z=1;a=2;", context: #"{"obj": {"z": 1, "a": 2}}"#),
    Case("{% for a, b in pairs %}{{ a }}{{ b }} {% endfor %}", "12 34 ", context: #"{"pairs": [[1, 2], [3, 4]]}"#),
    Case("{% for x in missing %}x{% else %}empty{% endfor %}", "empty"),
    Case("{% for x in [] %}x{% else %}empty{% endfor %}", "empty"),
    Case("{% for c in 'abc' %}{{ c }}.{% endfor %}", "a.b.c."),
    Case("{% for x in {a: 1} %}[{{ x }}]{% else %}objects-iterate-nothing-with-one-name{% endfor %}",
         "objects-iterate-nothing-with-one-name"),
    Case("{% for row in rows %}{% for x in row %}{{ loop.index }}{% endfor %}|{{ loop.index }} {% endfor %}", "12|1 1|2 ",
         context: #"{"rows": [[1, 2], [3]]}"#),
    Case("{% set x = 1 %}{% set y, z = 'v' %}{{ x }}{{ y }}{{ z }}", "1vv"),
    Case("{% set total = 0 %}{% for n in [1, 2, 3] %}{% set total = total + n %}{% endfor %}{{ total }}", "6"),
    Case("{% for n in [1] %}{% set inner = 'i' %}{% endfor %}[{{ inner }}]", "[]"),
    Case("{% set block %}<b>{{ 1 + 1 }}</b>{% endset %}{{ block | safe }}", "<b>2</b>"),
    Case("{% switch x %}{% case 1 %}one{% case 2 %}{% case 3 %}two-or-three{% default %}other{% endswitch %}", "two-or-three",
         context: #"{"x": 2}"#),
    Case("{% switch x %}{% case 1 %}one{% default %}other{% endswitch %}", "other", context: #"{"x": 9}"#),
    Case("{% filter upper %}shout {{ 'this' }}{% endfilter %}", "SHOUT THIS"),
    Case("{% filter replace('a', 'o') %}banana{% endfilter %}", "bonono"),
])
func statements(_ item: Case) throws {
    #expect(try Support.render(item.source, item.context) == item.expected)
}

@Test(arguments: [
    Case("a  {%- if true -%}  b  {%- endif -%}  c", "abc"),
    Case("a\n  {{- 'b' -}}\n  c", "abc"),
    Case("a {#- comment -#} b", "ab"),
    Case("a {# a comment {{ with tags }} #}b", "a b"),
    Case("<ul>\n  {%- for x in [1, 2] %}\n  <li>{{ x }}</li>\n  {%- endfor %}\n</ul>", "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>"),
    Case("{% raw %}{{ not rendered }} {% if %}{% endraw %}", "{{ not rendered }} {% if %}"),
    Case("x {%- raw -%} {{ y }} {%- endraw -%} z", "x{{ y }}z"),
    Case("{% verbatim %}{{ a }}{% endverbatim %}", "{{ a }}"),
    Case("a { b } c {not a tag} %}", "a { b } c {not a tag} %}"),
])
func whitespaceControlCommentsAndRaw(_ item: Case) throws {
    #expect(try Support.render(item.source, item.context) == item.expected)
}

/// Source, expected line, column and message start.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    let source: String, line: Int, column: Int, message: String
    init(_ source: String, _ line: Int, _ column: Int, _ message: String) {
        self.source = source; self.line = line; self.column = column; self.message = message
    }
    var testDescription: String { source }
}

@Test(arguments: [
    ErrorCase("text\n{% frobnicate x %}", 2, 4, "unknown tag 'frobnicate'"),
    ErrorCase("{{ x | nosuchfilter }}", 1, 8, "unknown filter 'nosuchfilter'"),
    ErrorCase("a\n{% if x %}\nb", 2, 1, "unclosed 'if' block: expected {% elif %} or {% else %} or {% elseif %} or {% endif %}"),
    ErrorCase("{% for x in y %}{% endif %}", 1, 20, "unexpected 'endif': the 'for' block opened on line 1"),
    ErrorCase("{% endfor %}", 1, 4, "unexpected 'endfor'"),
    ErrorCase("{{ x ", 1, 1, "unclosed tag"),
    ErrorCase("{# never closed", 1, 1, "unclosed comment"),
    ErrorCase("{% raw %}never closed", 1, 1, "unclosed 'raw' block"),
    ErrorCase("{{ 'unterminated }}", 1, 4, "unclosed string literal"),
    ErrorCase("{{ {a: 1 b: 2} }}", 1, 10, "expected '}' to close the object literal"),
    ErrorCase("{{ f(a=1, 2) }}", 1, 11, "a positional argument cannot follow keyword arguments"),
    ErrorCase("{{ a @ b }}", 1, 6, "unexpected character '@'"),
    ErrorCase("{% if %}{% endif %}", 1, 7, "expected an expression"),
    ErrorCase("{{ x is frob }}", 1, 6, "unknown test 'frob'"),
    ErrorCase("{{ super() }}", 1, 9, "super() can only be called inside a block"),
    ErrorCase("{{ 'x' | replace(r/(/, '') }}", 1, 18, "invalid regular expression /(/"),
    ErrorCase("{{ 'x' | replace(r/abc, '') }}", 1, 18, "unclosed regular expression"),
])
func errorsPointAtTheirSource(_ item: ErrorCase) throws {
    let error = try #require(Support.renderError(item.source))
    #expect(error.path == "test.njk")
    #expect(error.line == item.line)
    #expect(error.column == item.column)
    #expect(error.message.hasPrefix(item.message), "\(error.message)")
    #expect(error.description.hasPrefix("test.njk:\(item.line):\(item.column): error: "))
}

@Test func deeplyNestedInputIsAnErrorNotACrash() throws {
    let source = "{{ " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " }}"
    let error = try #require(Support.renderError(source))
    #expect(error.message.contains("nested too deeply"))
    let tags = String(repeating: "{% if true %}", count: 1000) + String(repeating: "{% endif %}", count: 1000)
    #expect(Support.renderError(tags)?.message.contains("nested too deeply") == true)
}

@Test func unknownFiltersAreReportedEvenInBranchesThatDoNotRun() throws {
    let error = try #require(Support.renderError("{% if false %}\n{% for x in y | nope %}{% endfor %}{% endif %}"))
    #expect(error.description == "test.njk:2:17: error: unknown filter 'nope'")
    let inBlock = try #require(Support.renderError("{% block b %}{% filter shout %}x{% endfilter %}{% endblock %}"))
    #expect(inBlock.message == "unknown filter 'shout'")
}

@Test(arguments: [
    Case("{{ [1, 2, 3, 4][1:3] | join }} {{ [1, 2, 3][1:] | join }} {{ [1, 2, 3][:-1] | join }} {{ 'hello'[1:4] }}", "23 23 12 ell"),
])
func slices(_ item: Case) throws {
    #expect(try Support.render(item.source, item.context) == item.expected)
}

@Test func unknownNamesSuggestTheClosestKnownOne() throws {
    #expect(Support.renderError("{{ 'A b' | slugfy }}", environment: TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: [])))?.message
            == "unknown filter 'slugfy' (did you mean 'slugify'?)")
    #expect(Support.renderError("{% endfi %}")?.message == "unknown tag 'endfi'")
    #expect(Support.renderError("{% iff x %}{% endif %}")?.message == "unknown tag 'iff' (did you mean 'if'?)")
    #expect(Support.renderError("{{ x | zzzzzzzz }}")?.message == "unknown filter 'zzzzzzzz'")
}
