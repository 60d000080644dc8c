import Foundation

/// Nunjucks' built-in filters, with Nunjucks' argument names for keyword use.
enum NunjucksFilters {
    static func register(in environment: inout TemplateEnvironment) {
        for (name, filter) in all { environment.addFilter(name, pure: true, filter) }
    }

    /// The string a filter works on: nothing for undefined and null (Nunjucks' `normalize`).
    static func text(_ value: TemplateValue) -> String {
        value.isNullish ? "" : value.stringValue
    }

    /// A result string that keeps the input's safe mark (Nunjucks' `copySafeness`).
    static func keepingSafety(_ input: TemplateValue, _ result: String) -> TemplateValue {
        if case .safe = input { return .safe(result) }
        return .string(result)
    }

    static func items(_ value: TemplateValue, _ filter: String) throws -> [TemplateValue] {
        switch value {
        case .array(let items): return items
        case .undefined, .null: return []
        case .string(let s), .safe(let s): return s.map { .string(String($0)) }
        default: throw TemplateCallError("expected an array, got \(value.typeName)")
        }
    }

    /// `a.b.c` looked up in a value, as Nunjucks' attribute getters do.
    static func attribute(_ value: TemplateValue, _ path: TemplateValue) -> TemplateValue {
        if case .number(let n) = path { return value.member(TemplateValue.format(number: n)) }
        var current = value
        for part in path.stringValue.split(separator: ".", omittingEmptySubsequences: false) {
            current = current.member(String(part))
        }
        return current
    }

    static func integer(_ value: TemplateValue, default fallback: Int) -> Int {
        let n = value.numberValue
        if value.isNullish || n.isNaN { return fallback }
        return TemplateValue.integer(n, default: fallback)
    }

