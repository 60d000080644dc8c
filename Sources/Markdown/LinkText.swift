/// The rules for link destinations, labels and which URLs are safe to emit.
enum LinkText {
    /// Percent-encodes a destination as markdown-it's `mdurl.encode` does: keeps `%XX` escapes,
    /// ASCII letters, digits and `;/?:@&=+$,-_.!~*'()#`, encodes everything else as UTF-8.
    static func normalizeURI(_ bytes: [UInt8]) -> String {
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
