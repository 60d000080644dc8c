/// The passes that run over the whole tree after parsing: typography, heading ids, footnotes, figures.
enum DocumentTransforms {
    static func apply(to tree: inout NodeTree, options: MarkdownOptions, autolinks: Set<Int>) {
    }
}
