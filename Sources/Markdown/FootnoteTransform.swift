/// markdown-it-footnote's tail: numbers references in reading order and moves the referenced
/// definitions into one footnote block at the end of the document.
enum FootnoteTransform {
    static func apply(to tree: inout NodeTree) {
        // Definitions anywhere in the tree, by label (the first wins).
        var definitions: [String: Int] = [:]
        var references: [Int] = []
        var stack = [0]
        var order: [Int] = []
        while let node = stack.popLast() {
            order.append(node)
            var child = tree[node].lastChild
            while child != -1 { stack.append(child); child = tree[child].previous }
        }
        for node in order {
            switch tree[node].kind {
            case .footnoteDefinition(let label, _):
                if definitions[label] == nil { definitions[label] = node }
            case .footnoteReference:
                references.append(node)
            default:
                break
            }
        }
        for node in definitions.values { tree.unlink(node) }
        for node in order {
            if case .footnoteDefinition = tree[node].kind, tree[node].parent != -1 { tree.unlink(node) }
        }
        guard !references.isEmpty else { return }
        var numbers: [String: Int] = [:]
        var counts: [String: Int] = [:]
        var listed: [String] = []
        for node in references {
            guard case .footnoteReference(let label, _, _) = tree[node].kind else { continue }
            let number: Int
            if let existing = numbers[label] {
                number = existing
            } else {
                number = numbers.count + 1
                numbers[label] = number
                listed.append(label)
            }
            let sub = counts[label, default: 0]
            counts[label] = sub + 1
            tree[node].kind = .footnoteReference(label: label, number: number, subIndex: sub)
        }
        let block = tree.append(MarkdownNode(kind: .footnoteBlock, line: tree[0].line, column: 1), to: 0)
        for label in listed {
            guard let definition = definitions[label], let number = numbers[label] else { continue }
            tree[definition].kind = .footnoteDefinition(label: label, number: number)
            tree[definition].attributes = [MarkdownAttribute(name: "data-references", value: String(counts[label] ?? 1))]
            tree.appendChild(definition, to: block)
        }
    }
}
