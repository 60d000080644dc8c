import Foundation
import Templates

/// The pure functions behind the layouts' filters, kept apart from the registration so they can be
/// tested without a template engine.
public enum LayoutFilters {
    /// A URL made valid for an attribute, as `encodeURI` would but leaving `%XX` escapes alone:
    /// spaces, quotes, angle brackets and the other characters a URL may not hold are percent-encoded
    /// (real posts have file names with spaces). Other characters, non-ASCII included, stay.
    public static func encodeURL(_ url: String) -> String {
        let bytes = Array(url.utf8)
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for (i, b) in bytes.enumerated() {
            let escapedAlready = b == 37 && i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            let unsafe = b <= 32 || b == 127 || b == 34 || b == 60 || b == 62 || b == 92 || b == 94 || b == 96
                || b == 123 || b == 124 || b == 125 || (b == 37 && !escapedAlready)
            if unsafe {
                out += [37, hex[Int(b >> 4)], hex[Int(b & 15)]]
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Eleventy's `url` for URLs that content hands to a component (`href: "/section/"`): a
    /// site-absolute URL gets the path prefix, unless it already has it, so that a URL an author
    /// wrote as `"/x/" | url` is not prefixed twice. Relative and full URLs are left alone. The
    /// result is encoded with `encodeURL`.
    public static func prefixURL(_ url: String, pathPrefix: String) -> String {
        let url = encodeURL(url)
        guard url.hasPrefix("/"), !url.hasPrefix("//"), pathPrefix != "/", !pathPrefix.isEmpty else { return url }
        let prefix = pathPrefix.hasSuffix("/") ? pathPrefix : pathPrefix + "/"
        if url.hasPrefix(prefix) || url + "/" == prefix { return url }
        return prefix + url.dropFirst()
    }

    /// `url` resolved against `base` (the site `url` option): an absolute URL stays as it is.
    public static func absoluteURL(_ url: String, base: String) -> String {
        let url = encodeURL(url)
        if url.contains("://") || url.hasPrefix("mailto:") { return url }
        guard !base.isEmpty, let baseURL = URL(string: base),
              let resolved = URL(string: url, relativeTo: baseURL)?.absoluteURL else { return url }
        return resolved.absoluteString
    }

    /// A date as RFC 3339 in UTC (`2023-12-01T00:00:00Z`), as Atom's `updated` needs; from a date
    /// value or an ISO 8601 string. Nil for anything else.
    public static func rfc3339(_ value: TemplateValue) -> String? {
        let date: Date
        switch value {
        case .date(let d): date = d
        case .string(let s), .safe(let s):
            guard let parsed = parseISODate(s) else { return nil }
            date = parsed
        case .number(let n): date = Date(timeIntervalSince1970: n / 1000)
        default: return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let year = c.year ?? 1970
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or an offset; UTC without one.
    static func parseISODate(_ text: String) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var n = 0
            for b in s[from..<from + count] {
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 45, let month = number(5, 2), s[7] == 45,
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offset = 0
        if s.count > 10 {
            guard s[10] == 84 || s[10] == 32, let hour = number(11, 2), s.count >= 16, s[13] == 58,
                  let minute = number(14, 2) else { return nil }
            components.hour = hour
            components.minute = minute
            var i = 16
            if i < s.count, s[i] == 58, let second = number(i + 1, 2) { components.second = second; i += 3 }
            if i < s.count, s[i] == 46 { i += 1; while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 } }
            if i < s.count, s[i] == 43 || s[i] == 45, let h = number(i + 1, 2) {
                var m = 0
                if i + 3 < s.count, s[i + 3] == 58 { m = number(i + 4, 2) ?? 0 } else { m = number(i + 3, 2) ?? 0 }
                offset = (h * 60 + m) * 60 * (s[i] == 45 ? -1 : 1)
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: components).map { $0.addingTimeInterval(TimeInterval(-offset)) }
    }

    /// The words of a page for the search index: HTML tags and entities removed, lower case, each
    /// word once in order of first appearance, single characters dropped.
    public static func searchTokens(_ html: String) -> [String] {
        var tokens: [String] = []
        var seen = Set<String>()
        var word = String.UnicodeScalarView()
        var inTag = false
        var inEntity = false
        func flush() {
            if word.count > 1 {
                let token = String(word)
                if seen.insert(token).inserted { tokens.append(token) }
            }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in html.unicodeScalars {
            if inTag { if scalar == ">" { inTag = false }; continue }
            if inEntity {
                if scalar == ";" || scalar == " " { inEntity = false }
                continue
            }
            if scalar == "<" { flush(); inTag = true; continue }
            if scalar == "&" { flush(); inEntity = true; continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if scalar == "’" || scalar == "'" {
                continue // "what’s" is one word
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// A value as a list: a list stays, a string becomes a list of one, nothing becomes empty.
    public static func list(_ value: TemplateValue) -> [TemplateValue] {
        switch value {
        case .undefined, .null: return []
        case .array(let items): return items
        case .string(let s), .safe(let s): return s.isEmpty ? [] : [value]
        default: return [value]
        }
    }

    static let postLayouts: Set<String> = ["post", "post.njk", "layouts/post", "layouts/post.njk"]

    /// The posts among `pages` (pages whose layout is `post`), newest first, ties by URL.
    public static func posts(_ pages: TemplateValue, limit: Int? = nil) -> [TemplateValue] {
        var posts = list(pages).filter { postLayouts.contains($0[member: "data"][member: "layout"].stringValue) }
        posts = posts.enumerated().sorted { a, b in
            let da = sortDate(a.element), db = sortDate(b.element)
            if da != db { return da > db }
            return a.offset < b.offset
        }.map(\.element)
        if let limit, limit >= 0, limit < posts.count { posts = Array(posts.prefix(limit)) }
        return posts
    }

    static func sortDate(_ page: TemplateValue) -> Double {
        for candidate in [page[member: "date"], page[member: "data"][member: "date"]] {
            switch candidate {
            case .date(let d): return d.timeIntervalSince1970
            case .string(let s): if let d = parseISODate(s) { return d.timeIntervalSince1970 }
            default: continue
            }
        }
        return -Double.greatestFiniteMagnitude
    }

    /// Every tag used by `pages` as `{name, count, pages}`, by name (case-insensitive); `all` is
    /// Eleventy's collection of everything, not a tag.
    public static func tagIndex(_ pages: TemplateValue) -> [TemplateValue] {
        var order: [String] = []
        var byName: [String: [TemplateValue]] = [:]
        for page in list(pages) {
            for tag in list(page[member: "data"][member: "tags"]) {
                let name = tag.stringValue
                guard !name.isEmpty, name != "all" else { continue }
                if byName[name] == nil { order.append(name) }
                byName[name, default: []].append(page)
            }
        }
        return order.sorted { $0.lowercased() == $1.lowercased() ? $0 < $1 : $0.lowercased() < $1.lowercased() }.map { name in
            let tagged = byName[name] ?? []
            return .object(TemplateObject([("name", .string(name)), ("count", .number(Double(tagged.count))), ("pages", .array(tagged))]))
        }
    }

    /// The sections of a `related` value with their usable items: `{items}` becomes one section,
    /// `{sections}` stays; items without text, and sections left without items, are dropped.
    public static func relatedSections(_ related: TemplateValue) -> [TemplateValue] {
        let sections: [TemplateValue]
        if case .array(let listed) = related[member: "sections"] {
            sections = listed
        } else if case .array(let items) = related {
            sections = [.object(TemplateObject([("items", .array(items))]))]
        } else {
            sections = [related]
        }
        return sections.compactMap { section in
            let items = list(section[member: "items"]).filter { $0[member: "text"].isTruthy }
            guard !items.isEmpty else { return nil }
            var object = TemplateObject()
            if section[member: "title"].isTruthy { object["title"] = section[member: "title"] }
            object["items"] = .array(items)
            return .object(object)
        }
    }

    /// The search index as JSON: one entry per page with a URL and a title, as
    /// `{title, description, section, date, url, tokens}`; `prefix` is the site's path prefix
    /// (`"/" | url`), added to each URL so that search works under a sub-path.
    public static func searchIndexJSON(_ pages: TemplateValue, prefix: String) -> String {
        var entries: [String] = []
        for page in list(pages) {
            let url = page[member: "url"]
            let data = page[member: "data"]
            guard case .string(let path) = url, !path.isEmpty, data[member: "title"].isTruthy else { continue }
            let navigation = data[member: "eleventyNavigation"]
            let section = navigation[member: "parent"].isTruthy ? navigation[member: "parent"] : data[member: "sectionKey"]
            let content = page[member: "templateContent"].isTruthy ? page[member: "templateContent"] : page[member: "content"]
            let date = rfc3339(page[member: "date"]).map { String($0.prefix(10)) } ?? ""
            let fields: [(String, String)] = [
                ("title", jsonString(data[member: "title"].stringValue)),
                ("description", jsonString(data[member: "description"].stringValue)),
                ("section", jsonString(section.stringValue)),
                ("date", jsonString(date)),
                ("url", jsonString(encodeURL(joinPrefix(prefix, path)))),
                ("tokens", "[" + searchTokens(content.stringValue).map(jsonString).joined(separator: ",") + "]"),
            ]
            entries.append("{" + fields.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}")
        }
        return "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    }

    /// `path` under the path prefix `prefix` (`/` or `/sub/`).
    public static func joinPrefix(_ prefix: String, _ path: String) -> String {
        guard path.hasPrefix("/"), !prefix.isEmpty, prefix != "/" else { return path }
        return (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix) + path
    }

    /// A string as a JSON string literal.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c" // never `</script>` in an inline copy
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
