import Foundation

/// JavaScript semantics for template values: conversions, equality, ordering and arithmetic, as
/// Nunjucks gets them from the JavaScript it compiles to.
extension TemplateValue {
    /// JavaScript's `Number(value)`.
    public var numberValue: Double {
        switch self {
        case .undefined: return .nan
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .number(let n): return n
        case .string(let s), .safe(let s): return Self.parseNumber(s)
        case .date(let d): return (d.timeIntervalSince1970 * 1000).rounded()
        case .array(let items):
            if items.isEmpty { return 0 }
            if items.count == 1 { return items[0].numberValue }
            return .nan
        case .object, .function: return .nan
        }
    }

    static func parseNumber(_ text: String) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return 0 }
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            return UInt64(trimmed.dropFirst(2), radix: 16).map(Double.init) ?? .nan
        }
        if trimmed == "Infinity" || trimmed == "+Infinity" { return .infinity }
        if trimmed == "-Infinity" { return -.infinity }
        // Double(_:) accepts "nan", "inf" and hex floats, which JavaScript does not.
        guard trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D || $0 == 0x65 || $0 == 0x45 }) else {
            return .nan
        }
        return Double(trimmed) ?? .nan
    }

    /// Whether the value is a string (safe or not).
    var isString: Bool {
        switch self {
        case .string, .safe: true
        default: false
        }
    }

    /// Whether the value is `undefined` or `null`.
    public var isNullish: Bool {
        switch self {
        case .undefined, .null: true
        default: false
        }
    }

    private var isPrimitive: Bool {
        switch self {
        case .array, .object, .function, .date: false
        default: true
        }
    }

    /// The value converted to a primitive, as JavaScript's `ToPrimitive` does for `==` and `+`.
    private var primitive: TemplateValue {
        switch self {
        case .array, .object, .function: .string(stringValue)
        case .date: .string(stringValue)
        default: self
        }
    }

    /// JavaScript's `===`. Arrays and objects compare by content: template values have no identity.
    public func strictlyEquals(_ other: TemplateValue) -> Bool {
        switch (self, other) {
        case (.undefined, .undefined), (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)), (.safe(let a), .safe(let b)), (.string(let a), .safe(let b)), (.safe(let a), .string(let b)):
            return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.strictlyEquals($1) }
        case (.object(let a), .object(let b)):
            return a.keys == b.keys && a.keys.allSatisfy { (a[$0] ?? .undefined).strictlyEquals(b[$0] ?? .undefined) }
        case (.function(let a), .function(let b)): return a.name == b.name
        default: return false
        }
    }

    /// JavaScript's `==`.
    public func looselyEquals(_ other: TemplateValue) -> Bool {
        if isNullish || other.isNullish { return isNullish && other.isNullish }
        if isPrimitive && other.isPrimitive {
            switch (self, other) {
            case (.string, .string), (.safe, .safe), (.string, .safe), (.safe, .string), (.number, .number), (.bool, .bool):
                return strictlyEquals(other)
            default:
                return numberValue == other.numberValue
            }
        }
        if !isPrimitive && !other.isPrimitive { return strictlyEquals(other) }
        return primitive.looselyEquals(other.primitive)
    }

    /// JavaScript's `<`, `>`, `<=`, `>=`: strings by UTF-16 code units, everything else as numbers.
    func compare(_ other: TemplateValue, _ op: TemplateBinaryOperator) -> Bool {
        let a = primitive, b = other.primitive
        if a.isString && b.isString {
            let left = a.stringValue, right = b.stringValue
            switch op {
            case .less: return TemplateText.precedesInUTF16(left, right)
            case .greater: return TemplateText.precedesInUTF16(right, left)
            case .lessOrEqual: return !TemplateText.precedesInUTF16(right, left)
            default: return !TemplateText.precedesInUTF16(left, right)
            }
        }
        let x = a.numberValue, y = b.numberValue
        switch op {
        case .less: return x < y
        case .greater: return x > y
        case .lessOrEqual: return x <= y
        default: return x >= y
        }
    }

    /// JavaScript's `+`: concatenation when either side is a string (after `ToPrimitive`).
    func plus(_ other: TemplateValue) -> TemplateValue {
        let a = primitive, b = other.primitive
        if a.isString || b.isString { return .string(a.stringValue + b.stringValue) }
        return .number(a.numberValue + b.numberValue)
    }

    /// An ordering for sorting: numbers numerically, strings by code units, numbers before strings.
    static func sortOrder(_ a: TemplateValue, _ b: TemplateValue, caseSensitive: Bool) -> Bool {
        if a.isString || b.isString {
            var left = a.stringValue, right = b.stringValue
            if !caseSensitive { left = left.lowercased(); right = right.lowercased() }
            if case .number = a, !b.isNumber { return true }
            if case .number = b, !a.isNumber { return false }
            return TemplateText.precedesInUTF16(left, right)
        }
        return a.compare(b, .less)
    }

    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    // MARK: Text

    /// The string with `& < > " '` (and `\`, as Nunjucks does) replaced by entities.
    /// Whether `escape` replaces this byte (`& < > " ' \`): one bit of two constant words, so that
    /// scanning a string that needs no escaping (most do not) is a shift and a test a byte.
    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        // Bits 0x22, 0x26, 0x27, 0x3C and 0x3E of the first 64 byte values; 0x5C of the next 64.
        let low: UInt64 = (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C) | (1 << 0x3E)
        let high: UInt64 = 1 << (0x5C - 64)
        if byte < 64 { return (low >> UInt64(byte)) & 1 != 0 }
        if byte < 128 { return (high >> UInt64(byte - 64)) & 1 != 0 }
        return false
    }

    /// The position of the first byte from `start` that `escape` replaces, or nil. Eight bytes at a
    /// time: one test for each of `"`, `&` or `'`, `<` or `>`, and `\` says whether any of the eight
    /// is one (a byte of the word, masked and compared, is zero), about three instructions a byte
    /// where testing each byte took seven; a word with one is then read byte by byte.
    static func firstNeedingEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start >= 0 else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        var offset = start
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let ampersandOrApostrophe = (word & (ones &* 0xFE)) ^ (ones &* 0x26)
            let angle = (word & (ones &* 0xFD)) ^ (ones &* 0x3C)
            let backslash = word ^ (ones &* 0x5C)
            // (x - 1) & ~x has the high bit of a byte set where x has a zero byte (and only past one).
            let zeros = ((quote &- ones) & ~quote) | ((ampersandOrApostrophe &- ones) & ~ampersandOrApostrophe)
                | ((angle &- ones) & ~angle) | ((backslash &- ones) & ~backslash)
            if zeros & (ones &* 0x80) != 0 { break }
            offset += 8
        }
        while offset < count {
            if needsEscaping(base[offset]) { return offset }
            offset += 1
        }
        return nil
    }

    /// The value as Nunjucks' `escape` filter gives it: a safe value as it is, anything else as its
    /// text (nothing for `undefined` and `null`) with `& < > " ' \` escaped, marked safe. Public so
    /// that a filter handing a template ready-made HTML escapes as `escape` would.
    public var escaped: TemplateValue {
        if case .safe = self { return self }
        return .safe(Self.escapeHTML(isNullish ? "" : stringValue))
    }

    public static func escapeHTML(_ text: String) -> String {
        var text = text
        // Over the UTF-8 buffer: most strings need no escaping and are returned as they are.
        return text.withUTF8 { bytes -> String? in
            guard let first = firstNeedingEscape(in: bytes, from: 0) else {
                return nil
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for b in bytes[first...] {
                switch b {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                case 0x5C: out.append(contentsOf: "&#92;".utf8)
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// The value as `{{ }}` writes it: nothing for undefined and null, escaped when `autoescape` is on
    /// and the value is not marked safe.
    public func rendered(autoescape: Bool) -> String {
        switch self {
        case .safe(let s): return s
        case .string(let s): return autoescape ? Self.escapeHTML(s) : s
        default: return autoescape ? Self.escapeHTML(stringValue) : stringValue
        }
    }

    /// A date as JavaScript's `Date.prototype.toString` writes it, in UTC.
    static func javaScriptDateString(_ date: Date) -> String {
        let parts = TemplateDateParts(date)
        let weekday = TemplateDateParts.shortWeekdays[parts.weekday]
        let month = TemplateDateParts.shortMonths[parts.month - 1]
        return "\(weekday) \(month) \(pad(parts.day)) \(parts.year) \(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)) GMT+0000 (Coordinated Universal Time)"
    }

    /// A number as an `Int` for counts and positions: truncated, NaN as `fallback`, and clamped to
    /// ±1,000,000,000 so that no input can trap the conversion.
    static func integer(_ n: Double, default fallback: Int = 0) -> Int {
        if n.isNaN { return fallback }
        return Int(max(-1_000_000_000, min(1_000_000_000, n.rounded(.towardZero))))
    }

    /// Refuses results that would be absurdly large (`'x'.repeat(1e9)`), which would exhaust memory.
    static func checkSize(_ count: Int) throws {
        if count > 10_000_000 { throw TemplateCallError("result would be \(count) characters long; the limit is 10,000,000") }
    }

    static func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// A date as JavaScript's `toISOString` writes it.
    static func isoString(_ date: Date) -> String {
        let p = TemplateDateParts(date)
        return "\(pad(p.year, 4))-\(pad(p.month))-\(pad(p.day))T\(pad(p.hour)):\(pad(p.minute)):\(pad(p.second)).\(pad(p.millisecond, 3))Z"
    }
}

/// The calendar fields of a date in UTC (proleptic Gregorian), computed without a `Calendar`.
struct TemplateDateParts {
    var year: Int, month: Int, day: Int
    var hour: Int, minute: Int, second: Int, millisecond: Int
    /// 0 is Sunday, as in JavaScript.
    var weekday: Int

    static let shortWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let longMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    init(_ date: Date) {
        let clamped = max(-8.64e15, min(8.64e15, date.timeIntervalSince1970 * 1000))  // JavaScript's Date range
        let totalMilliseconds = Int64(clamped.isNaN ? 0 : clamped.rounded(.down))
        var days = totalMilliseconds / 86_400_000
        var msOfDay = totalMilliseconds % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        hour = Int(msOfDay / 3_600_000)
        minute = Int(msOfDay / 60_000 % 60)
        second = Int(msOfDay / 1000 % 60)
        millisecond = Int(msOfDay % 1000)
        weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
        (year, month, day) = CivilDate.fromDays(Int(days))
    }
}
