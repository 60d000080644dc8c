/// Byte and code-point classes CommonMark's rules are written in.
enum ByteClass {
    @inline(__always) static func isSpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inline(__always) static func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    /// Space, tab, line feed, line tabulation, form feed, carriage return.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// ASCII punctuation: the characters a backslash can escape.
    @inline(__always) static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    /// Unicode whitespace as CommonMark defines it: Zs, tab, line feed, form feed, carriage return.
    static func isUnicodeWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar == 0x20 || scalar == 0x09 || scalar == 0x0A || scalar == 0x0C || scalar == 0x0D }
        guard let s = Unicode.Scalar(scalar) else { return false }
        return s.properties.generalCategory == .spaceSeparator
    }

    /// Unicode punctuation as CommonMark 0.31 defines it: categories P and S.
    static func isUnicodePunctuation(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIIPunctuation(UInt8(scalar)) }
        guard let s = Unicode.Scalar(scalar) else { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// The code point that ends just before `end` (a byte index) in UTF-8 `bytes`, or a newline at the start.
    static func scalar(before end: Int, in bytes: [UInt8], lowerBound: Int = 0) -> UInt32 {
        if end <= lowerBound { return 0x0A }
        var start = end - 1
        while start > lowerBound, bytes[start] & 0xC0 == 0x80, end - start < 4 { start -= 1 }
        return decode(at: start, in: bytes, end: end).scalar
    }

    /// The code point starting at `index`, or a newline at the end.
    static func scalar(at index: Int, in bytes: [UInt8], end: Int) -> UInt32 {
        if index >= end { return 0x0A }
        return decode(at: index, in: bytes, end: end).scalar
    }

    /// Decodes one UTF-8 sequence; invalid bytes decode as U+FFFD of length 1.
    static func decode(at index: Int, in bytes: [UInt8], end: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        func cont(_ i: Int) -> UInt32? {
            guard index + i < end else { return nil }
            let b = bytes[index + i]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 & 0xE0 == 0xC0, let c1 = cont(1) { return ((b0 & 0x1F) << 6 | c1, 2) }
        if b0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) { return ((b0 & 0x0F) << 12 | c1 << 6 | c2, 3) }
        if b0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            return ((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
        }
        return (0xFFFD, 1)
    }

    /// Appends the UTF-8 encoding of a code point.
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case ..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
