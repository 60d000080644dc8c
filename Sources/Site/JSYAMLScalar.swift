import Foundation
import Templates
import Yams

/// Plain YAML scalars resolved as js-yaml 3 resolves them (the parser behind gray-matter, and so
/// behind every Eleventy front matter), not as Yams's YAML 1.1 resolver does.
///
/// Where the two differ: `yes`/`no`/`on`/`off` stay strings (only `true`/`false` in three casings
/// are booleans); `0755` is octal (493); `1:30` is sexagesimal (90); `2023-12-01` is midnight UTC and
/// a timestamp without a zone is UTC; `~`, `null` and the empty scalar are null.
enum JSYAMLScalar {
    static func resolve(_ text: String) -> TemplateValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return .null }
        // Only scalars that start like a number or a date can be anything but a string.
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || (first >= 0x30 && first <= 0x39) else { return .string(text) }
        if let int = integer(bytes) { return .number(int) }
        if let float = float(text, bytes) { return .number(float) }
        if let date = timestamp(bytes) { return .date(date) }
        return .string(text)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// js-yaml's int: decimal with `_`, `0b` binary, `0x` hex, leading-zero octal, sexagesimal.
    static func integer(_ bytes: [UInt8]) -> Double? {
        var index = 0
        var sign = 1.0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            if bytes[0] == UInt8(ascii: "-") { sign = -1 }
            index = 1
        }
        guard index < bytes.count else { return nil }
        let rest = bytes[index...]
        func digits(_ slice: ArraySlice<UInt8>, radix: Int) -> Double? {
            var value = 0.0
            var any = false
            for c in slice {
                if c == UInt8(ascii: "_") { continue }
                let d: Int
                switch c {
                case 0x30...0x39: d = Int(c - 0x30)
                case 0x61...0x66: d = Int(c - 0x61 + 10)
                case 0x41...0x46: d = Int(c - 0x41 + 10)
                default: return nil
                }
                guard d < radix else { return nil }
                value = value * Double(radix) + Double(d)
                any = true
            }
            return any ? value : nil
        }
        if rest.first == UInt8(ascii: "0") {
            if rest.count == 1 { return 0 }
            let second = rest[rest.startIndex + 1]
            if second == UInt8(ascii: "b") { return digits(rest.dropFirst(2), radix: 2).map { $0 * sign } }
            if second == UInt8(ascii: "x") { return digits(rest.dropFirst(2), radix: 16).map { $0 * sign } }
            return digits(rest.dropFirst(), radix: 8).map { $0 * sign }
        }
        if rest.contains(UInt8(ascii: ":")) {
            // Sexagesimal: [1-9][0-9_]*(:[0-5]?[0-9])+
            let parts = rest.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard let head = parts.first, let headFirst = head.first, headFirst != UInt8(ascii: "0"),
                  var value = digits(head, radix: 10) else { return nil }
            for part in parts.dropFirst() {
                guard (1...2).contains(part.count), part.allSatisfy(isDigit) else { return nil }
                if part.count == 2, part[part.startIndex] > UInt8(ascii: "5") { return nil }
                value = value * 60 + Double(Int(String(decoding: part, as: UTF8.self)) ?? 0)
            }
            return value * sign
        }
        guard rest.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }), let firstDigit = rest.first, isDigit(firstDigit) else { return nil }
        return digits(rest, radix: 10).map { $0 * sign }
    }

    /// js-yaml's float: `1.5`, `1e3`, `.5`, `1_000.5`, sexagesimal with a fraction.
    static func float(_ text: String, _ bytes: [UInt8]) -> Double? {
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        var cleaned = ""
        var sawDigit = false, sawDot = false, sawExponent = false
        var i = index
        // Integer part: 0 or [1-9][0-9_]*; or empty when the scalar starts with '.'.
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            sawDigit = true
            if i < bytes.count, isDigit(bytes[i]) { return nil }
        } else {
            while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_") {
                if bytes[i] != UInt8(ascii: "_") { sawDigit = true }
                i += 1
            }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            sawDot = true
            i += 1
            while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_") { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            guard sawDigit else { return nil }
            sawExponent = true
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i == bytes.count, sawDigit || sawDot, !(index == 0 && !sawDigit && !sawDot) else { return nil }
        if !sawDigit && sawDot && bytes.count - index == 1 { return nil }  // a lone "."
        _ = sawExponent
        cleaned = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        return Double(cleaned)
    }

    /// js-yaml's timestamp: `YYYY-MM-DD` at midnight UTC, or a date and time with an optional zone
    /// (UTC when absent).
    static func timestamp(_ b: [UInt8]) -> Date? {
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count, !range.isEmpty else { return nil }
            var value = 0
            for i in range {
                guard isDigit(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard b.count >= 8, let year = number(0..<4), b[4] == UInt8(ascii: "-") else { return nil }
        var i = 5
        func digits(max: Int) -> Int? {
            let start = i
            while i < b.count, i - start < max, isDigit(b[i]) { i += 1 }
            return number(start..<i)
        }
        if b.count == 10, b[7] == UInt8(ascii: "-"), let month = number(5..<7), let day = number(8..<10) {
            return date(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, fraction: 0, offsetMinutes: 0)
        }
        guard let month = digits(max: 2), i < b.count, b[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = digits(max: 2), i < b.count else { return nil }
        if b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") {
            i += 1
        } else {
            let start = i
            while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") { i += 1 }
            guard i > start else { return nil }
        }
        guard let hour = digits(max: 2), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = number(i..<(i + 2)) else { return nil }
        i += 2
        guard i < b.count, b[i] == UInt8(ascii: ":"), let second = number((i + 1)..<(i + 3)) else { return nil }
        i += 3
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < b.count, isDigit(b[i]) {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            fraction = (fraction * 1000).rounded(.down) / 1000  // JavaScript dates keep milliseconds
        }
        while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") { i += 1 }
        var offset = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let tzHour = digits(max: 2) else { return nil }
                var tzMinute = 0
                if i < b.count, b[i] == UInt8(ascii: ":") {
                    guard let m = number((i + 1)..<(i + 3)) else { return nil }
                    tzMinute = m
                    i += 3
                }
                offset = sign * (tzHour * 60 + tzMinute)
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        return date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction, offsetMinutes: offset)
    }

    /// `Date.UTC(...)` as JavaScript computes it, months and days rolling over as they do there.
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double, offsetMinutes: Int) -> Date {
        var y = year, m = month - 1
        y += m >= 0 ? m / 12 : -((11 - m) / 12)
        m = ((m % 12) + 12) % 12
        let days = daysFromCivil(year: y, month: m + 1, day: 1) + (day - 1)
        let seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + second) + fraction - Double(offsetMinutes * 60)
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension TemplateValue {
    /// A YAML node as template data, as gray-matter and js-yaml 3 read it: plain scalars resolve by
    /// js-yaml's rules, quoted ones are strings, merge keys (`<<`) merge, aliases are followed.
    init(yaml node: Node) {
        self = Self.convert(node, depth: 0)
    }

    private static func convert(_ node: Node, depth: Int) -> TemplateValue {
        guard depth < 200 else { return .null }
        switch node {
        case .scalar(let scalar):
            // Parsed with Yams's basic resolver (no YAML 1.1 rules); js-yaml's rules apply here.
            if scalar.style != .plain { return .string(scalar.string) }
            return JSYAMLScalar.resolve(scalar.string)
        case .mapping(let mapping):
            var object = TemplateObject()
            var merged: [TemplateObject] = []
            for (key, value) in mapping {
                if key.scalar?.style == .plain, key.string == "<<" {
                    switch value {
                    case .mapping:
                        if case .object(let o) = convert(value, depth: depth + 1) { merged.append(o) }
                    case .sequence(let items):
                        for item in items { if case .object(let o) = convert(item, depth: depth + 1) { merged.append(o) } }
                    default: break
                    }
                    continue
                }
                let name: String
                if let scalar = key.scalar {
                    name = scalar.style == .plain ? convert(key, depth: depth + 1).keyString : scalar.string
                } else {
                    name = "[object Object]"
                }
                object[name] = convert(value, depth: depth + 1)
            }
            for source in merged {
                for (key, value) in source.pairs where object[key] == nil { object[key] = value }
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map { convert($0, depth: depth + 1) })
        case .alias:
            return .null
        }
    }

    /// The most values a YAML document may expand to. Aliases are shared in YAML but copied here, so
    /// a few lines of nested aliases ("billion laughs") could otherwise take minutes and gigabytes.
    static let maximumYAMLValues = 1_000_000

    /// Whether a YAML node, with its aliases expanded, stays within `limit` values. Visits at most
    /// `limit` nodes.
    static func yamlFits(_ node: Node, limit: Int = maximumYAMLValues) -> Bool {
        var budget = limit
        func visit(_ node: Node, depth: Int) -> Bool {
            budget -= 1
            guard budget >= 0 else { return false }
            guard depth < 200 else { return true }
            switch node {
            case .scalar, .alias: return true
            case .mapping(let mapping):
                for (key, value) in mapping where !visit(key, depth: depth + 1) || !visit(value, depth: depth + 1) { return false }
                return true
            case .sequence(let sequence):
                for item in sequence where !visit(item, depth: depth + 1) { return false }
                return true
            }
        }
        return visit(node, depth: 0)
    }

    /// A value as a JavaScript object key: `String(value)`, with dates as JavaScript writes them.
    var keyString: String {
        switch self {
        case .null: "null"
        case .date(let d): JSDate.isoString(d)
        default: stringValue
        }
    }
}
