/// Where something was declared: a model's Swift source or a post's Markdown, 1-based.
///
/// Model declarations capture `#filePath`/`#line` so a model check points at the Swift line to fix.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
