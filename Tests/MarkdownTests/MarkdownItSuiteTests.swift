import Foundation
import Markdown
import Testing

/// markdown-it's own fixtures and its plugins', each case with the options its runner used.
/// A case either passes, needs something outside this module (counted as not applicable, with
/// the reason), or is a known, explained difference listed in `MarkdownItKnownDifferences`.
@Test(arguments: [
    "markdown-it+markdown-it.json", "markdown-it+markdown-it-footnote.json", "markdown-it+markdown-it-deflist.json",
    "markdown-it+markdown-it-abbr.json", "markdown-it+markdown-it-sub.json", "markdown-it+markdown-it-sup.json",
    "markdown-it+markdown-it-ins.json", "markdown-it+markdown-it-mark.json", "arve0+markdown-it-attrs.json",
    "valeriangalliat+markdown-it-anchor.json",
])
func markdownItSuite(_ fileName: String) throws {
    let suite = try JSONDecoder().decode(MarkdownItSuite.self, from: FixtureLoader.data("markdown-it/" + fileName))
    var passed = 0
    var notApplicable: [String: Int] = [:]
    var known = 0
    var failures: [String] = []
    for testCase in suite.cases {
        guard let expected = testCase.html else {
            notApplicable["matches patterns only", default: 0] += 1
            continue
        }
        switch MarkdownItSetup.read(testCase) {
        case .notApplicable(let reason):
            notApplicable[reason, default: 0] += 1
        case .options(let options):
            var html = MarkdownDocument.html(testCase.markdown, options: options)
            if testCase.options.contains("<blockquote></blockquote>") {
                // The runner normalised the expected HTML this way; do the same to ours.
                html = html.replacingOccurrences(of: "<blockquote>\n</blockquote>", with: "<blockquote></blockquote>")
            }
            if html == expected {
                passed += 1
                if MarkdownItKnownDifferences.reason(file: testCase.file, line: testCase.line) != nil {
                    failures.append("\(testCase.file):\(testCase.line) is listed as a known difference but passes: remove it from the list")
                }
            } else if MarkdownItKnownDifferences.reason(file: testCase.file, line: testCase.line) != nil {
                known += 1
            } else {
                failures.append("\(testCase.file):\(testCase.line) \(testCase.name ?? "")\n\(testCase.markdown)\nexpected:\n\(expected)\ngot:\n\(html)")
            }
        }
    }
    let skipped = notApplicable.values.reduce(0, +)
    print("\(fileName): \(passed) pass, \(known) known differences, \(failures.count) fail, \(skipped) not applicable of \(suite.cases.count)")
    for (reason, count) in notApplicable.sorted(by: { $0.key < $1.key }) { print("  not applicable (\(count)): \(reason)") }
    if ProcessInfo.processInfo.environment["SHOW_FAILURES"] != nil {
        for failure in failures { print("----\n" + failure) }
    }
    #expect(failures.isEmpty, "\(failures.count) failing in \(fileName)")
}
