import Foundation

/// Member access as JavaScript gives it to Nunjucks templates: object properties, `length`, array
/// indexes, and the common methods of strings, arrays, numbers and dates (`title.startsWith("A")`,
/// `tags.includes("x")`, `page.date.getFullYear()`).
extension TemplateValue {
    /// A name for the kind of value, for diagnostics.
    public var typeName: String {
        switch self {
        case .undefined: "undefined"
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string, .safe: "a string"
        case .date: "a date"
        case .array: "an array"
        case .object: "an object"
        case .function: "a function"
        }
    }

    /// The member `key` of a parsed template: an object's is found by the hash computed when parsing.
    func member(_ key: TemplateKey) -> TemplateValue {
        if case .object(let object) = self { return object[key] ?? .undefined }
        return member(key.name)
    }

    /// `self.member.then` of a parsed template, without copying the middle value when it is an
    /// object's (the storage is read where it is: collection items' `item.data.title`).
    func member(_ member: TemplateKey, _ then: TemplateKey) -> TemplateValue {
        if case .object(let object) = self, let value = object.member(of: member, then) { return value }
        return self.member(member).member(then)
    }

    /// The member `name`, or undefined; never an error, as in Nunjucks.
    public func member(_ name: String) -> TemplateValue {
        switch self {
        case .object(let object):
            return object[name] ?? .undefined
        case .array(let items):
            if name == "length" { return .number(Double(items.count)) }
            if let index = Int(name) { return items.indices.contains(index) ? items[index] : .undefined }
            return arrayMethod(items, name)
        case .string(let s), .safe(let s):
            if name == "length" { return .number(Double(s.utf16.count)) }
            if let index = Int(name) {
                let units = Array(s.utf16)
                return units.indices.contains(index) ? .string(String(decoding: [units[index]], as: UTF16.self)) : .undefined
            }
            return stringMethod(s, name)
        case .number(let n):
            return numberMethod(n, name)
        case .date(let d):
            return dateMethod(d, name)
        case .function(let function):
            return function.member(name) ?? .undefined
        default:
            return .undefined
        }
    }

    private static func method(_ name: String, _ body: @escaping @Sendable (TemplateArguments) throws -> TemplateValue) -> TemplateValue {
        .function(TemplateFunction(name: name, call: body))
    }

    private func stringMethod(_ s: String, _ name: String) -> TemplateValue {
        switch name {
        case "toUpperCase": return Self.method(name) { _ in .string(s.uppercased()) }
        case "toLowerCase": return Self.method(name) { _ in .string(s.lowercased()) }
        case "trim": return Self.method(name) { _ in .string(s.trimmingCharacters(in: .whitespacesAndNewlines)) }
        case "trimStart": return Self.method(name) { _ in .string(String(s.drop { $0.isWhitespace })) }
        case "trimEnd": return Self.method(name) { _ in .string(String(s.reversed().drop { $0.isWhitespace }.reversed())) }
        case "toString", "valueOf": return Self.method(name) { _ in .string(s) }
        case "startsWith": return Self.method(name) { a in .bool(s.hasPrefix(a.value(at: 0).stringValue)) }
        case "endsWith": return Self.method(name) { a in .bool(s.hasSuffix(a.value(at: 0).stringValue)) }
        case "includes":
            return Self.method(name) { a in
                let needle = a.value(at: 0).stringValue
                return .bool(TemplateText.contains(s, needle))
            }
        case "indexOf":
            return Self.method(name) { a in
                let needle = Array(a.value(at: 0).stringValue.utf16), hay = Array(s.utf16)
                return .number(Double(Self.indexOf(needle, in: hay) ?? -1))
            }
        case "split":
            return Self.method(name) { a in
                let separator = a.value(at: 0)
                if separator.isNullish { return .array([.string(s)]) }
                let sep = separator.stringValue
                if sep.isEmpty { return .array(s.map { .string(String($0)) }) }
                return .array(s.components(separatedBy: sep).map { .string($0) })
            }
        case "replace", "replaceAll":
            return Self.method(name) { a in
                let old = a.value(at: 0).stringValue, new = a.value(at: 1).stringValue
                if old.isEmpty { return .string(name == "replaceAll" ? NunjucksFilters.replace(in: s, old, with: new, limit: Int.max) : new + s) }
                return .string(TemplateText.replace(old, with: new, in: s, limit: name == "replaceAll" ? Int.max : 1))
            }
        case "slice", "substring":
            return Self.method(name) { a in
                let units = Array(s.utf16)
                let (start, end) = Self.sliceBounds(count: units.count, a.value(at: 0), a.value(at: 1), clampNegative: name == "substring")
                return .string(String(decoding: start < end ? Array(units[start..<end]) : [], as: UTF16.self))
            }
        case "charAt":
            return Self.method(name) { a in
                let units = Array(s.utf16), i = Self.integer(a.value(at: 0).numberValue)
                return .string(units.indices.contains(i) ? String(decoding: [units[i]], as: UTF16.self) : "")
            }
        case "padStart", "padEnd":
            return Self.method(name) { a in
                let width = Self.integer(a.value(at: 0).numberValue)
                try Self.checkSize(width)
                let fill = a.value(at: 1).isNullish ? " " : a.value(at: 1).stringValue
                guard s.count < width, !fill.isEmpty else { return .string(s) }
                let padding = String(String(repeating: fill, count: width).prefix(width - s.count))
                return .string(name == "padStart" ? padding + s : s + padding)
            }
        case "concat":
            return Self.method(name) { a in .string(s + a.positional.map(\.stringValue).joined()) }
        case "repeat":
            return Self.method(name) { a in
                let count = max(0, Self.integer(a.value(at: 0).numberValue))
                try Self.checkSize(count * s.utf8.count)
                return .string(String(repeating: s, count: count))
            }
        default:
            return .undefined
        }
    }

