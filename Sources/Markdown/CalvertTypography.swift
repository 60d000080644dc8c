/// The GOV.UK plugin's Calvert typography: vulgar fractions, ±, ×, ≤ and ≥.
enum CalvertTypography {
    static let fractions: [(UInt32, UInt32, UInt32)] = [
        (0x31, 0x32, 0xBD), (0x31, 0x33, 0x2153), (0x32, 0x33, 0x2154), (0x31, 0x34, 0xBC), (0x33, 0x34, 0xBE),
    ]

    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isWordChar(_ c: UInt32) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2F }

    static func apply(_ s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            // 1/2, 1/3, 2/3, 1/4, 3/4 standing alone.
            if isDigit(c), i + 2 < s.count, s[i + 1] == 0x2F, (i == 0 || !isWordChar(s[i - 1])),
               i + 3 == s.count || !isWordChar(s[i + 3]),
               let fraction = fractions.first(where: { $0.0 == c && $0.1 == s[i + 2] }) {
                out.append(fraction.2)
                i += 3
                continue
            }
            if i + 1 < s.count {
                let d = s[i + 1]
                if c == 0x2B && d == 0x2D { out.append(0xB1); i += 2; continue }
                if c == 0x3C && d == 0x3D { out.append(0x2264); i += 2; continue }
                if c == 0x3E && d == 0x3D { out.append(0x2265); i += 2; continue }
            }
            // A lone x between numbers: 3 x 4.
            if c == 0x78, i >= 2, i + 2 < s.count, s[i - 1] == 0x20, s[i + 1] == 0x20, isDigit(s[i - 2]), isDigit(s[i + 2]) {
                out.append(0xD7)
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
