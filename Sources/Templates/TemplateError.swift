/// An error in a template, with where it is: `path:line:column: error: message`.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The source line the error points at, for showing under the message.
    public var sourceLine: String?

    public init(path: String, line: Int, column: Int, message: String, sourceLine: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
