/// Rendering of the extension nodes: tables, definition lists, footnotes, alerts, callouts, figures.
extension HTMLRenderer {
    mutating func enterExtension(_ node: Int) -> Bool {
        return true
    }

    mutating func exitExtension(_ node: Int) {
    }
}
