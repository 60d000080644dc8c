/// The node arena: every node of a document in one array, linked by index.
struct NodeTree {
    var nodes: [MarkdownNode]

    init(capacity: Int = 256) {
        nodes = [MarkdownNode(kind: .document, line: 1, column: 1)]
        nodes.reserveCapacity(capacity)
    }

    subscript(index: Int) -> MarkdownNode {
        _read { yield nodes[index] }
        _modify { yield &nodes[index] }
    }

    /// Adds a node as the last child of `parent`; returns its index.
    @discardableResult
    mutating func append(_ node: MarkdownNode, to parent: Int) -> Int {
        let index = nodes.count
        nodes.append(node)
        appendChild(index, to: parent)
        return index
    }

    /// Creates a detached node; returns its index.
    mutating func make(_ node: MarkdownNode) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func appendChild(_ child: Int, to parent: Int) {
        nodes[child].parent = parent
        nodes[child].next = -1
        let last = nodes[parent].lastChild
        nodes[child].previous = last
        if last == -1 { nodes[parent].firstChild = child } else { nodes[last].next = child }
        nodes[parent].lastChild = child
    }

    mutating func unlink(_ node: Int) {
        let parent = nodes[node].parent
        let previous = nodes[node].previous
        let next = nodes[node].next
        if previous != -1 { nodes[previous].next = next } else if parent != -1 { nodes[parent].firstChild = next }
        if next != -1 { nodes[next].previous = previous } else if parent != -1 { nodes[parent].lastChild = previous }
        nodes[node].parent = -1
        nodes[node].previous = -1
        nodes[node].next = -1
    }

    mutating func insertAfter(_ node: Int, _ sibling: Int) {
        unlink(sibling)
        let parent = nodes[node].parent
        let next = nodes[node].next
        nodes[sibling].parent = parent
        nodes[sibling].previous = node
        nodes[sibling].next = next
        nodes[node].next = sibling
        if next != -1 { nodes[next].previous = sibling } else if parent != -1 { nodes[parent].lastChild = sibling }
    }

    mutating func insertBefore(_ node: Int, _ sibling: Int) {
        unlink(sibling)
        let parent = nodes[node].parent
        let previous = nodes[node].previous
        nodes[sibling].parent = parent
        nodes[sibling].next = node
        nodes[sibling].previous = previous
        nodes[node].previous = sibling
        if previous != -1 { nodes[previous].next = sibling } else if parent != -1 { nodes[parent].firstChild = sibling }
    }

    /// Moves the siblings after `start` (up to, not including, `end`; -1 for all) under `newParent`.
    mutating func moveSiblings(after start: Int, upTo end: Int, into newParent: Int) {
        var node = nodes[start].next
        while node != -1 && node != end {
            let next = nodes[node].next
            unlink(node)
            appendChild(node, to: newParent)
            node = next
        }
    }

    /// Every block node in document order, without visiting inline content.
    ///
    /// The children of a block that holds inline content (paragraph, heading, table cell,
    /// definition term) are all inline, so they are not looked at: a paragraph of a hundred
    /// thousand inline nodes costs one step, not a hundred thousand, in each pass that wants blocks.
    func blockNodes() -> [Int] {
        var out: [Int] = []
        var stack = [0]
        while let node = stack.popLast() {
            out.append(node)
            if nodes[node].holdsInlineContent { continue }
            var child = nodes[node].lastChild
            while child != -1 {
                if nodes[child].isBlock { stack.append(child) }
                child = nodes[child].previous
            }
        }
        return out
    }

    /// The children of a node, in order.
    func children(of node: Int) -> [Int] {
        var out: [Int] = []
        var child = nodes[node].firstChild
        while child != -1 { out.append(child); child = nodes[child].next }
        return out
    }

    /// Moves the nodes out, leaving an empty tree, so the receiver owns the only reference and its
    /// next change does not copy every node.
    mutating func take() -> NodeTree {
        var taken = NodeTree(capacity: 0)
        swap(&taken, &self)
        return taken
    }
}
