import Testing
import Templates

/// What a render writes, piece by piece (see `TemplateOutput`): ASCII gathered as bytes, other text
/// appended as strings, whole numbers written as digits, escaping done on the way.
struct OutputTests {
    @Test func numbersAreWrittenAsJavaScriptWritesThem() throws {
        let source = "{{ 0 }}|{{ -0 }}|{{ 7 }}|{{ -42 }}|{{ 1.5 }}|{{ -2.25 }}|{{ 8999999999999999 }}|{{ big }}|{{ huge }}|{{ 0.1 + 0.2 }}|{{ n }}|{{ 10 / 0 }}|{{ 'x' * 2 }}"
        #expect(try Support.render(source, #"{"n": 123456789, "big": 1e20, "huge": 1e21}"#)
                == "0|0|7|-42|1.5|-2.25|8999999999999999|100000000000000000000|1e+21|0.30000000000000004|123456789|Infinity|NaN")
    }

    @Test func escapingReplacesExactlyTheSixCharacters() throws {
        let everyASCII = String(decoding: (0x20..<0x7F).map { UInt8($0) }, as: UTF8.self)
        let expected = everyASCII.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\\", with: "&#92;")
        let context = TemplateObject([("s", .string(everyASCII)), ("u", .string("é<" + everyASCII + "→"))])
        // Autoescaped output, and the `escape` filter; ASCII and text with other characters.
        let environment = TemplateEnvironment()
        #expect(try environment.render(source: "{{ s }}", path: "a.njk", context: context) == expected)
        #expect(try environment.render(source: "{{ u }}", path: "b.njk", context: context) == "é&lt;" + expected + "→")
        #expect(try environment.render(source: "{{ s | escape | safe }}", path: "c.njk", context: context) == expected)
    }

    @Test func textOutputsAndRememberedCallsKeepTheirOrderWhateverTheirCharacters() throws {
        // ASCII pieces and pieces with other characters alternate; a pure macro's remembered
        // output (with and without other characters) is written where it is called.
        let source = """
        {% macro m(x) %}<{{ x }}>{% endmacro %}a{{ 'é' }}b{{ m('c') }}→{{ m('ü') }}{{ m('c') }}{% for i in [1, 2] %}{{ m('ü') }}-{{ i }}{% endfor %}{{ long }}z
        """
        let long = String(repeating: "abcdefgh", count: 3000) + "ß"
        let output = try Support.render(source, #"{"long": "\#(long)"}"#, autoescape: false)
        #expect(output == "aéb<c>→<ü><c><ü>-1<ü>-2" + long + "z")
    }

    /// `renderUTF8` (a page for a file: every piece kept as bytes) writes exactly the bytes of
    /// `render`'s string: literal text, outputs escaped or not, remembered macro calls (stored from
    /// the bytes), captured blocks and callers, with and without characters beyond ASCII.
    @Test(arguments: [
        "plain ASCII {{ s }} and {{ n }}",
        "café {{ u }}|{{ u | escape }}|{{ u | safe }}|{{ s }}→",
        "{% macro m(x) %}<{{ x }}>é{% endmacro %}a{{ m('c') }}{{ m('ü') }}{{ m('c') }}{% for i in [1, 2] %}{{ m('ü') }}-{{ i }}{% endfor %}",
        "{% set block %}ß{{ u }}{% endset %}[{{ block }}]{% macro w() %}«{{ caller() }}»{% endmacro %}{% call w() %}ü{{ s }}{% endcall %}",
        "{{ long }}{{ u }}{{ long | upper }}",
    ])
    func bytesAreTheStringsUTF8(_ source: String) throws {
        let long = String(repeating: "abcdefgh", count: 2500) + "ß" + String(repeating: "<&>", count: 10)
        let context = TemplateObject([("s", .string("a<b & c")), ("n", .number(42)), ("u", .string("é<\"→\"'")), ("long", .string(long))])
        // Each order in a new environment: remembered calls are stored by the first render.
        for autoescape in [true, false] {
            for bytesFirst in [true, false] {
                let environment = TemplateEnvironment(loader: TemplateLoader(searchPaths: []), options: TemplateOptions(autoescape: autoescape))
                let template = try environment.parse(source: source, path: "page.njk")
                let bytes = bytesFirst ? try template.renderUTF8(context: context) : []
                let text = try template.render(context: context)
                #expect(try (bytesFirst ? bytes : template.renderUTF8(context: context)) == Array(text.utf8))
                #expect(!text.isEmpty)
            }
        }
    }
}
