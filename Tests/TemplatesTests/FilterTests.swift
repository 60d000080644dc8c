import Foundation
import Templates
import Testing

@Test(arguments: [
    Case("{{ -3 | abs }}", "3"),
    Case("{% for row in [1, 2, 3, 4, 5] | batch(2, 'x') %}[{{ row }}]{% endfor %}", "[1,2][3,4][5,x]"),
    Case("{{ 'hELLO wORLD' | capitalize }}", "Hello world"),
    Case("[{{ 'ab' | center(6) }}]", "[  ab  ]"),
    Case("{{ missing | default('d') }} {{ none | default('d') }}|{{ '' | d('e', true) }} {{ 0 | default('z', true) }}",
         "d |e z"),  // Nunjucks: default replaces only undefined unless the boolean argument is set.
    Case("{% for k, v in {b: 1, A: 2, c: 0} | dictsort %}{{ k }}{% endfor %} {% for p in {b: 1, a: 2} | dictsort(false, 'value') %}{{ p[0] }}{% endfor %}",
         "Abc ba"),
    Case("{{ {a: [1, 'x', none], b: true, u: undefined} | dump | safe }}", #"{"a":[1,"x",null],"b":true}"#, context: "{}"),
    Case("{{ {a: 1} | dump(2) | safe }}", "{\n  \"a\": 1\n}"),
    Case("{{ '<a href=\"x\">' | escape }} {{ '<b>' | e | safe }}", "&lt;a href=&quot;x&quot;&gt; &lt;b&gt;"),
    Case("{{ [3, 4] | first }} {{ [3, 4] | last }} {{ 'xyz' | first }} {{ 'xyz' | last }}", "3 4 x z"),
    Case("{{ '3.5kg' | float }} {{ 'x' | float('n/a') }} {{ '42px' | int }} {{ 4.9 | int }} {{ 'x' | int(7) }}", "3.5 n/a 42 4 7"),
    Case("{% for group, items in people | groupby('team') %}{{ group }}:{{ items | join(',', 'name') }};{% endfor %}", "a:Ann,Cy;b:Bo;",
         context: #"{"people": [{"name": "Ann", "team": "a"}, {"name": "Bo", "team": "b"}, {"name": "Cy", "team": "a"}]}"#),
    Case("{{ 'one\ntwo\n\nthree' | indent(2) }}|{{ 'a\nb' | indent(1, true) }}", "one\n  two\n  \n  three| a\n b"),
    Case("{{ [1, 2, 3] | join }} {{ [1, 2] | join(' - ') }}", "123 1 - 2"),
    Case("{{ [1, 2] | length }} {{ 'héllo' | length }} {{ {a: 1, b: 2} | length }} {{ missing | length }}", "2 5 2 0"),
    Case("{{ 'ab' | list | join('|') }} {% for p in {x: 1} | list %}{{ p.key }}={{ p.value }}{% endfor %}", "a|b x=1"),
    Case("{{ 'MiXeD' | lower }} {{ 'MiXeD' | upper }}", "mixed MIXED"),
    Case("{{ 'a\nb\r\nc' | nl2br }}", "a&lt;br /&gt;\nb&lt;br /&gt;\nc"),  // not safe: escaped under autoescape, as in Nunjucks
    Case("{{ [1, 2, 3, 4] | select('odd') | join }} {{ [1, 2, 3, 4] | reject('odd') | join }} {{ [0, 1, '', 'x'] | select | join }}", "13 24 1x"),
    Case("{{ items | selectattr('on') | join(',', 'n') }} {{ items | rejectattr('on') | join(',', 'n') }} {{ items | selectattr('n', 'equalto', 'b') | join(',', 'n') }}",
         "a,c b b", context: #"{"items": [{"n": "a", "on": true}, {"n": "b"}, {"n": "c", "on": 1}]}"#),
    Case("{{ 'aaa' | replace('a', 'b') }} {{ 'aaa' | replace('a', 'b', 2) }} {{ 'abc' | replace('', '-') }} {{ 12 | replace(1, 3) }}",
         "bbb bba -a-b-c- 32"),
    Case("{{ page.filePathStem | replace('posts/', '') }}/", "/ecf/signing-in/", context: #"{"page": {"filePathStem": "/posts/ecf/signing-in"}}"#),
    Case("[{{ missing | replace('a', 'b') }}]", "[]"),
    Case("{{ 'aabbbb' | replace(r/ab{2}/, 'z') }} {{ 'aaaAAA' | replace(r/a/i, 'z') }} {{ 'a b  c' | replace(r/\\s+/g, '-') }} {{ 'x1y2' | replace(r/(\\d)/g, '<$1>') | safe }}",
         "azbb zaaAAA a-b-c x<1>y<2>"),
    Case("{{ r/^[A-Z]/.test('Hello') }} {{ r/^[A-Z]/.test('hello') }} {{ r/a\\/b/g.source | safe }} {{ r/x/gi.flags }}", "true false a\\/b gi"),
    Case("{{ [1, 2, 3] | reverse | join }} {{ 'abc' | reverse }}", "321 cba"),
    Case("{{ 2.5 | round }} {{ 3.14159 | round(2) }} {{ 2.1 | round(0, 'ceil') }} {{ 2.9 | round(0, 'floor') }} {{ -2.5 | round }}", "3 3.14 3 2 -2"),
    Case("{% for s in [1, 2, 3, 4, 5] | slice(2) %}[{{ s }}]{% endfor %}", "[1,2,3][4,5]"),
    Case("{{ ['b', 'C', 'a'] | sort | join }} {{ ['b', 'C', 'a'] | sort(true) | join }} {{ ['b', 'C', 'a'] | sort(false, true) | join }}", "abC Cba Cab"),
    Case("{{ people | sort(attribute='age') | join(',', 'name') }} {{ people | sort(true, false, 'age') | join(',', 'name') }}", "Bo,Ann Ann,Bo",
         context: #"{"people": [{"name": "Ann", "age": 40}, {"name": "Bo", "age": 3}]}"#),
    Case("{{ 12 | string ~ 3 }} {{ [1, [2, 3]] | string }}", "123 1,2,3"),
    Case("{{ '<p>Hello <b>there</b></p>  <!-- x -->  world' | striptags }}", "Hello there world"),
    Case("{{ [1, 2, 3] | sum }} {{ items | sum('v') }} {{ [1] | sum(start=10) }}", "6 5 11", context: #"{"items": [{"v": 2}, {"v": 3}]}"#),
    Case("{{ 'the quick BROWN fox' | title }}", "The Quick Brown Fox"),
    Case("[{{ '  padded \n' | trim }}]", "[padded]"),
    Case("{{ 'The quick brown fox' | truncate(12) }} {{ 'The quick brown fox' | truncate(12, true, '…') }} {{ 'short' | truncate(12) }}",
         "The quick... The quick br… short"),
    Case("{{ 'a b&c/é' | urlencode }} {{ {q: 'x y', n: 1} | urlencode }}", "a%20b%26c%2F%C3%A9 q=x%20y&amp;n=1"),
    Case("{{ 'see https://example.com/x. or www.gov.uk, mail a@b.org' | urlize | safe }}",
         #"see <a href="https://example.com/x">https://example.com/x</a> or <a href="http://www.gov.uk">www.gov.uk</a> mail <a href="mailto:a@b.org">a@b.org</a>"#),
    Case("{{ 'one two  three' | wordcount }}", "3"),
    Case("{% for i in range(3) %}{{ i }}{% endfor %} {% for i in range(1, 10, 3) %}{{ i }}{% endfor %} {{ range(5, 0, -2) | join(',') }}", "012 147 5,3,1"),
    Case("{% set c = cycler('odd', 'even') %}{% for i in [1, 2, 3] %}{{ c.next() }} {% endfor %}", "odd even odd "),
    // Nunjucks' cycler.current: null (rendered as nothing) before next() and after reset().
    Case("{% set c = cycler('a', 'b') %}[{{ c.current }}]{{ c.next() }}{{ c.current }}{{ c.next() }}{{ c.current }}{% set x = c.reset() %}[{{ c.current }}]{{ c.next() }}",
         "[]aabb[]a"),
    Case("{% set c = cycler() %}[{{ c.next() }}][{{ c.current }}] {{ 'none' if c.current === null else 'set' }}", "[][] set"),
    Case("{% set comma = joiner() %}{% for i in [1, 2, 3] %}{{ comma() }}{{ i }}{% endfor %} {% set j = joiner(' | ') %}{{ j() }}a{{ j() }}b", "1,2,3 a | b"),
])
func nunjucksFilters(_ item: Case) throws {
    #expect(try Support.render(item.source, item.context) == item.expected)
}

private func designHistory(_ source: String, _ json: String = "{}") throws -> String {
    try TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
        .render(source: source, path: "post.md", context: Support.context(json))
}

@Test(arguments: [
    Case("{{ 'Child’s play' | slugify }}", "child-s-play"),
    Case("{{ 'Déjà Vu! & Straße' | slugify }}", "deja-vu-and-strasse"),
    Case("{{ 'What’s your email address?' | slugify }} {{ 'DfE Sign-in' | slugify }} {{ '  --Hi 👋 there--  ' | slugify }}",
         "what-s-your-email-address dfe-sign-in hi-there"),
    Case("{{ \"Don't stop: 3 ways\" | slugify }}", "don-t-stop-3-ways"),  // @sindresorhus/slugify 1.x (Eleventy 2): no contraction rule
    // ASCII titles take the one-pass path: runs of other bytes, `&` at either end and twice, digits, capitals.
    Case("[{{ 'a&&b' | slugify }}|{{ '&x' | slugify }}|{{ 'x&' | slugify }}|{{ '--Hi--' | slugify }}|{{ '' | slugify }}|{{ 'ABC 123_x.Y' | slugify }}|{{ '& &' | slugify }}|{{ '!!!' | slugify }}]",
         "[a-and-and-b|and-x|x-and|hi||abc-123-x-y|and-and|]"),
    Case("{{ 'Hello, World! Déjà vu' | slug }} {{ 'Child’s play' | slug }} {{ 'A & B' | slug }}", "hello-world!-deja-vu childs-play a-and-b"),
    Case("{{ '2023-12-01' | govukDate }} {{ '2023-12-01' | govukDate('truncate') }} {{ date | govukDate('d MMMM yyyy, HH:mm') }}",
         "1 December 2023 1 Dec 2023 19 August 2024, 14:05", context: #"{"date": "2024-08-19T14:05:00Z"}"#),
    Case("{{ '2023-12-01' | date('d LLL y') }} {{ '2023-12-01' | date }} {{ '2024-02-29' | date(\"EEEE d MMMM 'at' h:mma\") }}",
         "1 Dec 2023 2023-12-01T00:00:00.000Z Thursday 29 February at 12:00am"),  // plugin: no format means ISO 8601
    Case("{{ '2023-12-01T23:30:00-01:00' | isoDate }} [{{ missing | govukDate }}] {{ 'soon' | govukDate }}", "2023-12-02 [] Invalid DateTime"),
    Case("{{ 'Department for Education' | noOrphans }} {{ 'Word' | noOrphans }}", "Department for&nbsp;Education Word"),
    Case("{{ '/page/index.html' | pretty }} {{ '/about.html' | pretty }}", "/page/ /about"),
    Case("{{ \"Her Majesty's \\\"Government\\\" -- est. '80s... ok---\" | smart }}", "Her Majesty’s “Government” – est. ’80s… ok—"),
    Case("{{ '<a href=\"x\">it\\'s</a>' | smart }}", "<a href=\"x\">it’s</a>"),
    Case("{{ posts | includes('data.tags', 'a') | join(',', 'title') }}", "One,Three",
         context: #"{"posts": [{"title": "One", "data": {"tags": ["a", "b"]}}, {"title": "Two", "data": {"tags": ["b"]}}, {"title": "Three", "data": {"tags": ["a"]}}, {"title": "Four"}]}"#),
    Case("{{ '<b>' }} {{ 'x' | log }}", "<b> x"),  // design-history profile: autoescape off
])
func designHistoryFilters(_ item: Case) throws {
    #expect(try designHistory(item.source, item.context) == item.expected)
}

@Test func filtersRegisteredByTheSiteAreUsedLikeBuiltIns() throws {
    var environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
    let prefix = "/history"
    environment.addFilter("url") { value, _ in .string(prefix + value.stringValue) }
    environment.addGlobal("site", .object(TemplateObject([("name", .string("Design history"))])))
    environment.addFunction("year") { _ in .number(2024) }
    #expect(try environment.render(source: "{{ '/a/' | url }} {{ site.name }} {{ year() }}", path: "t", context: TemplateObject()) == "/history/a/ Design history 2024")
}

@Test func aFilterThatThrowsBecomesAnErrorAtItsCall() throws {
    var environment = TemplateEnvironment()
    environment.addFilter("fails") { _, _ in throw TemplateCallError("no good") }
    let error = try #require(Support.renderError("\n{{ 1 | fails }}", environment: environment))
    #expect(error.description == "test.njk:2:8: error: filter 'fails': no good")
}

@Test func datesRenderAsJavaScriptDoes() throws {
    let date = Date(timeIntervalSince1970: 1_701_388_800)  // 2023-12-01T00:00:00Z
    let context = TemplateObject([("d", .date(date))])
    let environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
    let out = try environment.render(source: "{{ d }}|{{ d | govukDate }}|{{ d.getFullYear() }}|{{ d.toISOString() }}", path: "t", context: context)
    #expect(out == "Fri Dec 01 2023 00:00:00 GMT+0000 (Coordinated Universal Time)|1 December 2023|2023|2023-12-01T00:00:00.000Z")
}

@Test(arguments: [
    "{{ 'x'.repeat(10 ** 12) }}", "{{ 'x' | center(10 ** 300) }}", "{{ 'x'.padStart(10 ** 15) }}", "{{ 'a\nb' | indent(10 ** 9) }}",
])
func absurdSizesAreErrorsNotCrashes(_ source: String) throws {
    let error = try #require(Support.renderError(source))
    #expect(error.message.contains("limit is 10,000,000"))
}

@Test func hugeNumbersNeverTrap() throws {
    let big = "(10 ** 300)"
    #expect(try Support.render("{{ 'abc'.charAt(\(big)) }}|{{ [1, 2][\(big)] }}|{{ \(big) | int }}|{{ 'abc'.slice(-\(big), \(big)) }}|{{ (\(big) * \(big)) | round }}|{{ 'abc' | truncate(\(big)) }}")
            == "||1|abc|Infinity|abc")  // Nunjucks' int is parseInt(String(n)): 1e+300 reads as 1
}
