@testable import Templates
import Testing

/// Strings compare by UTF-16 code units, as in JavaScript: the byte-wise comparison must agree
/// with comparing arrays of code units for every pair, private-use characters against emoji
/// (where code units and code points disagree) included.
@Test func stringOrderIsUTF16CodeUnitOrder() {
    let strings = ["", "a", "A", "ab", "b", "Z", "é", "e\u{301}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFF}",
                   "😀", "😀a", "\u{10000}", "\u{10FFFF}", "x\u{E000}", "x😀", "post-10", "post-9", "Post-9"]
    for a in strings {
        for b in strings {
            let expected = Array(a.utf16).lexicographicallyPrecedes(Array(b.utf16))
            #expect(TemplateText.precedesInUTF16(a, b) == expected, "\(a.unicodeScalars.map(\.value)) < \(b.unicodeScalars.map(\.value))")
        }
    }
}

/// `sort` reads each item's key once; the order must be what comparing in place gave: stable,
/// lowercased only where both keys are strings, code units (emoji before private use).
@Test func sortWithKeysReadOnce() throws {
    let environment = TemplateEnvironment()
    let source = """
    {% for p in pages | sort(false, false, "data.title") %}{{ p.id }}{% endfor %}|\
    {% for p in pages | sort(true, true, "data.title") %}{{ p.id }}{% endfor %}|\
    {% for p in pages | sort(false, true, "data.title") %}{{ p.id }}{% endfor %}|\
    {{ [3, "b", 1, "B", "a", 2] | sort | join(",") }}|{{ ["b", "B", "a", "A"] | sort(false, true) | join(",") }}
    """
    let pages = TemplateValue.array([("1", "beta"), ("2", "Alpha"), ("3", "alpha"), ("4", "😀"), ("5", "\u{E000}"), ("6", "Beta")].map { id, title in
        .object(TemplateObject([("id", .string(id)), ("data", .object(TemplateObject([("title", .string(title))])))]))
    })
    let out = try environment.render(source: source, path: "t", context: TemplateObject([("pages", pages)]))
    // As comparing in place gave (checked against it): mixed numbers and strings have no total
    // order in JavaScript, so the same comparisons in the same order must give the same result.
    #expect(out == "231645|541362|263145|3,b,1,a,B,2|A,B,a,b")
}
