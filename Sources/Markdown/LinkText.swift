/// The rules for link destinations, labels and which URLs are safe to emit.
enum LinkText {
    /// Percent-encodes a destination as markdown-it's `mdurl.encode` does: keeps `%XX` escapes,
    /// ASCII letters, digits and `;/?:@&=+$,-_.!~*'()#`, encodes everything else as UTF-8.
    static func normalizeURI(_ input: [UInt8]) -> String {
        let bytes = input.contains(where: { $0 >= 0x80 }) ? Punycode.recodeHost(input, Punycode.toASCII) : input
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%"), i + 2 < bytes.count, ByteClass.isHexDigit(bytes[i + 1]), ByteClass.isHexDigit(bytes[i + 2]) {
                out.append(contentsOf: bytes[i...i + 2])
                i += 3
                continue
            }
            if isSafe(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func isSafe(_ b: UInt8) -> Bool {
        if ByteClass.isAlnum(b) { return true }
        switch b {
        case UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"),
             UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: ","),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
             UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }

    /// A link label's matching key: inner text trimmed, whitespace runs collapsed, Unicode case-folded.
    static func normalizeLabel(_ inner: ArraySlice<UInt8>) -> String {
        if inner.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every label): collapse white space and upper-case in one pass, straight
            // into the string, without the byte array and the case-mapped copy of the general path.
            return String(unsafeUninitializedCapacity: inner.count) { buffer in
                var n = 0
                var pendingSpace = false
                for b in inner {
                    if ByteClass.isWhitespace(b) {
                        pendingSpace = n > 0
                    } else {
                        if pendingSpace { buffer[n] = 0x20; n += 1; pendingSpace = false }
                        buffer[n] = b >= 0x61 && b <= 0x7A ? b - 0x20 : b
                        n += 1
                    }
                }
                return n
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var pendingSpace = false
        for b in inner {
            if ByteClass.isWhitespace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        let text = String(decoding: out, as: UTF8.self)
        if out.allSatisfy({ $0 < 0x80 }) { return text.uppercased() }
        return text.lowercased().uppercased()
    }

    /// markdown-it's `validateLink`: no `javascript:`, `vbscript:`, `file:` or non-image `data:` URLs.
    static func isSafeDestination(_ destination: String) -> Bool {
        let lowered = destination.utf8.prefix(32).drop(while: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) })
        let text = String(decoding: lowered, as: UTF8.self).lowercased()
        if text.hasPrefix("javascript:") || text.hasPrefix("vbscript:") || text.hasPrefix("file:") { return false }
        if text.hasPrefix("data:") {
            return text.hasPrefix("data:image/gif;") || text.hasPrefix("data:image/png;")
                || text.hasPrefix("data:image/jpeg;") || text.hasPrefix("data:image/webp;")
        }
        return true
    }
}

extension LinkText {
    /// The text shown for an autolink, as markdown-it's `normalizeLinkText` (without punycode):
    /// percent-escapes of valid UTF-8 are decoded, except those of `;/?:@&=+$,#%`.
    static func displayText(_ raw: [UInt8]) -> [UInt8] {
        var text = raw
        if let range = Punycode.hostRange(raw), String(decoding: raw[range], as: UTF8.self).lowercased().contains("xn--") {
            text = Punycode.recodeHost(raw, Punycode.toUnicode)
        }
        guard text.contains(UInt8(ascii: "%")) else { return text }
        let reserved = Set(";/?:@&=+$,#%".utf8)
        func hexValue(_ b: UInt8) -> UInt8 { ByteClass.isDigit(b) ? b - 0x30 : (b | 0x20) - 0x61 + 10 }
        func escapeAt(_ i: Int) -> UInt8? {
            guard i + 2 < text.count, text[i] == UInt8(ascii: "%"), ByteClass.isHexDigit(text[i + 1]), ByteClass.isHexDigit(text[i + 2]) else { return nil }
            return hexValue(text[i + 1]) << 4 | hexValue(text[i + 2])
        }
        var out: [UInt8] = []
        var i = 0
        while i < text.count {
            guard let b = escapeAt(i) else { out.append(text[i]); i += 1; continue }
            if b < 0x80 {
                if reserved.contains(b) { out.append(contentsOf: text[i..<(i + 3)]) } else { out.append(b) }
                i += 3
                continue
            }
            let length = b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 0
            var bytes: [UInt8] = [b]
            var k = 1
            while k < length, let next = escapeAt(i + 3 * k), next & 0xC0 == 0x80 { bytes.append(next); k += 1 }
            if length > 0, bytes.count == length, String(validating: bytes, as: UTF8.self) != nil {
                out.append(contentsOf: bytes)
                i += 3 * length
            } else {
                out.append(contentsOf: text[i..<(i + 3)])
                i += 3
            }
        }
        return out
    }
}
