/// Block rules of the plugin extensions: footnote definitions and definition lists.
extension BlockParser {
    mutating func tryFootnoteDefinition(_ container: Int) -> Int? {
        nil
    }

    mutating func tryDefinition(_ container: Int) -> Int? {
        nil
    }
}

extension BlockParser {
    /// The labels of every footnote definition, for the inline parser's references.
    var footnoteLabels: Set<String> { footnoteDefinitions }
}
