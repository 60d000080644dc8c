import Foundation
import Templates

/// The pure functions behind the layouts' filters, kept apart from the registration so they can be
/// tested without a template engine.
public enum LayoutFilters {
    /// A URL made valid for an attribute, as `encodeURI` would but leaving `%XX` escapes alone:
    /// spaces, quotes, angle brackets and the other characters a URL may not hold are percent-encoded
    /// (real posts have file names with spaces). Other characters, non-ASCII included, stay.
    public static func encodeURL(_ url: String) -> String {
        // Most URLs need nothing: give them back without copying (every link of every page is here).
        if !mayNeedEncoding(url) { return url }
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

    /// Whether `url` holds a byte that `encodeURL` may change (a `%` too: it may not start an
    /// escape); checked over the string's bytes in place, with no closure per byte.
    static func mayNeedEncoding(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            flaggedForEncoding.withUnsafeBufferPointer { flagged in
                for b in bytes where flagged[Int(b)] { return true }
                return false
            }
        }
    }

    /// The bytes `mayNeedEncoding` looks for, as a table: one load a byte instead of nine comparisons.
    private static let flaggedForEncoding: [Bool] = (0...255).map { b in
        b <= 37 || b == 127 || b == 60 || b == 62 || b == 92 || b == 94 || b == 96 || (b >= 123 && b <= 125)
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

    /// HTML whose site-absolute `href` and `src` attributes (`/x/`, as authors write links in
    /// Markdown) get the path prefix, once; full URLs, `//host` URLs and relative ones are left
    /// alone. With the prefix `/`, the HTML is returned as it is.
    public static func prefixLinks(_ html: String, pathPrefix: String) -> String {
        guard pathPrefix != "/", !pathPrefix.isEmpty else { return html }
        let prefix = Array((pathPrefix.hasSuffix("/") ? pathPrefix : pathPrefix + "/").utf8)
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        let href = Array(" href=\"/".utf8), src = Array(" src=\"/".utf8)
        func matches(_ pattern: [UInt8], at i: Int) -> Bool {
            guard i + pattern.count <= bytes.count else { return false }
            for (k, b) in pattern.enumerated() where bytes[i + k] | (b >= 0x61 && b <= 0x7A ? 0x20 : 0) != b { return false }
            return true
        }
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x20, let pattern = matches(href, at: i) ? href : (matches(src, at: i) ? src : nil) {
                let start = i + pattern.count - 1 // the "/"
                out += bytes[i..<start]
                let isProtocolRelative = start + 1 < bytes.count && bytes[start + 1] == 0x2F
                let alreadyPrefixed = start + prefix.count <= bytes.count && Array(bytes[start..<start + prefix.count]) == prefix
                if !isProtocolRelative && !alreadyPrefixed {
                    out += prefix
                    i = start + 1
                } else {
                    i = start
                }
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url` resolved against `base` (the site `url` option): an absolute URL stays as it is.
    public static func absoluteURL(_ url: String, base: String) -> String {
        let url = encodeURL(url)
        if hasSchemeSeparator(url) || url.hasPrefix("mailto:") { return url }
        if let joined = joinedSitePath(url, base: base) { return joined }
        return resolvedByFoundation(url, base: base)
    }

    /// Whether `url` holds `://`, found over bytes (Foundation's `contains` is far slower).
    static func hasSchemeSeparator(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            var run = 0  // how much of "://" was just seen
            for byte in bytes {
                switch (run, byte) {
                case (_, 0x3A): run = 1
                case (1, 0x2F): run = 2
                case (2, 0x2F): return true
                default: run = 0
                }
            }
            return false
        }
    }

    /// `url` resolved against `base` by Foundation's RFC 3986 resolution.
    static func resolvedByFoundation(_ url: String, base: String) -> String {
        guard !base.isEmpty, let baseURL = URL(string: base),
              let resolved = URL(string: url, relativeTo: baseURL)?.absoluteURL else { return url }
        return resolved.absoluteString
    }

    /// The common case without parsing URLs (every page asks for its canonical URL): a path of
    /// plain characters without dot segments (`/section/post/`) on an `http(s)://host[:port]` base
    /// is the base's origin followed by the path. Nil for anything else.
    static func joinedSitePath(_ path: String, base: String) -> String? {
        var path = path, base = base
        return path.withUTF8 { bytes in base.withUTF8 { baseBytes in joinedSitePath(bytes, base: baseBytes) } }
    }

    /// `joinedSitePath(_:base:)` over both strings' bytes in place.
    private static func joinedSitePath(_ bytes: UnsafeBufferPointer<UInt8>, base baseBytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 1, bytes[0] == 0x2F else { return nil }
        var previous: UInt8 = 0
        for byte in bytes {
            let plain = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F || byte == 0x7E || byte == 0x2F || byte == 0x2E
            // `//` (an authority) and `/.` (a dot segment) are left to Foundation.
            guard plain, !(previous == 0x2F && (byte == 0x2F || byte == 0x2E)) else { return nil }
            previous = byte
        }
        // The base's scheme and authority, then the path (the canonical URL of every page).
        let schemeLength: Int
        if hasPrefix(baseBytes, "https://") { schemeLength = 8 } else if hasPrefix(baseBytes, "http://") { schemeLength = 7 } else { return nil }
        var end = schemeLength
        while end < baseBytes.count {
            let byte = baseBytes[end]
            if byte == 0x2F || byte == 0x3F || byte == 0x23 { break }
            let allowed = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x3A
            guard allowed else { return nil }
            end += 1
        }
        guard end > schemeLength else { return nil }
        return String(unsafeUninitializedCapacity: end + bytes.count) { out in
            guard let target = out.baseAddress, let origin = baseBytes.baseAddress, let pathStart = bytes.baseAddress else { return 0 }
            target.update(from: origin, count: end)
            (target + end).update(from: pathStart, count: bytes.count)
            return end + bytes.count
        }
    }

    /// Whether `bytes` start with the ASCII `prefix`.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        let start = prefix.utf8Start
        for k in 0..<prefix.utf8CodeUnitCount where bytes[k] != start[k] { return false }
        return true
    }

    /// A date as RFC 3339 in UTC (`2023-12-01T00:00:00Z`), as Atom's `updated` needs; from a date
    /// value or an ISO 8601 string. Nil for anything else.
    public static func rfc3339(_ value: TemplateValue) -> String? {
        guard let (year, month, day, secondOfDay) = utcParts(value) else { return nil }
        // Written as bytes: the layouts date every post in lists, the feed and the sitemap.
        if (0..<10_000).contains(year) {
            // Twenty bytes, straight into the string's storage.
            return String(unsafeUninitializedCapacity: 20) { out in
                func put(_ value: Int, _ count: Int, at position: Int) {
                    var value = value
                    for k in stride(from: position + count - 1, through: position, by: -1) {
                        out[k] = UInt8(0x30 + value % 10)
                        value /= 10
                    }
                }
                put(year, 4, at: 0)
                out[4] = 0x2D
                put(month, 2, at: 5)
                out[7] = 0x2D
                put(day, 2, at: 8)
                out[10] = 0x54
                put(secondOfDay / 3600, 2, at: 11)
                out[13] = 0x3A
                put(secondOfDay / 60 % 60, 2, at: 14)
                out[16] = 0x3A
                put(secondOfDay % 60, 2, at: 17)
                out[19] = 0x5A
                return 20
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(24)
        out.append(contentsOf: String(year).utf8)
        out.append(0x2D)
        appendDigits(month, count: 2, to: &out)
        out.append(0x2D)
        appendDigits(day, count: 2, to: &out)
        out.append(0x54)
        appendDigits(secondOfDay / 3600, count: 2, to: &out)
        out.append(0x3A)
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &out)
        out.append(0x3A)
        appendDigits(secondOfDay % 60, count: 2, to: &out)
        out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTC day, month, year and second of the day of a date value, an ISO 8601 string or a
    /// number of milliseconds (as `rfc3339` reads them); nil for anything else.
    private static func utcParts(_ value: TemplateValue) -> (year: Int, month: Int, day: Int, secondOfDay: Int)? {
        let date: Date
        switch value {
        case .date(let d): date = d
        case .string(let s), .safe(let s):
            guard let parsed = parseISODate(s) else { return nil }
            date = parsed
        case .number(let n): date = Date(timeIntervalSince1970: n / 1000)
        default: return nil
        }
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e13 else { return nil } // beyond year ±300,000: not a date
        let seconds = Int(interval.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let (year, month, day) = CivilDate.fromDays(days)
        return (year, month, day, seconds - days * 86_400)
    }

    /// The first ten bytes of `rfc3339(value)` (`2023-12-01`), the search index's day of a page:
    /// written as ten bytes (a string that needs no allocation) for the years 0 to 9999.
    static func rfc3339Day(_ value: TemplateValue) -> String? {
        guard let (year, month, day, _) = utcParts(value) else { return nil }
        guard (0..<10_000).contains(year) else { return rfc3339(value).map { String(decoding: $0.utf8.prefix(10), as: UTF8.self) } }
        return String(unsafeUninitializedCapacity: 10) { out in
            out[0] = UInt8(0x30 + year / 1000)
            out[1] = UInt8(0x30 + year / 100 % 10)
            out[2] = UInt8(0x30 + year / 10 % 10)
            out[3] = UInt8(0x30 + year % 10)
            out[4] = 0x2D
            out[5] = UInt8(0x30 + month / 10)
            out[6] = UInt8(0x30 + month % 10)
            out[7] = 0x2D
            out[8] = UInt8(0x30 + day / 10)
            out[9] = UInt8(0x30 + day % 10)
            return 10
        }
    }

    /// `value` (not negative) in decimal with at least `count` digits, zeros in front.
    private static func appendDigits(_ value: Int, count: Int, to out: inout [UInt8]) {
        // The number of digits, then each from the highest: no slice to reverse.
        var digits = 1, scale = 1
        while value / scale >= 10 { scale *= 10; digits += 1 }
        for _ in digits..<max(count, digits) { out.append(0x30) }
        while scale > 0 {
            out.append(UInt8(0x30 + value / scale % 10))
            scale /= 10
        }
    }

    /// `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or an offset; UTC without one.
    static func parseISODate(_ text: String) -> Date? {
        var s = Array(text.utf8)
        if s.first.map({ $0 >= 0x80 }) ?? false || s.last.map({ $0 >= 0x80 }) ?? false {
            s = Array(text.trimmingCharacters(in: .whitespaces).utf8)  // other spaces than ASCII's
        } else {
            // Foundation's trimming is costly; ASCII's spaces are a space and a tab.
            while let last = s.last, last == 0x20 || last == 0x09 { s.removeLast() }
            let leading = s.prefix { $0 == 0x20 || $0 == 0x09 }.count
            if leading > 0 { s.removeFirst(leading) }
        }
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
        var hour = 0, minute = 0, second = 0
        var offset = 0
        if s.count > 10 {
            guard s[10] == 84 || s[10] == 32, let h = number(11, 2), s.count >= 16, s[13] == 58,
                  let m = number(14, 2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            var i = 16
            if i < s.count, s[i] == 58, let sec = number(i + 1, 2), sec < 61 { second = sec; i += 3 }
            if i < s.count, s[i] == 46 { i += 1; while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 } }
            if i < s.count, s[i] == 43 || s[i] == 45, let oh = number(i + 1, 2) {
                let om = (i + 3 < s.count && s[i + 3] == 58) ? (number(i + 4, 2) ?? 0) : (number(i + 3, 2) ?? 0)
                offset = (oh * 60 + om) * 60 * (s[i] == 45 ? -1 : 1)
            }
        }
        let total = CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(total))
    }

    /// The words of a page for the search index: HTML tags and entities removed, lower case, each
    /// word once in order of first appearance, single characters dropped. Works on UTF-8 bytes: an
    /// index covers every page of a site.
    public static func searchTokens(_ html: String) -> [String] {
        var tokens: [String] = []
        forEachSearchToken(in: html) { word, hasNonASCII in
            let text = String(decoding: word, as: UTF8.self)
            tokens.append(hasNonASCII ? text.lowercased() : text)
        }
        return tokens
    }

    /// Calls `body` with each new word of `html` (see `searchTokens`), as bytes lowered for ASCII
    /// letters, and whether it holds other characters (which `body` lowers).
    static func forEachSearchToken(in html: String, _ body: (UnsafeBufferPointer<UInt8>, _ hasNonASCII: Bool) -> Void) {
        var html = html
        html.withUTF8 { SearchTokenizer.forEachWord(in: $0, body) }
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

    /// A post's tags (`list`) as the metadata component links them: for each, `href` is
    /// `("/tags/" ~ (tag | slugify) ~ "/") | url | encodeUrl` and `html` is `tag | escape`, worked
    /// out here rather than by five template operations a tag on every post.
    /// A tag that is a plain string has its link made once, in `cache`.
    static func tagLinks(_ tags: TemplateValue, pathPrefix: String, cache: TagLinkCache? = nil,
                         slugify: (TemplateValue) -> String) -> [TemplateValue] {
        let tags = list(tags)
        var links: [TemplateValue] = []
        links.reserveCapacity(tags.count)
        for tag in tags {
            func make() -> TemplateValue {
                let path = "/tags/" + slugify(tag) + "/"
                let href = encodeURL(SiteRenderer.url(path, pathPrefix: pathPrefix))
                return .object(TemplateObject([("href", .string(href)), ("html", tag.escaped)]))
            }
            if let cache, case .string(let text) = tag {
                links.append(cache.link(for: text, make: make))
            } else {
                links.append(make())
            }
        }
        return links
    }

    static let postLayouts: Set<String> = ["post", "post.njk", "layouts/post", "layouts/post.njk"]

    /// The posts among `pages` (pages whose layout is `post`), newest first, ties by URL.
    public static func posts(_ pages: TemplateValue, limit: Int? = nil) -> [TemplateValue] {
        var posts = list(pages).filter { postLayouts.contains($0[member: "data"][member: "layout"].stringValue) }
        // Each post's date read once, not at every comparison: the feed sorts every page of a site.
        let dates = posts.map(sortDate)
        posts = posts.indices.sorted { a, b in
            if dates[a] != dates[b] { return dates[a] > dates[b] }
            return a < b
        }.map { posts[$0] }
        if let limit, limit >= 0, limit < posts.count { posts = Array(posts.prefix(limit)) }
        return posts
    }

    static func sortDate(_ page: TemplateValue) -> Double {
        if let date = sortDate(of: page[member: "date"]) { return date }
        return sortDate(of: page[member: "data"][member: "date"]) ?? -Double.greatestFiniteMagnitude
    }

    private static func sortDate(of value: TemplateValue) -> Double? {
        switch value {
        case .date(let d): d.timeIntervalSince1970
        case .string(let s): parseISODate(s)?.timeIntervalSince1970
        default: nil
        }
    }

    /// Every tag used by `pages` as `{name, count, pages}`, by name (case-insensitive); `all` is
    /// Eleventy's collection of everything, not a tag.
    public static func tagIndex(_ pages: TemplateValue) -> [TemplateValue] {
        // Each tag's pages by its position of first use: one lookup per tag of a page.
        var order: [String] = []
        var positions: [String: Int] = [:]
        var tagged: [[TemplateValue]] = []
        for page in list(pages) {
            for tag in list(page[member: "data"][member: "tags"]) {
                let name = tag.stringValue
                guard !name.isEmpty, name != "all" else { continue }
                if let position = positions[name] {
                    tagged[position].append(page)
                } else {
                    positions[name] = order.count
                    order.append(name)
                    tagged.append([page])
                }
            }
        }
        return order.indices.sorted { a, b in
            let x = order[a], y = order[b]
            return x.lowercased() == y.lowercased() ? x < y : x.lowercased() < y.lowercased()
        }.map { position in
            let pages = tagged[position]
            return .object(TemplateObject([("name", .string(order[position])), ("count", .number(Double(pages.count))), ("pages", .array(pages))]))
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
        searchIndexJSON(pages, prefix: prefix, tokens: nil)
    }

    /// The search index, with each page's tokens taken from `tokens` when its content is the one
    /// they were made from: the preview renders the index after every edit, and only the edited
    /// page's words need finding again.
    static func searchIndexJSON(_ pages: TemplateValue, prefix: String, tokens cache: SearchTokenCache?) -> String {
        // The entries first, then every page's words at once on every core (finding them is most of
        // the index's cost, and the index is one page: rendered alone, it would use one core).
        struct Entry: Sendable {
            var title: String, description: String, section: String, date: String, url: String, path: String, content: String
        }
        var entries: [Entry] = []
        for page in list(pages) {
            let url = page[member: "url"]
            let data = page[member: "data"]
            // Each member read once: the index reads every page of a site.
            let title = data[member: "title"]
            guard case .string(let path) = url, !path.isEmpty, title.isTruthy else { continue }
            let parent = data[member: "eleventyNavigation"][member: "parent"]
            let section = parent.isTruthy ? parent : data[member: "sectionKey"]
            let templateContent = page[member: "templateContent"]
            let content = templateContent.isTruthy ? templateContent : page[member: "content"]
            // The day: the first ten bytes of an RFC 3339 date, which is ASCII.
            let date = rfc3339Day(page[member: "date"]) ?? ""
            entries.append(Entry(title: title.stringValue, description: data[member: "description"].stringValue,
                                 section: section.stringValue, date: date, url: encodeURL(joinPrefix(prefix, path)),
                                 path: path, content: content.stringValue))
        }
        // Room in the cache for every page at once, not grown a page at a time on every core.
        cache?.reserve(entries.count)
        let tokens: [String] = Parallel.map(entries) { entry in
            cache?.tokensJSON(for: entry.path, content: entry.content) ?? searchTokensJSON(entry.content)
        }
        var out: [UInt8] = []
        // Room for the tokens and each entry's fields, so the index is not copied as it grows.
        out.reserveCapacity(tokens.reduce(16) { $0 + $1.utf8.count } + entries.reduce(0) { total, entry in
            total + 96 + entry.title.utf8.count + entry.description.utf8.count + entry.section.utf8.count + entry.url.utf8.count
        })
        appendStatic("[\n", to: &out)
        for (index, entry) in entries.enumerated() {
            appendStatic(index > 0 ? ",\n{\"title\":" : "{\"title\":", to: &out)
            appendJSONString(entry.title, to: &out)
            appendStatic(",\"description\":", to: &out)
            appendJSONString(entry.description, to: &out)
            appendStatic(",\"section\":", to: &out)
            appendJSONString(entry.section, to: &out)
            appendStatic(",\"date\":", to: &out)
            appendJSONString(entry.date, to: &out)
            appendStatic(",\"url\":", to: &out)
            appendJSONString(entry.url, to: &out)
            appendStatic(",\"tokens\":", to: &out)
            var json = tokens[index]
            json.withUTF8 { out.append(contentsOf: $0) }
            out.append(0x7D)
        }
        appendStatic("\n]\n", to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends an ASCII literal's bytes (one copy, not a string's UTF-8 view walked).
    private static func appendStatic(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The search tokens of `html` as a JSON array.
    static func searchTokensJSON(_ html: String) -> String {
        var html = html
        if let json = html.withUTF8({ asciiTokensJSON($0) }) { return json }
        var out: [UInt8] = []
        // The words are fewer bytes than the page, with their quotes and commas about as many.
        out.reserveCapacity(html.utf8.count + 16)
        out.append(0x5B)
        var first = true
        forEachSearchToken(in: html) { word, hasNonASCII in
            if !first { out.append(0x2C) }
            first = false
            if hasNonASCII {
                appendJSONString(String(decoding: word, as: UTF8.self).lowercased(), to: &out)
            } else {
                // Lowered ASCII letters and digits: nothing to escape.
                out.append(0x22)
                out.append(contentsOf: word)
                out.append(0x22)
            }
        }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
    }

    /// `searchTokensJSON` for a page whose words are all ASCII (most pages), written straight into
    /// the string's storage; nil when a word has other characters (they need lowering and
    /// escaping). A word of n bytes took at least n + 1 bytes of the page (with the byte that ended
    /// it) and writes n + 3 (quotes and comma); words have at least two bytes, so the JSON is
    /// shorter than twice the page plus a few bytes. Each word is copied eight bytes at a time (the
    /// scan lets eight bytes past a word be read), which may write up to seven bytes past it: the
    /// string has room for them.
    private static func asciiTokensJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var allASCII = true
        let json = String(unsafeUninitializedCapacity: 2 * bytes.count + 16) { out in
            guard let base = out.baseAddress else { return 0 }
            var count = 0
            base[count] = 0x5B
            count += 1
            SearchTokenizer.forEachWord(in: bytes) { word, hasNonASCII in
                guard allASCII, !hasNonASCII, let start = word.baseAddress else { allASCII = false; return }
                if count > 1 { base[count] = 0x2C; count += 1 }
                base[count] = 0x22
                let target = UnsafeMutableRawPointer(base + count + 1), source = UnsafeRawPointer(start)
                var offset = 0
                while offset < word.count {
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                    offset &+= 8
                }
                count += word.count + 1
                base[count] = 0x22
                count += 1
            }
            base[count] = 0x5D
            return count + 1
        }
        return allASCII ? json : nil
    }

    /// `path` under the path prefix `prefix` (`/` or `/sub/`).
    public static func joinPrefix(_ prefix: String, _ path: String) -> String {
        guard path.hasPrefix("/"), !prefix.isEmpty, prefix != "/" else { return path }
        return (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix) + path
    }

    /// A string as a JSON string literal, escaped as the template engine's JSON writer escapes it
    /// (`dump`), with `<` escaped too so that an inline copy can never close a `<script>`.
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal (see `jsonString`): the engine's JSON escaping, with `<`.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        // Most strings (titles, dates, URLs) have nothing to escape: then they are copied whole,
        // not byte by byte.
        var text = text
        let copied: Bool = text.withUTF8 { bytes in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        if !copied { TemplateValue.appendJSONString(text, to: &out, escapingLessThan: true) }
    }
}
