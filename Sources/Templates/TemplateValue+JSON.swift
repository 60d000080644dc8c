/// JSON as JavaScript's `JSON.stringify` writes it, for the `dump` filter and `log`.
extension TemplateValue {
    /// The JSON text of the value, or nil where `JSON.stringify` gives undefined (undefined, functions).
    public func json(indent: String = "") -> String? {
        var out = ""
        guard write(into: &out, indent: indent, level: 0) else { return nil }
        return out
    }

    private func write(into out: inout String, indent: String, level: Int) -> Bool {
        switch self {
        case .undefined, .function: return false
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.isFinite ? Self.format(number: n) : "null"
        case .string(let s), .safe(let s): Self.writeJSONString(s, into: &out)
        case .date(let d): Self.writeJSONString(Self.isoString(d), into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return true }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent, level + 1)
                if !item.write(into: &out, indent: indent, level: level + 1) { out += "null" }
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let object):
            var first = true
            out += "{"
            for (key, value) in object.pairs {
                if case .undefined = value { continue }
                if case .function = value { continue }
                if !first { out += "," }
                first = false
                newline(&out, indent, level + 1)
                Self.writeJSONString(key, into: &out)
                out += indent.isEmpty ? ":" : ": "
                _ = value.write(into: &out, indent: indent, level: level + 1)
            }
            if !first { newline(&out, indent, level) }
            out += "}"
        }
        return true
    }

    private func newline(_ out: inout String, _ indent: String, _ level: Int) {
        guard !indent.isEmpty else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
