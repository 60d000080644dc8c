/// markdown-it fixture cases whose output this module deliberately does not match, each with why.
enum MarkdownItKnownDifferences {
    static let cases: [String: String] = [:]

    static func reason(file: String, line: Int) -> String? { cases["\(file):\(line)"] }
}
