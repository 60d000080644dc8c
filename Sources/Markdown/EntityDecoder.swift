/// Entity and numeric character references, and backslash escapes, in raw Markdown text.
enum EntityDecoder {
    /// Matches an entity reference at `index` (which holds `&`). Returns the decoded bytes and the length consumed.
    static func match(at index: Int, in bytes: [UInt8], end: Int) -> (value: [UInt8], length: Int)? {
        var i = index + 1
        guard i < end else { return nil }
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
            guard i < end else { return nil }
            var value: UInt32 = 0
            var digits = 0
            if bytes[i] | 0x20 == UInt8(ascii: "x") {
                i += 1
                while i < end, ByteClass.isHexDigit(bytes[i]), digits < 6 {
                    let b = bytes[i]
                    let d: UInt32 = ByteClass.isDigit(b) ? UInt32(b - 0x30) : UInt32((b | 0x20) - 0x61 + 10)
                    value = value * 16 + d
                    digits += 1
                    i += 1
                }
            } else {
                while i < end, ByteClass.isDigit(bytes[i]), digits < 7 {
                    value = value * 10 + UInt32(bytes[i] - 0x30)
                    digits += 1
                    i += 1
                }
            }
            guard digits > 0, i < end, bytes[i] == UInt8(ascii: ";") else { return nil }
            if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { value = 0xFFFD }
            var out: [UInt8] = []
            ByteClass.appendUTF8(value, to: &out)
            return (out, i + 1 - index)
        }
        let nameStart = i
        guard ByteClass.isAlpha(bytes[i]) else { return nil }
        while i < end, ByteClass.isAlnum(bytes[i]), i - nameStart < 32 { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        guard let value = HTMLEntityTable.entities[name] else { return nil }
        return (Array(value.utf8), i + 1 - index)
    }

    /// Replaces backslash escapes and entity references, as in link destinations, titles and info strings.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let array = Array(bytes)
        if !array.contains(UInt8(ascii: "\\")) && !array.contains(UInt8(ascii: "&")) { return array }
        var out: [UInt8] = []
        out.reserveCapacity(array.count)
        var i = 0
        let end = array.count
        while i < end {
            let b = array[i]
            if b == UInt8(ascii: "\\"), i + 1 < end, ByteClass.isASCIIPunctuation(array[i + 1]) {
                out.append(array[i + 1])
                i += 2
            } else if b == UInt8(ascii: "&"), let entity = match(at: i, in: array, end: end) {
                out.append(contentsOf: entity.value)
                i += entity.length
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}
