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
        // Most titles are ASCII: slugged in one pass over their bytes.
        var input = text
        if let slug = input.withUTF8(slugify(ascii:)) { return slug }
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

    /// `slugify` of ASCII bytes, written into a buffer on the stack and made a string once; nil when
    /// a byte is not ASCII (then the characters are transliterated first).
    private static func slugify(ascii bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        // At most four bytes out for one in (`&` becomes `-and`).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * bytes.count + 1) { out -> String in
            var count = 0
            var pendingDash = false
            for byte in bytes {
                var letter = byte
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte + 32
                case UInt8(ascii: "&"):
                    if count > 0 {
                        out[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    for byte in "and".utf8 {
                        out[count] = byte
                        count += 1
                    }
                    pendingDash = true
                    continue
                default:
                    pendingDash = true
                    continue
                }
                if pendingDash, count > 0 {
                    out[count] = UInt8(ascii: "-")
                    count += 1
                }
                pendingDash = false
                out[count] = letter
                count += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<count]), as: UTF8.self)
        }
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
