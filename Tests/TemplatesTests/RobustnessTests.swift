import Templates
import Testing

/// A small deterministic generator, so that a failing input can be reproduced.
private struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

private let pieces = [
    "{{", "}}", "{%", "%}", "{#", "#}", "-", "if", "endif", "for", "in", "endfor", "set", "=", "macro", "endmacro", "call",
    "endcall", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", "'a'", "\"b\"", "x", "y", "loop", "caller", "super", "1", "2.5",
    "and", "or", "not", "is", "defined", "+", "*", "//", "**", "~", "==", "===", "<", "raw", "endraw", "block", "endblock",
    "extends", "include", "import", "from", "as", "with", "context", "filter", "endfilter", "upper", "join", "else", "elif",
    " ", "\n", "text", "é", "’", "\\", "switch", "case", "endswitch",
]

@Test func randomInputNeverCrashesOrHangs() {
    var random = SplitMix(state: 42)
    let environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
    let context = Support.context(#"{"x": [1, {"a": "b"}], "y": {"k": "v"}}"#)
    var rendered = 0, failed = 0
    for _ in 0..<3000 {
        var source = ""
        for _ in 0..<(1 + Int(random.next() % 40)) { source += random.pick(pieces) + (random.next() % 3 == 0 ? " " : "") }
        do {
            _ = try environment.render(source: source, path: "fuzz.njk", context: context)
            rendered += 1
        } catch {
            failed += 1
            #expect(error.line >= 1 && error.column >= 1)
            #expect(error.description.hasPrefix("fuzz.njk:"))
        }
    }
    #expect(rendered + failed == 3000)
}

@Test func wellFormedRandomTemplatesRender() throws {
    // Statements nested at random, always closed: every one must render.
    var random = SplitMix(state: 7)
    let environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: []))
    func statement(_ depth: Int) -> String {
        if depth > 6 { return "{{ x | length }}" }
        switch random.next() % 6 {
        case 0: return "{% if x %}" + statement(depth + 1) + "{% else %}" + statement(depth + 1) + "{% endif %}"
        case 1: return "{% for i in [1, 2] %}{{ loop.index }}" + statement(depth + 1) + "{% endfor %}"
        case 2: return "{% set v = 'a' ~ \(depth) %}{{ v }}"
        case 3: return "{% filter upper %}" + statement(depth + 1) + "{% endfilter %}"
        case 4: return "{{ {k: [1, 'two', {n: none}]}.k[1] | upper }}"
        default: return "text\(depth) "
        }
    }
    for _ in 0..<200 {
        _ = try environment.render(source: statement(0), path: "gen.njk", context: Support.context(#"{"x": [1]}"#))
    }
}
