import Foundation
import Markdown
import Testing

/// One example of the CommonMark spec's JSON export.
struct SpecExample: Decodable, Sendable {
    let markdown: String
    let html: String
    let example: Int
    let section: String
}

/// Every example of CommonMark 0.31.2, rendered with the bare CommonMark profile and compared
/// after the spec's HTML normalisation.
@Test func commonMarkSpecExamplesAllPass() throws {
    let examples = try JSONDecoder().decode([SpecExample].self, from: FixtureLoader.data("commonmark/spec-0.31.2.json"))
    var failures: [String] = []
    var exact = 0
    for example in examples {
        let html = MarkdownDocument.html(example.markdown, options: .commonMark)
        if html == example.html { exact += 1 }
        if html != example.html && HTMLNormalizer.normalize(html) != HTMLNormalizer.normalize(example.html) {
            failures.append("example \(example.example) (\(example.section)):\n\(example.markdown)\nexpected:\n\(example.html)\ngot:\n\(html)")
        }
    }
    print("CommonMark spec: \(examples.count - failures.count)/\(examples.count) examples pass (\(exact) byte-for-byte)")
    if ProcessInfo.processInfo.environment["SHOW_FAILURES"] != nil {
        for failure in failures { print("----\n" + failure) }
    }
    #expect(examples.count == 652)
    #expect(failures.isEmpty, "\(failures.count) failing: \(failures.prefix(3).joined(separator: "\n\n"))")
}
