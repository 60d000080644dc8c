import Foundation
@testable import Site

/// One kind of bad input for a whole build: the files that make it, and the diagnostics it must give.
struct BadInputCase: Sendable, CustomStringConvertible {
    /// A diagnostic the build must report: its file, a line (a range where the parser may reasonably
    /// point at the line of the problem or the next), optionally the column, severity and words.
    struct Expected: Sendable {
        var path: String
        var lines: ClosedRange<Int>
        var column: Int? = nil
        var severity: Diagnostic.Severity? = .error
        var contains: String? = nil

        func matches(_ d: Diagnostic) -> Bool {
            d.path == path && lines.contains(d.line) && (column == nil || d.column == column)
                && (severity == nil || d.severity == severity)
                && (contains == nil || d.message.localizedCaseInsensitiveContains(contains ?? ""))
        }
    }

    var name: String
    var files: [(path: String, bytes: Data)]
    var expected: [Expected]
    /// Whether the input has errors; if not, the build must succeed and write the site.
    var fails: Bool = true

    var description: String { name }

    init(_ name: String, _ files: [(String, String)], bytes: [(String, Data)] = [], expect expected: [Expected], fails: Bool = true) {
        self.name = name
        self.files = files.map { ($0.0, Data($0.1.utf8)) } + bytes.map { ($0.0, $0.1) }
        self.expected = expected
        self.fails = fails
    }
}
