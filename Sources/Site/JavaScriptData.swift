import Templates

/// Reads data written as a JavaScript (or JSON) literal: what `_data/*.js`, `*.11tydata.js` and
/// `---js` front matter hold when they only export an object.
///
/// Nothing runs: object and array literals, strings in any quotes (template literals without
/// `${}`), numbers, `true`/`false`/`null`/`undefined`, comments and trailing commas are read;
/// anything else (a function, a `require`, a variable) is a `JavaScriptDataError` saying where.
/// JSON is a subset, so JSON data files are read by the same parser.
enum JavaScriptData {
    /// Parse a literal; with `allowExports`, the source may be `module.exports = …` or `export default …`.
    static func parse(_ source: String, allowExports: Bool) throws(JavaScriptDataError) -> TemplateValue {
        var parser = Parser(bytes: Array(source.utf8))
        parser.skipSpace()
        if allowExports {
            parser.skipUseStrict()
            if parser.consume("module.exports") {
                parser.skipSpace()
                guard parser.consume("=") else { throw parser.error("expected '=' after module.exports") }
            } else if parser.consume("export") {
                parser.skipSpace()
                guard parser.consume("default") else { throw parser.error("only `export default { … }` can be read") }
            } else {
                throw parser.error("expected `module.exports = { … }` or `export default { … }`")
            }
        }
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        _ = parser.consume(";")
        parser.skipSpace()
        guard parser.atEnd else { throw parser.error("unexpected code after the data") }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }

        func error(_ message: String) -> JavaScriptDataError {
            var line = 1, column = 1
            for b in bytes[0..<min(index, bytes.count)] {
                if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return JavaScriptDataError(line: line, column: column, message: message)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                let c = bytes[index]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0xEF || c == 0xBB || c == 0xBF {
                    index += 1
                } else if c == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                } else if c == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    index += 2
                    while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                    index = min(index + 2, bytes.count)
                } else {
                    return
                }
            }
        }

        mutating func skipUseStrict() {
            for directive in ["'use strict'", "\"use strict\""] where consume(directive) {
                skipSpace()
                _ = consume(";")
                skipSpace()
            }
        }

        mutating func consume(_ text: String) -> Bool {
            let t = Array(text.utf8)
            guard index + t.count <= bytes.count, Array(bytes[index..<(index + t.count)]) == t else { return false }
            index += t.count
            return true
        }

        mutating func value(depth: Int) throws(JavaScriptDataError) -> TemplateValue {
            guard depth < 200 else { throw error("data nested too deeply") }
            skipSpace()
            guard index < bytes.count else { throw error("expected a value, found the end of the file") }
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), 0x30...0x39: return .number(try number())
            default:
                let start = index
                let word = identifier()
                switch word {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null": return .null
                case "undefined": return .undefined
                case "": throw error("expected a value")
                default:
                    index = start
                    throw error("'\(word)' is code, not data")
                }
            }
        }

        mutating func identifier() -> String {
            let start = index
            while index < bytes.count {
                let c = bytes[index]
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$") || c >= 0x80 {
                    index += 1
                } else {
                    break
                }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func object(depth: Int) throws(JavaScriptDataError) -> TemplateValue {
            index += 1
            var object = TemplateObject()
            while true {
                skipSpace()
                guard index < bytes.count else { throw error("unclosed '{'") }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
                let key: String
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): key = try string()
                case 0x30...0x39: key = TemplateValue.format(number: try number())
                case UInt8(ascii: "["): throw error("computed keys are code, not data")
                case UInt8(ascii: "."): throw error("spread (`...`) is code, not data")
                default:
                    key = identifier()
                    guard !key.isEmpty else { throw error("expected a key") }
                }
                skipSpace()
                guard consume(":") else {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "(") { throw error("method '\(key)' is code, not data") }
                    throw error("expected ':' after key '\(key)'")
                }
                object[key] = try value(depth: depth + 1)
                skipSpace()
                if consume(",") { continue }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            }
        }

        mutating func array(depth: Int) throws(JavaScriptDataError) -> TemplateValue {
            index += 1
            var items: [TemplateValue] = []
            while true {
                skipSpace()
                guard index < bytes.count else { throw error("unclosed '['") }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                items.append(try value(depth: depth + 1))
                skipSpace()
                if consume(",") { continue }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
            }
        }

        mutating func string() throws(JavaScriptDataError) -> String {
            let quote = bytes[index]
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let c = bytes[index]
                if c == quote { index += 1; return String(decoding: out, as: UTF8.self) }
                if quote == UInt8(ascii: "`"), c == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                    throw error("template literal substitutions are code, not data")
                }
                if c == 0x0A, quote != UInt8(ascii: "`") { throw error("unclosed string") }
                if c == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    index += 1
                    let e = bytes[index]
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "0"): out.append(0x00)
                    case 0x0A: break
                    case UInt8(ascii: "u"):
                        var scalar: UInt32 = 0
                        var digits = 0
                        var j = index + 1
                        if j < bytes.count, bytes[j] == UInt8(ascii: "{") {
                            j += 1
                            while j < bytes.count, bytes[j] != UInt8(ascii: "}"), let d = Self.hex(bytes[j]) { scalar = scalar * 16 + d; j += 1; digits += 1 }
                            j += 1
                        } else {
                            while j < bytes.count, digits < 4, let d = Self.hex(bytes[j]) { scalar = scalar * 16 + d; j += 1; digits += 1 }
                        }
                        guard digits > 0 else { throw error("bad \\u escape") }
                        // A surrogate pair written as two escapes.
                        if (0xD800...0xDBFF).contains(scalar), j + 5 < bytes.count, bytes[j] == UInt8(ascii: "\\"), bytes[j + 1] == UInt8(ascii: "u") {
                            var low: UInt32 = 0
                            var k = j + 2
                            while k < j + 6, let d = Self.hex(bytes[k]) { low = low * 16 + d; k += 1 }
                            if (0xDC00...0xDFFF).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                j = k
                            }
                        }
                        out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                        index = j
                        continue
                    default: out.append(e)
                    }
                    index += 1
                    continue
                }
                out.append(c)
                index += 1
            }
            throw error("unclosed string")
        }

        static func hex(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x30...0x39: UInt32(c - 0x30)
            case 0x61...0x66: UInt32(c - 0x61 + 10)
            case 0x41...0x46: UInt32(c - 0x41 + 10)
            default: nil
            }
        }

        mutating func number() throws(JavaScriptDataError) -> Double {
            let start = index
            while index < bytes.count {
                let c = bytes[index]
                if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: "x") || c == UInt8(ascii: "_")
                    || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) {
                    index += 1
                } else {
                    break
                }
            }
            let text = String(decoding: bytes[start..<index].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            if text.hasPrefix("0x"), let v = Int(text.dropFirst(2), radix: 16) { return Double(v) }
            guard let value = Double(text) else {
                index = start
                throw error("'\(text)' is not a number")
            }
            return value
        }
    }
}

/// Data that is not a literal, with where (line and column within the source given).
struct JavaScriptDataError: Error, Sendable {
    var line: Int
    var column: Int
    var message: String
}