    static let all: [(String, TemplateFilter)] = [
        ("abs", { value, _ in .number(abs(value.numberValue)) }),
        ("batch", { value, arguments in
            let list = try items(value, "batch")
            let size = integer(arguments.value(at: 0, named: "linecount"), default: 1)
            guard size > 0 else { throw TemplateCallError("batch size must be positive") }
            let fill = arguments.value(at: 1, named: "fill_with")
            var result: [TemplateValue] = []
            var start = 0
            while start < list.count {
                var chunk = Array(list[start..<min(start + size, list.count)])
                if chunk.count < size, fill.isTruthy {
                    chunk += Array(repeating: fill, count: size - chunk.count)
                }
                result.append(.array(chunk))
                start += size
            }
            return .array(result)
        }),
        ("capitalize", { value, _ in
            let lower = text(value).lowercased()
            return keepingSafety(value, lower.prefix(1).uppercased() + lower.dropFirst())
        }),
        ("center", { value, arguments in
            let s = text(value)
            let width = integer(arguments.value(at: 0, named: "width"), default: 80)
            let spaces = width - s.utf16.count
            guard spaces > 0 else { return keepingSafety(value, s) }
            try TemplateValue.checkSize(width)
            let before = spaces / 2 - spaces % 2, after = spaces / 2
            return keepingSafety(value, String(repeating: " ", count: max(0, before)) + s + String(repeating: " ", count: after))
        }),
        ("default", defaultFilter),
        ("d", defaultFilter),
        ("dictsort", { value, arguments in
            guard case .object(let object) = value else { throw TemplateCallError("dictsort expects an object, got \(value.typeName)") }
            let caseSensitive = arguments.value(at: 0, named: "case_sensitive").isTruthy
            let by = arguments.value(at: 1, named: "by")
            let byValue: Bool
            switch by {
            case .undefined, .null: byValue = false
            default:
                if by.stringValue == "value" { byValue = true } else if by.stringValue == "key" { byValue = false } else {
                    throw TemplateCallError("dictsort can only sort by 'key' or 'value'")
                }
            }
            let pairs = object.pairs.map { (TemplateValue.string($0.key), $0.value) }
            let sorted = stableSorted(pairs) { a, b in
                var x = byValue ? a.1 : a.0, y = byValue ? b.1 : b.0
                if !caseSensitive, x.isString, y.isString { x = .string(x.stringValue.lowercased()); y = .string(y.stringValue.lowercased()) }
                return x.compare(y, .less)
            }
            return .array(sorted.map { .array([$0.0, $0.1]) })
        }),
        ("dump", { value, arguments in
            let spaces = arguments.value(at: 0, named: "spaces")
            let indent: String
            switch spaces {
            case .number(let n): indent = String(repeating: " ", count: max(0, min(10, TemplateValue.integer(n))))
            case .string(let s), .safe(let s): indent = String(s.prefix(10))
            default: indent = ""
            }
            return .string(value.json(indent: indent) ?? "undefined")
        }),
        ("escape", escapeFilter),
        ("e", escapeFilter),
        ("forceescape", { value, _ in .safe(TemplateValue.escapeHTML(text(value))) }),
        ("first", { value, _ in
            switch value {
            case .array(let items): return items.first ?? .undefined
            case .string(let s), .safe(let s): return s.first.map { .string(String($0)) } ?? .undefined
            default: return .undefined
            }
        }),
        ("float", { value, arguments in
            let n = parseFloatPrefix(text(value))
            return n.isNaN ? arguments.value(at: 0, named: "default") : .number(n)
        }),
        ("groupby", { value, arguments in
            let list = try items(value, "groupby")
            let key = arguments.value(at: 0, named: "attribute")
            var groups = TemplateObject()
            for item in list {
                let group = attribute(item, key).stringValue
                if case .array(var members) = groups[group] ?? .array([]) {
                    members.append(item)
                    groups[group] = .array(members)
                }
            }
            return .object(groups)
        }),
        ("indent", { value, arguments in
            let s = text(value)
            if s.isEmpty { return keepingSafety(value, "") }
            let width = arguments.value(at: 0, named: "width")
            let prefix: String
            let count = integer(width, default: 4)
            try TemplateValue.checkSize(count * (s.utf8.count + 1))
            if width.isString { prefix = width.stringValue } else { prefix = String(repeating: " ", count: max(0, count)) }
            let indentFirst = arguments.value(at: 1, named: "indentfirst").isTruthy || arguments.keyword["first"]?.isTruthy == true
            let lines = s.components(separatedBy: "\n")
            let result = lines.enumerated().map { index, line in index == 0 && !indentFirst ? line : prefix + line }
            return keepingSafety(value, result.joined(separator: "\n"))
        }),
        ("int", { value, arguments in
            let n: Double
            if case .number(let number) = value, abs(number) < 1e21 { n = number.rounded(.towardZero) } else { n = parseIntPrefix(text(value)) }
            return n.isNaN ? arguments.value(at: 0, named: "default") : .number(n)
        }),
        ("join", { value, arguments in
            var list = try items(value, "join")
            let separator = arguments.value(at: 0, named: "delimiter")
            let attributeName = arguments.value(at: 1, named: "attribute")
            if !attributeName.isNullish { list = list.map { attribute($0, attributeName) } }
            return .string(list.map(\.stringValue).joined(separator: separator.isTruthy ? separator.stringValue : ""))
        }),
        ("last", { value, _ in
            switch value {
            case .array(let items): return items.last ?? .undefined
            case .string(let s), .safe(let s): return s.last.map { .string(String($0)) } ?? .undefined
            default: return .undefined
            }
        }),
        ("length", { value, _ in
            switch value {
            case .array(let items): return .number(Double(items.count))
            case .object(let object): return .number(Double(object.count))
            case .string(let s), .safe(let s): return .number(Double(s.utf16.count))
            default: return .number(0)
            }
        }),
        ("list", { value, _ in
            switch value {
            case .array: return value
            case .string(let s), .safe(let s): return .array(s.map { .string(String($0)) })
            case .object(let object):
                return .array(object.pairs.map { .object(TemplateObject([("key", .string($0.key)), ("value", $0.value)])) })
            default: throw TemplateCallError("list filter: \(value.typeName) is not iterable")
            }
        }),
        ("lower", { value, _ in keepingSafety(value, text(value).lowercased()) }),
        ("upper", { value, _ in keepingSafety(value, text(value).uppercased()) }),
        ("nl2br", { value, _ in
            if value.isNullish { return .string("") }
            let s = value.stringValue.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br />\n")
            return keepingSafety(value, s)
        }),
        ("reject", { value, arguments in try selecting(value, arguments, keep: false) }),
        ("select", { value, arguments in try selecting(value, arguments, keep: true) }),
        ("rejectattr", { value, arguments in try selectingAttribute(value, arguments, keep: false) }),
        ("selectattr", { value, arguments in try selectingAttribute(value, arguments, keep: true) }),
        ("replace", { value, arguments in
            let s: String
            switch value {
            case .string(let string), .safe(let string): s = string
            case .number(let n): s = TemplateValue.format(number: n)
            default: return value
            }
            let new = arguments.value(at: 1, named: "new").stringValue
            if let regex = TemplateRegex.parts(of: arguments.value(at: 0, named: "old")) {
                return keepingSafety(value, TemplateRegex.replace(regex.pattern, flags: regex.flags, in: s, with: new))
            }
            let old = arguments.value(at: 0, named: "old").stringValue
            let limitValue = arguments.value(at: 2, named: "maxCount")
            let limit = limitValue.isNullish ? Int.max : integer(limitValue, default: Int.max)
            return keepingSafety(value, replace(in: s, old, with: new, limit: limit))
        }),
        ("reverse", { value, _ in
            switch value {
            case .array(let items): return .array(items.reversed())
            case .string(let s), .safe(let s): return keepingSafety(value, String(s.reversed()))
            default: return value
            }
        }),
        ("round", { value, arguments in
            let precision = integer(arguments.value(at: 0, named: "precision"), default: 0)
            let method = arguments.value(at: 1, named: "method").stringValue
            let factor = pow(10, Double(precision))
            let scaled = value.numberValue * factor
            let rounded: Double
            switch method {
            case "ceil": rounded = scaled.rounded(.up)
            case "floor": rounded = scaled.rounded(.down)
            default: rounded = (scaled + 0.5).rounded(.down)  // Math.round: halves go up.
            }
            return .number(rounded / factor)
        }),
        ("safe", { value, _ in
            if case .safe = value { return value }
            return .safe(text(value))
        }),
        ("slice", { value, arguments in
            let list = try items(value, "slice")
            let slices = integer(arguments.value(at: 0, named: "slices"), default: 1)
            guard slices > 0 else { throw TemplateCallError("slice count must be positive") }
            let fill = arguments.value(at: 1, named: "fill_with")
            let length = list.count / slices, extra = list.count % slices
            var result: [TemplateValue] = []
            var offset = 0
            for index in 0..<slices {
                let start = offset + index * length
                if index < extra { offset += 1 }
                let end = offset + (index + 1) * length
                var slice = Array(list[min(start, list.count)..<min(end, list.count)])
                if fill.isTruthy, index >= extra { slice.append(fill) }
                result.append(.array(slice))
            }
            return .array(result)
        }),
        ("sort", { value, arguments in
            let list = try items(value, "sort")
            let reversed = arguments.value(at: 0, named: "reverse").isTruthy
            let caseSensitive = arguments.value(at: 1, named: "case_sensitive").isTruthy
            let attributeName = arguments.value(at: 2, named: "attribute")
            // Each item's key (and, without case sensitivity, its lowercase) is read once, not in
            // every comparison. Nunjucks lowercases only when both sides are strings.
            let keys = attributeName.isNullish ? list : list.map { attribute($0, attributeName) }
            let lowered: [TemplateValue?] = caseSensitive ? [] : keys.map { $0.isString ? .string($0.stringValue.lowercased()) : nil }
            let order = stableSorted(Array(keys.indices)) { i, j in
                var x = keys[i], y = keys[j]
                if !caseSensitive, let lx = lowered[i], let ly = lowered[j] { x = lx; y = ly }
                return reversed ? x.compare(y, .greater) : x.compare(y, .less)
            }
            return .array(order.map { list[$0] })
        }),
        ("string", { value, _ in keepingSafety(value, value.stringValue) }),
        ("striptags", { value, arguments in
            let s = text(value)
            // Most titles and descriptions have no tag and no space to collapse: they come back as they are.
            if TemplateText.isPlainSingleSpaced(s) { return keepingSafety(value, s) }
            let stripped = TemplateText.replace(#"<\/?([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->"#, in: s, with: "", caseInsensitive: true)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let result: String
            if arguments.value(at: 0, named: "preserve_linebreaks").isTruthy {
                var r = TemplateText.replace("(?m)^ +| +$", in: stripped, with: "")
                r = TemplateText.replace(" +", in: r, with: " ")
                r = r.replacingOccurrences(of: "\r\n", with: "\n")
                result = TemplateText.replace("\n\n\n+", in: r, with: "\n\n")
            } else {
                result = TemplateText.replace(#"\s+"#, in: stripped, with: " ")
            }
            return keepingSafety(value, result)
        }),
        ("sum", { value, arguments in
            var list = try items(value, "sum")
            let attributeName = arguments.value(at: 0, named: "attribute")
            if !attributeName.isNullish { list = list.map { attribute($0, attributeName) } }
            var total = TemplateValue.number(0)
            for item in list { total = total.plus(item) }
            let start = arguments.value(at: 1, named: "start")
            return (start.isNullish ? TemplateValue.number(0) : start).plus(total)
        }),
        ("title", { value, _ in
            let words = text(value).components(separatedBy: " ").map { word -> String in
                let lower = word.lowercased()
                return lower.prefix(1).uppercased() + lower.dropFirst()
            }
            return keepingSafety(value, words.joined(separator: " "))
        }),
        ("trim", { value, _ in keepingSafety(value, text(value).trimmingCharacters(in: .whitespacesAndNewlines)) }),
        ("truncate", { value, arguments in
            let s = text(value)
            var length = integer(arguments.value(at: 0, named: "length"), default: 255)
            if length <= 0 { length = 255 }
            let units = Array(s.utf16)
            guard units.count > length else { return value.isNullish ? .string("") : keepingSafety(value, s) }
            var cut: Int
            if arguments.value(at: 1, named: "killwords").isTruthy {
                cut = length
            } else {
                cut = -1
                var i = min(length, units.count - 1)
                while i >= 0 { if units[i] == 0x20 { cut = i; break }; i -= 1 }
                if cut == -1 { cut = length }
            }
            let end = arguments.value(at: 2, named: "end")
            let suffix = end.isNullish ? "..." : end.stringValue
            return keepingSafety(value, String(decoding: units[0..<cut], as: UTF16.self) + suffix)
        }),
        ("urlencode", { value, _ in
            switch value {
            case .object(let object):
                return .string(object.pairs.map { TemplateText.encodeURIComponent($0.key) + "=" + TemplateText.encodeURIComponent($0.value.stringValue) }.joined(separator: "&"))
            case .array(let pairs):
                return .string(pairs.map { pair in
                    TemplateText.encodeURIComponent(pair.member("0").stringValue) + "=" + TemplateText.encodeURIComponent(pair.member("1").stringValue)
                }.joined(separator: "&"))
            default:
                return .string(TemplateText.encodeURIComponent(text(value)))
            }
        }),
        ("urlize", { value, arguments in
            .string(TemplateText.urlize(text(value), length: integer(arguments.value(at: 0, named: "length"), default: Int.max),
                                        nofollow: arguments.value(at: 1, named: "nofollow").isTruthy))
        }),
        ("wordcount", { value, _ in
            var count = 0, inWord = false
            for scalar in text(value).unicodeScalars {
                let isWord = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
                if isWord, !inWord { count += 1 }
                inWord = isWord
            }
            return count == 0 ? .null : .number(Double(count))
        }),
    ]

    static let defaultFilter: TemplateFilter = { value, arguments in
        let fallback = arguments.value(at: 0, named: "value")
        if arguments.value(at: 1, named: "boolean").isTruthy { return value.isTruthy ? value : fallback }
        if case .undefined = value { return fallback }
        return value
    }

    static let escapeFilter: TemplateFilter = { value, _ in value.escaped }

    static func stableSorted<T>(_ list: [T], by less: (T, T) -> Bool) -> [T] {
        list.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func selecting(_ value: TemplateValue, _ arguments: TemplateArguments, keep: Bool) throws -> TemplateValue {
        let list = try items(value, "select")
        let test = arguments.positional.first.map(\.stringValue) ?? "truthy"
        let rest = Array(arguments.positional.dropFirst())
        // The test is found once (and, as in Nunjucks, only when there is an item to test).
        guard !list.isEmpty else { return .array([]) }
        let found = try TemplateTest(named: test)
        return .array(list.filter { found.run($0, rest) == keep })
    }

    static func selectingAttribute(_ value: TemplateValue, _ arguments: TemplateArguments, keep: Bool) throws -> TemplateValue {
        let list = try items(value, "selectattr")
        let name = arguments.value(at: 0)
        let test = arguments.positional.count > 1 ? arguments.positional[1].stringValue : "truthy"
        let rest = Array(arguments.positional.dropFirst(2))
        guard !list.isEmpty else { return .array([]) }
        let found = try TemplateTest(named: test)
        return .array(list.filter { found.run(attribute($0, name), rest) == keep })
    }

    static func replace(in s: String, _ old: String, with new: String, limit: Int) -> String {
        guard limit > 0 else { return s }
        if old.isEmpty {
            // Nunjucks puts the replacement before every character and at the end.
            var result = "", count = 0
            for character in s {
                if count < limit { result += new; count += 1 }
                result.append(character)
            }
            if count < limit { result += new }
            return result
        }
        return TemplateText.replace(old, with: new, in: s, limit: limit)
    }

    /// JavaScript's `parseFloat`: the longest numeric prefix.
    static func parseFloatPrefix(_ s: String) -> Double {
        let trimmed = s.drop { $0.isWhitespace }
        var end = trimmed.startIndex, seenDigit = false, seenDot = false, seenExponent = false
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let c = trimmed[index]
            if c.isASCII, c.isNumber { seenDigit = true; end = trimmed.index(after: index) }
            else if c == ".", !seenDot, !seenExponent { seenDot = true }
            else if (c == "-" || c == "+"), index == trimmed.startIndex { }
            else if (c == "e" || c == "E"), seenDigit, !seenExponent {
                seenExponent = true
                let next = trimmed.index(after: index)
                if next < trimmed.endIndex, trimmed[next] == "-" || trimmed[next] == "+" { index = next }
            } else { break }
            index = trimmed.index(after: index)
        }
        if trimmed.hasPrefix("Infinity") || trimmed.hasPrefix("+Infinity") { return .infinity }
        if trimmed.hasPrefix("-Infinity") { return -.infinity }
        guard seenDigit else { return .nan }
        return Double(trimmed[trimmed.startIndex..<end]) ?? .nan
    }

    /// JavaScript's `parseInt(s, 10)`.
    static func parseIntPrefix(_ s: String) -> Double {
        let trimmed = s.drop { $0.isWhitespace }
        var digits = "", index = trimmed.startIndex
        if index < trimmed.endIndex, trimmed[index] == "-" || trimmed[index] == "+" {
            if trimmed[index] == "-" { digits = "-" }
            index = trimmed.index(after: index)
        }
        while index < trimmed.endIndex, trimmed[index].isASCII, trimmed[index].isNumber {
            digits.append(trimmed[index])
            index = trimmed.index(after: index)
        }
        return Double(digits) ?? .nan
    }
}
