/// A problem found while building, with where it is: `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    /// The file, as given to the build (relative to the working folder where possible).
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// A check's id (`D3`, `M1`), if the diagnostic comes from one.
    public var id: String?

    public init(_ severity: Severity, path: String, line: Int = 1, column: Int = 1, message: String, id: String? = nil) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.id = id
    }

    public var description: String {
        let label = id.map { "\(severity.rawValue)[\($0)]" } ?? severity.rawValue
        return "\(path):\(line):\(column): \(label): \(message)"
    }
}
