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
        var bytes: [UInt8] = []
        appendJSONString(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, as `JSON.stringify` escapes it, byte by byte (the
    /// site's search index writes one for every word of every page). With `escapingLessThan`, `<`
    /// is written `\u003c` too, so that a copy inlined in HTML can never close a `<script>`.
    public static func appendJSONString(_ text: String, to out: inout [UInt8], escapingLessThan: Bool = false) {
        let hex: StaticString = "0123456789abcdef"
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0x3C where escapingLessThan: out.append(contentsOf: "\\u003c".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                hex.withUTF8Buffer { digits in
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 15)])
                }
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
