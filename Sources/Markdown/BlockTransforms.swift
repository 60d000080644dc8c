/// Extensions that reshape blocks after parsing: GitHub alerts, Govspeak callouts, image
/// figures and the `[[toc]]` table of contents.
enum BlockTransforms {
    /// The paragraphs among `blocks` that are still in the tree.
    static func paragraphs(_ tree: NodeTree, _ blocks: [Int]) -> [Int] {
        var out: [Int] = []
        for index in blocks {
            if case .paragraph = tree[index].kind, tree[index].parent != -1 { out.append(index) }
        }
        return out
    }

    /// `> [!NOTE]` (TIP, IMPORTANT, WARNING, CAUTION) as the first line of a block quote.
    static func alerts(_ tree: inout NodeTree, blocks: [Int]) {
        for index in blocks {
            guard case .blockQuote = tree[index].kind, tree[index].parent != -1 else { continue }
            let paragraph = tree[index].firstChild
            guard paragraph != -1, case .paragraph = tree[paragraph].kind else { continue }
            let first = tree[paragraph].firstChild
            guard first != -1, case .text(let text) = tree[first].kind else { continue }
            let next = tree[first].next
            var atLineEnd = next == -1
            if next != -1, case .softBreak = tree[next].kind { atLineEnd = true }
            if next != -1, case .hardBreak = tree[next].kind { atLineEnd = true }
            let marker = text.trimmingCharacters(in: " \t")
            guard atLineEnd, marker.hasPrefix("[!"), marker.hasSuffix("]"),
                  let kind = MarkdownAlertKind(rawValue: String(marker.dropFirst(2).dropLast()).lowercased()) else { continue }
            tree.unlink(first)
            if next != -1 { tree.unlink(next) }
            if tree[paragraph].firstChild == -1 { tree.unlink(paragraph) }
            tree[index].kind = .alert(kind)
        }
    }

    /// An image alone in a paragraph becomes a figure; its title becomes the caption.
    static func figures(_ tree: inout NodeTree, blocks: [Int]) {
        for paragraph in paragraphs(tree, blocks) {
            let image = tree[paragraph].firstChild
            guard image != -1, tree[image].next == -1, case .image(let destination, let title) = tree[image].kind else { continue }
            tree[paragraph].kind = .figure
            if !title.isEmpty {
                tree[image].kind = .image(destination: destination, title: "")
                let caption = tree.append(MarkdownNode(kind: .figureCaption, line: tree[image].line, column: tree[image].column), to: paragraph)
                tree.append(MarkdownNode(kind: .text(title), line: tree[image].line, column: tree[image].column), to: caption)
            }
        }
    }

    /// A paragraph that is only `[[toc]]`.
    static func tableOfContents(_ tree: inout NodeTree, blocks: [Int]) {
        for paragraph in paragraphs(tree, blocks) {
            let only = tree[paragraph].firstChild
            guard only != -1, tree[only].next == -1, case .text(let text) = tree[only].kind,
                  text.utf8.count <= 16, text.utf8.contains(UInt8(ascii: "[")),
                  text.trimmingCharacters(in: " \t").lowercased() == "[[toc]]" else { continue }
            tree.unlink(only)
            tree[paragraph].kind = .tableOfContents
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
}
