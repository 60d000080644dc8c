import Yams

/// A configuration file that cannot be used, with where.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    init(path: String, node: Node, message: String) {
        self.init(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
