/// A path glob as Eleventy's configuration writes them: `*` within a folder, `**` across folders,
/// `?` one character, `{a,b}` alternatives.
struct Glob: Sendable, Hashable {
    let pattern: String
    /// The pattern with its braces expanded, as bytes: worked out once, since a glob collection
    /// is matched against every page of a site, up to three times a build.
    private let alternatives: [[UInt8]]
    /// For each alternative of the commonest shape, one `*` between literal text
    /// (`posts/section/*.md`), that text before and after it: a path matches when it starts and
    /// ends with them and holds no `/` between (what `*` matches), without backtracking. Nil for
    /// other alternatives.
    private let literalEnds: [(prefix: [UInt8], suffix: [UInt8])?]

    init(_ pattern: String) {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        self.pattern = p
        alternatives = Self.expandBraces(p).map { Array($0.utf8) }
        literalEnds = alternatives.map { bytes in
            let stars = bytes.indices.filter { bytes[$0] == UInt8(ascii: "*") }
            guard stars.count == 1, let star = stars.first, !bytes.contains(UInt8(ascii: "?")) else { return nil }
            return (Array(bytes[..<star]), Array(bytes[(star + 1)...]))
        }
    }

    func matches(_ path: String) -> Bool {
        let path = Array(path.utf8)
        for (expanded, ends) in zip(alternatives, literalEnds) {
            if let ends {
                if Self.matches(path, prefix: ends.prefix, suffix: ends.suffix) { return true }
                continue
            }
            var budget = 200_000  // a bound on backtracking: no pattern can make a build hang
            if Self.match(expanded[...], path[...], depth: 0, budget: &budget) { return true }
        }
        return false
    }

    /// Whether `path` is `prefix`, then bytes other than `/`, then `suffix`.
    private static func matches(_ path: [UInt8], prefix: [UInt8], suffix: [UInt8]) -> Bool {
        guard path.count >= prefix.count + suffix.count, path.starts(with: prefix),
              path[(path.count - suffix.count)...].elementsEqual(suffix) else { return false }
        return !path[prefix.count..<(path.count - suffix.count)].contains(UInt8(ascii: "/"))
    }

    /// Globs are the same when their patterns are: everything else is worked out from it.
    static func == (a: Glob, b: Glob) -> Bool { a.pattern == b.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// `matches` without the shortcut for a single `*`: the general matcher alone, for tests.
    func matchesWithoutShortcut(_ path: String) -> Bool {
        let path = Array(path.utf8)
        for expanded in alternatives {
            var budget = 200_000
            if Self.match(expanded[...], path[...], depth: 0, budget: &budget) { return true }
        }
        return false
    }

    private static func expandBraces(_ pattern: String, depth: Int = 0) -> [String] {
        guard depth < 8, let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return [pattern] }
        let head = pattern[..<open], tail = pattern[pattern.index(after: close)...]
        return pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false).flatMap {
            expandBraces(String(head) + String($0) + String(tail), depth: depth + 1)
        }
    }

    private static func match(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard depth < 64, budget > 0 else { return false }
        var p = p, s = s
        while let c = p.first {
            switch c {
            case UInt8(ascii: "*"):
                if p.dropFirst().first == UInt8(ascii: "*") {
                    var rest = p.dropFirst(2)
                    if rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
                    // `**/` matches zero or more whole folders.
                    if match(rest, s, depth: depth + 1, budget: &budget) { return true }
                    var t = s
                    while let first = t.first {
                        t = t.dropFirst()
                        if first == UInt8(ascii: "/") || rest.isEmpty, match(rest, t, depth: depth + 1, budget: &budget) { return true }
                    }
                    return false
                }
                let rest = p.dropFirst()
                var t = s
                while true {
                    if match(rest, t, depth: depth + 1, budget: &budget) { return true }
                    guard let first = t.first, first != UInt8(ascii: "/") else { return false }
                    t = t.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard let first = s.first, first != UInt8(ascii: "/") else { return false }
                p = p.dropFirst(); s = s.dropFirst()
            default:
                guard s.first == c else { return false }
                p = p.dropFirst(); s = s.dropFirst()
            }
        }
        return s.isEmpty
    }
}
