import Foundation
import Testing
@testable import Site

/// Two hundred small sites made from a seeded random mix of valid and broken pieces: every build
/// returns, every diagnostic names a file that exists with a line and column of at least 1, and a
/// build with errors leaves the previous output alone.
@Suite struct RandomSiteRobustnessTests {
    /// A deterministic generator (a 64-bit LCG), so a failing site can be rebuilt from its seed.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let frontMatters = [
        "---\ntitle: Plain\n---\n", "---\ntitle: \"Quoted: yes\"\ndate: 2024-02-03\ntags: [post, note]\n---\n",
        "---\ntitle: [unclosed\n---\n", "---\n- list\n---\n", "---\nscalar\n---\n", "---\ntitle: x\n", "",
        "\u{FEFF}---\r\ntitle: crlf\r\n---\r\n", "---\nlayout: base.njk\n---\n", "---\nlayout: missing.njk\n---\n",
        "---\nlayout: loop-a.njk\n---\n", "---\npermalink: ../../out.html\n---\n", "---\npermalink: [1]\n---\n",
        "---\npermalink: /same/\n---\n", "---\npagination:\n  data: numbers\n  size: 2\n---\n",
        "---\npagination:\n  data: scalar\n  size: 1\n---\n", "---\neleventyComputed:\n  a: \"{{ b }}\"\n  b: \"{{ a }}\"\n---\n",
        "---\ntitle: \"unterminated\n---\n", "---\n: :\n  - ]\n---\n", "---\nkey: &a [*a]\n---\n",
    ]
    static let bodies = [
        "Text with *emphasis* and [a link](/nowhere/).\n", "{% frobnicate %}\n", "{% if true %}\nopen\n", "{{ title }}\n",
        "{% include \"inc.njk\" %}\n", "{% include \"missing.njk\" %}\n", "{% include \"loop-a.njk\" %}\n", "{{ 1 +}}\n",
        "{% for x in numbers %}{{ x }}{% endfor %}\n", "![image](missing.png)\n", "```\ncode\n", "<div>\n\n</div>\n",
        String(repeating: "long ", count: 2_000) + "\n", "{{ \"unclosed }}\n", "{% raw %}{{ x }}\n", "{% set %}\n",
        "{{ title | nosuchfilter }}\n", "{% extends \"base.njk\" %}\n",
    ]
    static let dataFiles: [(String, String)] = [
        ("numbers.json", "[1, 2, 3]\n"), ("scalar.json", "7\n"), ("broken.json", "{\"a\": }\n"), ("site.yml", "name: x\n"),
        ("bad.yml", "a: [\n"), ("obj.js", "module.exports = { a: 1 };\n"), ("fn.js", "module.exports = () => 1;\n"),
        ("num.js", "module.exports = 42;\n"), ("deep.json", String(repeating: "[", count: 3_000)),
    ]
    static let layouts: [(String, String)] = [
        ("base.njk", "<main>{{ content | safe }}</main>\n"), ("loop-a.njk", "---\nlayout: loop-b.njk\n---\n{{ content | safe }}"),
        ("loop-b.njk", "---\nlayout: loop-a.njk\n---\n{{ content | safe }}"), ("self.njk", "{% extends \"self.njk\" %}\n"),
        ("bad.njk", "{% if %}\n{{ content | safe }}\n"),
    ]
    static let includes: [(String, String)] = [("inc.njk", "included\n"), ("loop-a.njk", "{% include \"loop-b.njk\" %}"), ("loop-b.njk", "{% include \"loop-a.njk\" %}")]
    static let names = ["index.md", "posts/a.md", "posts/b c.md", "posts/ünï.md", "notes/2024-01-02-dated.md", "page.njk", "page.html",
                        "posts/posts.json", "deep/er/x.md"]

    @Test func twoHundredRandomSitesBuildAndReportRealPlaces() throws {
        var random = Seeded(state: 20_261_121)
        var failures = 0, withErrors = 0
        for index in 0..<200 {
            let seed = random.state
            let site = try RobustSite()
            defer { site.remove() }
            for _ in 0..<(1 + random.next(4)) {
                let name = random.pick(Self.names)
                if name.hasSuffix(".json") {
                    try site.write(random.pick(["{\"tags\": \"posts\"}", "{\"layout\": ", "[]", "{\"permalink\": 3}"]), to: "Content/" + name)
                } else {
                    try site.write(random.pick(Self.frontMatters) + random.pick(Self.bodies) + random.pick(Self.bodies), to: "Content/" + name)
                }
            }
            for _ in 0..<random.next(3) { let (n, t) = random.pick(Self.dataFiles); try site.write(t, to: "Content/_data/" + n) }
            for _ in 0..<random.next(3) { let (n, t) = random.pick(Self.layouts); try site.write(t, to: "Content/_layouts/" + n) }
            for _ in 0..<random.next(2) { let (n, t) = random.pick(Self.includes); try site.write(t, to: "Content/_includes/" + n) }
            if random.next(5) == 0 { try site.write(Data([0xFF, 0x00, 0xFE, 0x80]), to: "Content/binary.md") }
            try site.write("<p>previous</p>\n", to: "Site/index.html")
            let before = site.snapshot("Site")

            guard let report = site.build(seconds: 20) else {
                Issue.record("site \(index) (seed \(seed)) did not finish building")
                failures += 1
                continue
            }
            for d in report.diagnostics where !(site.exists(d.path) && d.line >= 1 && d.column >= 1) {
                Issue.record("site \(index) (seed \(seed)): \(d)")
                failures += 1
            }
            if report.errors > 0 {
                withErrors += 1
                if site.snapshot("Site") != before {
                    Issue.record("site \(index) (seed \(seed)): a failed build changed Site/")
                    failures += 1
                }
            }
        }
        #expect(failures == 0)
        // The mix is meant to be mostly broken, but not all of it.
        #expect(withErrors > 50 && withErrors < 200, "\(withErrors) of 200 sites had errors")
    }
}
