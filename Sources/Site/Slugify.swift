import Foundation

/// Eleventy's `slugify` filter (`@sindresorhus/slugify`): ASCII transliteration, `&` as `and`,
/// camelCase split, lower case, and any run of other characters as one `-`. Screenshot ids and
/// default screenshot file names use it.
enum Slugify {
    static func slug(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "&", with: " and ")
        s = s.replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "AE")
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "Ø", with: "O").replacingOccurrences(of: "œ", with: "oe")
        s = s.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        // Decamelize: "fooBar" -> "foo Bar", "HTMLParser" -> "HTML Parser".
        var chars: [UInt8] = []
        let bytes = Array(s.utf8)
        func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
        func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        for (i, c) in bytes.enumerated() {
            if i > 0, isUpper(c) {
                let previous = bytes[i - 1]
                if isLower(previous) || isDigit(previous) { chars.append(0x20) }
                else if isUpper(previous), i + 1 < bytes.count, isLower(bytes[i + 1]) { chars.append(0x20) }
            }
            chars.append(c)
        }
        var out: [UInt8] = []
        var pendingDash = false
        for c in chars {
            if isLower(c) || isDigit(c) || isUpper(c) {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(isUpper(c) ? c + 32 : c)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
