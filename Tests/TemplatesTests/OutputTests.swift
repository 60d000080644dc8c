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
}
