import Foundation
import Markdown
import Testing

/// Inputs that make naive parsers quadratic. Each renders at two sizes twenty times apart: linear
/// time takes ×20, quadratic ×400; the check allows ×80 for noise on a shared machine (the
/// benchmark has the real timings).
@Suite(.serialized) struct PathologicalInputTests {
    static let inputs: [(String, @Sendable (Int) -> String)] = [
        ("nested [", { n in String(repeating: "[", count: n) + "a" + String(repeating: "]", count: n) }),
        ("link openers", { n in String(repeating: "[a](b ", count: n) }),
        ("nested *", { n in String(repeating: "*a ", count: n) + String(repeating: " a*", count: n) }),
        ("nested >", { n in String(repeating: ">", count: n) + " a\n" }),
        ("nested list markers", { n in String(repeating: "- ", count: n) + "a\n" }),
        ("unmatched backticks", { n in String(repeating: "e`", count: n) }),
        ("reference definitions", { n in (0..<n).map { "[l\($0)]: /u\($0)\n" }.joined() + "\n" + String(repeating: "[l1] ", count: n) }),
        ("unclosed comments", { n in "a " + String(repeating: "<!-- a ", count: n) }),
    ]

    static func seconds(_ text: String) -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = MarkdownDocument.html(text, options: .markdownIt)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    @Test(arguments: 0..<inputs.count)
    func growsLinearly(_ index: Int) {
        let (name, make) = Self.inputs[index]
        let (smallText, largeText) = (make(1_000), make(20_000))
        // A busy machine can stall one measurement; a real blow-up is slow every time, so a ratio
        // over the limit is measured once more before it counts.
        var small = 0.0, large = 0.0
        for _ in 0..<2 {
            small = Self.seconds(smallText)
            large = Self.seconds(largeText)
            if large < max(small, 0.005) * 80 { break }
        }
        #expect(large < max(small, 0.005) * 80, "\(name): \(small)s at 1k, \(large)s at 20k")
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let html = MarkdownDocument.html(String(repeating: "> ", count: 50_000) + "deep\n", options: .govuk)
        #expect(html.hasSuffix("</blockquote>\n"))
        let lists = MarkdownDocument.html(String(repeating: "- ", count: 20_000) + "x\n", options: .commonMark)
        #expect(lists.contains("<li>x</li>"))
    }
}
