import Foundation

/// Dates for the GOV.UK plugin's filters: reading dates from values and writing them with Luxon's
/// format tokens, always in UTC and in English (en-GB), as the plugin does.
enum TemplateDateFormat {
    /// A date from a value: a date, milliseconds since 1970, an ISO 8601 string, or `"now"`.
    static func date(from value: TemplateValue) -> Date? {
        switch value {
        case .date(let d): return d
        case .number(let n): return abs(n) <= 8.64e15 ? Date(timeIntervalSince1970: n / 1000) : nil
        case .string(let s), .safe(let s):
            if s == "now" { return Date() }
            return parseISO(s)
        default: return nil
        }
    }

    /// `YYYY-MM-DD`, optionally with `THH:MM[:SS[.sss]]` and `Z` or `±HH:MM`; no zone means UTC.
    static func parseISO(_ text: String) -> Date? {
        let b = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var n = 0
            for k in i..<(i + digits) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                n = n * 10 + Int(b[k] - 0x30)
            }
            i += digits
            return n
        }
        func skip(_ c: UInt8) -> Bool {
            if i < b.count, b[i] == c { i += 1; return true }
            return false
        }
        guard let year = number(4), skip(UInt8(ascii: "-")), let month = number(2), skip(UInt8(ascii: "-")), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, millisecond = 0, offsetMinutes = 0
        if skip(UInt8(ascii: "T")) || skip(UInt8(ascii: " ")) {
            guard let h = number(2), skip(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h; minute = m
            if skip(UInt8(ascii: ":")) {
                guard let s = number(2) else { return nil }
                second = s
                if skip(UInt8(ascii: ".")) {
                    let start = i
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                    let digits = String(decoding: b[start..<min(i, start + 3)], as: UTF8.self)
                    millisecond = (Int(digits) ?? 0) * [1, 100, 10, 1][min(3, digits.count)]
                }
            }
            if skip(UInt8(ascii: "Z")) {
            } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = skip(UInt8(ascii: ":"))
                let om = number(2) ?? 0
                offsetMinutes = sign * (oh * 60 + om)
            }
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year, month, day)
        let seconds = Double(days) * 86400 + Double(hour * 3600 + minute * 60 + second - offsetMinutes * 60) + Double(millisecond) / 1000
        return Date(timeIntervalSince1970: seconds)
    }

    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Formats with Luxon tokens (`d LLLL yyyy`, `d MMM y`, `HH:mm`, `'quoted text'`).
    ///
    /// Lists and feeds format a date per post, so an ASCII pattern (every built-in one) is read and
    /// written byte by byte into one buffer; others go through `formatCharacters`, by `Character`.
    /// Both walk the pattern the same way and write each token with `appendToken`.
    static func format(_ date: Date, _ pattern: String) -> String {
        var pattern = pattern
        let written: String? = pattern.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return format(TemplateDateParts(date), ascii: bytes)
        }
        return written ?? formatCharacters(date, pattern)
    }

    /// The byte-wise `format` of an ASCII pattern.
    private static func format(_ p: TemplateDateParts, ascii pattern: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TemplateDateBytes.capacity(forPatternBytes: pattern.count)) { buffer in
            var out = TemplateDateBytes(buffer)
            format(p, ascii: pattern, into: &out)
            return out.string
        }
    }

    private static func format(_ p: TemplateDateParts, ascii pattern: UnsafeBufferPointer<UInt8>, into out: inout TemplateDateBytes) {
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            if c == UInt8(ascii: "'") {
                var j = i + 1
                while j < pattern.count, pattern[j] != UInt8(ascii: "'") { out.append(pattern[j]); j += 1 }
                i = j + 1
                continue
            }
            var run = 1
            while i + run < pattern.count, pattern[i + run] == c { run += 1 }
            i += run
            if !appendToken(c, run: run, p, to: &out) {
                for _ in 0..<run { out.append(c) }
            }
        }
    }

    /// `format` by `Character`, for patterns with non-ASCII text (a token letter followed by a
    /// combining mark is then one character, not a token).
    static func formatCharacters(_ date: Date, _ pattern: String) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TemplateDateBytes.capacity(forPatternBytes: pattern.utf8.count)) { buffer in
            var out = TemplateDateBytes(buffer)
            formatCharacters(TemplateDateParts(date), Array(pattern), into: &out)
            return out.string
        }
    }

    private static func formatCharacters(_ p: TemplateDateParts, _ characters: [Character], into out: inout TemplateDateBytes) {
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "'" {
                var j = i + 1
                while j < characters.count, characters[j] != "'" { out.append(contentsOf: characters[j].utf8); j += 1 }
                i = j + 1
                continue
            }
            var run = 1
            while i + run < characters.count, characters[i + run] == c { run += 1 }
            i += run
            if let letter = c.asciiValue, appendToken(letter, run: run, p, to: &out) { continue }
            for _ in 0..<run { out.append(contentsOf: c.utf8) }
        }
    }

    /// Writes the token made of `run` repeats of `letter`; false when it is not a token (the caller
    /// then writes the letters as they are).
    private static func appendToken(_ letter: UInt8, run: Int, _ p: TemplateDateParts, to out: inout TemplateDateBytes) -> Bool {
        func number(_ n: Int, width: Int = 1) { appendNumber(n, width: width, to: &out) }
        func text(_ s: String) { out.append(contentsOf: s.utf8) }
        switch (letter, run) {
        case (UInt8(ascii: "d"), 1): number(p.day)
        case (UInt8(ascii: "d"), _): number(p.day, width: 2)
        case (UInt8(ascii: "M"), 1), (UInt8(ascii: "L"), 1): number(p.month)
        case (UInt8(ascii: "M"), 2), (UInt8(ascii: "L"), 2): number(p.month, width: 2)
        case (UInt8(ascii: "M"), 3), (UInt8(ascii: "L"), 3): text(TemplateDateParts.shortMonths[p.month - 1])
        case (UInt8(ascii: "M"), _), (UInt8(ascii: "L"), _): text(TemplateDateParts.longMonths[p.month - 1])
        case (UInt8(ascii: "y"), 2): number(p.year % 100, width: 2)
        case (UInt8(ascii: "y"), 4): number(p.year, width: 4)
        case (UInt8(ascii: "y"), _): number(p.year)
        case (UInt8(ascii: "E"), 3), (UInt8(ascii: "c"), 3): text(TemplateDateParts.shortWeekdays[p.weekday])
        case (UInt8(ascii: "E"), 4...), (UInt8(ascii: "c"), 4...): text(TemplateDateParts.longWeekdays[p.weekday])
        case (UInt8(ascii: "E"), _), (UInt8(ascii: "c"), _): number(p.weekday == 0 ? 7 : p.weekday)
        case (UInt8(ascii: "H"), 1): number(p.hour)
        case (UInt8(ascii: "H"), _): number(p.hour, width: 2)
        case (UInt8(ascii: "h"), 1): number(p.hour % 12 == 0 ? 12 : p.hour % 12)
        case (UInt8(ascii: "h"), _): number(p.hour % 12 == 0 ? 12 : p.hour % 12, width: 2)
        case (UInt8(ascii: "m"), 1): number(p.minute)
        case (UInt8(ascii: "m"), _): number(p.minute, width: 2)
        case (UInt8(ascii: "s"), 1): number(p.second)
        case (UInt8(ascii: "s"), _): number(p.second, width: 2)
        case (UInt8(ascii: "S"), 3): number(p.millisecond, width: 3)
        case (UInt8(ascii: "S"), _): number(p.millisecond)
        case (UInt8(ascii: "a"), _): text(p.hour < 12 ? "am" : "pm")
        case (UInt8(ascii: "Z"), 1): text("+0")
        case (UInt8(ascii: "Z"), 2): text("+00:00")
        case (UInt8(ascii: "Z"), _): text("UTC")
        case (UInt8(ascii: "z"), _): text("UTC")
        default: return false
        }
        return true
    }

    /// Writes `n` in decimal, zero-padded to `width` as `TemplateValue.pad` pads: the sign counts as
    /// a digit, and zeros go before it.
    private static func appendNumber(_ n: Int, width: Int, to out: inout TemplateDateBytes) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for any Int's digits.
        var count = 0
        var magnitude = n.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
        }
        let signWidth = n < 0 ? 1 : 0
        if count + signWidth < width {
            for _ in 0..<(width - count - signWidth) { out.append(UInt8(ascii: "0")) }
        }
        if n < 0 { out.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { buffer in
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}
