import Foundation

/// A value a template reads, computes or renders: what JavaScript values are to Nunjucks.
///
/// The site's data cascade (YAML, JSON, front matter) is made of these too, so that data reaches
/// a template without conversion.
public enum TemplateValue: Sendable {
    /// A name that is not defined; renders as nothing, and a member of it is undefined too.
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// A string marked safe: never escaped again.
    case safe(String)
    /// A JavaScript `Date`, as Eleventy's `page.date`.
    case date(Date)
    case array([TemplateValue])
    case object(TemplateObject)
    /// A macro, a global function or a `caller`.
    case function(TemplateFunction)
}

/// An object with its keys in insertion order, as JavaScript objects keep them.
///
/// Keys and values are kept in two arrays; small objects (most of them: macro parameters, front
/// matter, `page`) are searched linearly, which is faster than hashing, and larger ones get a hash
/// index once they grow past `indexThreshold` keys.
public struct TemplateObject: Sendable {
    public private(set) var keys: [String] = []
    private var values: [TemplateValue] = []
    private var index: [String: Int]?
    private static let indexThreshold = 12

    public init() {}

    public init(_ pairs: [(String, TemplateValue)]) {
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in keys.indices where keys[position] == key { return position }
        return nil
    }

    public subscript(key: String) -> TemplateValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                } else {
                    keys.append(key)
                    values.append(newValue)
                    if index != nil {
                        index?[key] = keys.count - 1
                    } else if keys.count > Self.indexThreshold {
                        rebuildIndex()
                    }
                }
            } else if let position = position(of: key) {
                keys.remove(at: position)
                values.remove(at: position)
                if index != nil { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        var built: [String: Int] = [:]
        built.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() { built[key] = position }
        index = built
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The pairs in insertion order.
    public var pairs: [(key: String, value: TemplateValue)] {
        keys.indices.map { (keys[$0], values[$0]) }
    }
}

/// A callable value: its body is Swift, whether it came from a macro or a registered global.
public struct TemplateFunction: Sendable {
    public let name: String
    public let call: @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue

    public init(name: String, call: @escaping @Sendable (_ arguments: TemplateArguments) throws -> TemplateValue) {
        self.name = name
        self.call = call
    }
}

/// Positional and keyword arguments of a call or a filter.
public struct TemplateArguments: Sendable {
    public var positional: [TemplateValue]
    public var keyword: TemplateObject

    public init(positional: [TemplateValue] = [], keyword: TemplateObject = TemplateObject()) {
        self.positional = positional
        self.keyword = keyword
    }

    /// The argument at `index`, or the keyword argument `name`, or undefined.
    public func value(at index: Int, named name: String? = nil) -> TemplateValue {
        if index < positional.count { return positional[index] }
        if let name, let value = keyword[name] { return value }
        return .undefined
    }
}

extension TemplateValue {
    /// JavaScript truthiness.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .null: false
        case .bool(let b): b
        case .number(let n): n != 0 && !n.isNaN
        case .string(let s), .safe(let s): !s.isEmpty
        case .date, .array, .object, .function: true
        }
    }

    /// The value as JavaScript's `String(value)` writes it.
    public var stringValue: String {
        switch self {
        case .undefined, .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): Self.format(number: n)
        case .string(let s), .safe(let s): s
        case .date(let d): Self.javaScriptDateString(d)
        case .array(let items): items.map(\.stringValue).joined(separator: ",")
        case .object: "[object Object]"
        case .function(let f): "function \(f.name)"
        }
    }

    /// A number as JavaScript writes it: integers without a decimal point.
    public static func format(number n: Double) -> String {
        if n.isNaN { return "NaN" }
        if n.isInfinite { return n > 0 ? "Infinity" : "-Infinity" }
        if n == n.rounded(), abs(n) < 1e21 {
            if n == 0 { return "0" }
            return abs(n) < 9e15 ? String(Int64(n)) : String(format: "%.0f", n)
        }
        // Swift's shortest representation, with JavaScript's exponent style (1e-7, not 1e-07).
        var text = String(n)
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var exponent = String(text[text.index(after: e)...])
            let sign = exponent.hasPrefix("-") ? "-" : "+"
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
            text = mantissa + "e" + sign + (exponent.isEmpty ? "0" : exponent)
        }
        return text
    }

    /// A member of an object or array, undefined where there is none (see `member(_:)`).
    public subscript(member name: String) -> TemplateValue {
        member(name)
    }
}
