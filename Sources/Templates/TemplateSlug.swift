import Foundation

/// The two slug functions Eleventy offers: `slugify` (@sindresorhus/slugify 1.x, as Eleventy 2 calls
/// it with `decamelize: false`) and the older `slug` (npm `slugify` with `lower: true`).
public enum TemplateSlug {
    /// Letters that lose more than an accent when made ASCII.
    private static let transliterations: [Character: String] = [
        "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ı": "i", "ŋ": "n", "Ŋ": "N",
    ]

    /// The character without accents (`é` → `e`), via canonical decomposition.
    private static func stripAccents(_ character: Character) -> String {
        var out = ""
        for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x0300...0x036F).contains(scalar.value) {
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// `@sindresorhus/slugify`: ASCII transliteration, `&` → `and`, lower case, and every run of other
    /// characters becomes one `-` (so `Child’s` → `child-s`), trimmed at both ends.
    public static func slugify(_ text: String) -> String {
        var ascii = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            ascii = ""
            for character in text {
                if character.isASCII { ascii.append(character); continue }
                switch character {
                case "♥": ascii += " love "
                case "🦄": ascii += " unicorn "
                default: ascii += transliterations[character] ?? stripAccents(character)
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(ascii.utf8.count)
        var pendingDash = false
        func word(_ byte: UInt8) {
            if pendingDash, !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingDash = false
            out.append(byte)
        }
        for byte in ascii.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word(byte + 32)
            case UInt8(ascii: "&"):
                pendingDash = true
                for letter in "and".utf8 { word(letter) }
                pendingDash = true
            default: pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let slugCharacters: [Character: String] = [
        "&": "and", "<": "less", ">": "greater", "|": "or", "$": "dollar", "%": "percent", "£": "pound", "€": "euro",
        "¢": "cent", "¥": "yen", "©": "(c)", "®": "(r)", "™": "tm", "♥": "love", "∞": "infinity", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH",
    ]

    /// npm `slugify` with `lower: true`: known symbols spelled out, accents dropped, characters other
    /// than letters, digits, whitespace and `$*_+~.()'"!-:@` removed, whitespace runs become `-`.
    public static func slug(_ text: String) -> String {
        var kept = ""
        for character in text {
            let mapped = slugCharacters[character] ?? (character.isASCII ? String(character) : stripAccents(character))
            for c in mapped where c.isLetter || c.isNumber || c == "_" || c.isWhitespace || "$*+~.()'\"!-:@".contains(c) {
                kept.append(c == "-" ? " " : c)
            }
        }
        let words = kept.split(whereSeparator: { $0.isWhitespace })
        return words.joined(separator: "-").lowercased()
    }
}
