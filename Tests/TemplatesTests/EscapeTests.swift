import Testing
import Templates

/// Escaping finds the bytes it replaces eight at a time (see `TemplateValue.escapeHTML`): every
/// special character, at every place in and across the eight-byte words, among ASCII and other
/// text, is escaped as a byte-by-byte escaper would.
struct EscapeTests {
    /// What `escape` writes, one character at a time: the reference the fast scan must agree with.
    static func reference(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\\": out += "&#92;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Strings of 0 to 25 characters with one special character (or a near miss: `%`, `(`, `=`,
    /// `?`, `[`, `]`, bytes one bit away from a special one) at each position, on a background of
    /// ASCII or of text with other characters.
    static var samples: [String] {
        let specials: [Character] = ["&", "<", ">", "\"", "'", "\\", "%", "(", "=", "?", "[", "]", "$", "|", "\u{A6}", "é"]
        var samples: [String] = []
        for background in ["abcdefgh", "aé€bcdef"] {
            let fill = Array(background)
            for length in 0...25 {
                let plain = String((0..<length).map { fill[$0 % fill.count] })
                samples.append(plain)
                for position in 0..<length {
                    for special in specials {
                        var characters = Array(plain)
                        characters[position] = special
                        samples.append(String(characters))
                    }
                }
            }
        }
        samples.append(String(repeating: "<&>\"'\\", count: 9))
        samples.append(String(repeating: "x", count: 40) + "&" + String(repeating: "y", count: 17) + "<")
        return samples
    }

    @Test func theEscapeFilterAgreesWithAByteByByteEscaper() {
        for sample in Self.samples {
            #expect(TemplateValue.escapeHTML(sample) == Self.reference(sample), "\(sample)")
        }
    }

    @Test func autoescapedOutputAgreesWithAByteByByteEscaper() throws {
        let environment = TemplateEnvironment(options: TemplateOptions(autoescape: true))
        let template = try environment.parse(source: "[{{ s }}]", path: "escape.njk")
        for sample in Self.samples {
            let rendered = try template.render(context: TemplateObject([("s", .string(sample))]))
            #expect(rendered == "[" + Self.reference(sample) + "]", "\(sample)")
        }
    }
}