    private func arrayMethod(_ items: [TemplateValue], _ name: String) -> TemplateValue {
        switch name {
        case "includes": return Self.method(name) { a in .bool(items.contains { $0.strictlyEquals(a.value(at: 0)) }) }
        case "indexOf": return Self.method(name) { a in .number(Double(items.firstIndex { $0.strictlyEquals(a.value(at: 0)) } ?? -1)) }
        case "join":
            return Self.method(name) { a in
                let separator = a.value(at: 0).isNullish ? "," : a.value(at: 0).stringValue
                return .string(items.map(\.stringValue).joined(separator: separator))
            }
        case "slice":
            return Self.method(name) { a in
                let (start, end) = Self.sliceBounds(count: items.count, a.value(at: 0), a.value(at: 1), clampNegative: false)
                return .array(start < end ? Array(items[start..<end]) : [])
            }
        case "concat":
            return Self.method(name) { a in
                var result = items
                for value in a.positional {
                    if case .array(let more) = value { result += more } else { result.append(value) }
                }
                return .array(result)
            }
        case "reverse": return Self.method(name) { _ in .array(items.reversed()) }
        case "toString": return Self.method(name) { _ in .string(TemplateValue.array(items).stringValue) }
        default: return .undefined
        }
    }

    private func numberMethod(_ n: Double, _ name: String) -> TemplateValue {
        switch name {
        case "toFixed":
            return Self.method(name) { a in
                let digits = max(0, min(100, Self.integer(a.value(at: 0).numberValue)))
                return .string(String(format: "%.\(digits)f", n))
            }
        case "toString": return Self.method(name) { _ in .string(TemplateValue.format(number: n)) }
        default: return .undefined
        }
    }

    private func dateMethod(_ d: Date, _ name: String) -> TemplateValue {
        let parts = TemplateDateParts(d)
        switch name {
        case "getFullYear", "getUTCFullYear": return Self.method(name) { _ in .number(Double(parts.year)) }
        case "getMonth", "getUTCMonth": return Self.method(name) { _ in .number(Double(parts.month - 1)) }
        case "getDate", "getUTCDate": return Self.method(name) { _ in .number(Double(parts.day)) }
        case "getDay", "getUTCDay": return Self.method(name) { _ in .number(Double(parts.weekday)) }
        case "getHours", "getUTCHours": return Self.method(name) { _ in .number(Double(parts.hour)) }
        case "getMinutes", "getUTCMinutes": return Self.method(name) { _ in .number(Double(parts.minute)) }
        case "getTime", "valueOf": return Self.method(name) { _ in .number((d.timeIntervalSince1970 * 1000).rounded()) }
        case "toISOString", "toJSON": return Self.method(name) { _ in .string(TemplateValue.isoString(d)) }
        case "toString": return Self.method(name) { _ in .string(TemplateValue.javaScriptDateString(d)) }
        default: return .undefined
        }
    }

    static func indexOf(_ needle: [UInt16], in hay: [UInt16]) -> Int? {
        if needle.isEmpty { return 0 }
        guard needle.count <= hay.count else { return nil }
        for start in 0...(hay.count - needle.count) where hay[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// Start and end of JavaScript's `slice(start, end)` (negative counts from the end) or
    /// `substring` (negative is zero).
    static func sliceBounds(count: Int, _ startValue: TemplateValue, _ endValue: TemplateValue, clampNegative: Bool) -> (Int, Int) {
        func resolve(_ value: TemplateValue, _ fallback: Int) -> Int {
            if case .undefined = value { return fallback }
            let n = value.numberValue
            if n.isNaN { return 0 }
            let i = n.isInfinite ? (n > 0 ? count : -count) : integer(n)
            if i < 0 { return clampNegative ? 0 : max(0, count + i) }
            return min(i, count)
        }
        let start = resolve(startValue, 0), end = resolve(endValue, count)
        if clampNegative, start > end { return (end, start) }
        return (start, end)
    }
}
