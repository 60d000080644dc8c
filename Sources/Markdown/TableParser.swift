/// GFM pipe tables, as markdown-it reads them.
enum TableParser {
    static func convert(paragraph: Int, in tree: inout NodeTree) {
    }
}
