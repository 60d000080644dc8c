/// Values kept beside some nodes of a `NodeTree` while parsing (a list item's marker and padding),
/// in the order the nodes were made.
///
/// Nodes are appended to the arena, so their indices only grow: the table is two arrays in
/// ascending node order, appended to in O(1) and searched by bisection. A dictionary would hash
/// every key and rehash as it grows, which dominated documents of a hundred thousand list items.
struct NodeTable<Value> {
    private var keys: [Int] = []
    private var values: [Value] = []

    /// The value of `node`, or nil.
    subscript(node: Int) -> Value? {
        guard let k = slot(of: node) else { return nil }
        return values[k]
    }

    /// Sets the value of `node`. Nodes come in ascending order, so this is an append; a node
    /// already in the table has its value replaced.
    mutating func set(_ value: Value, for node: Int) {
        let k = insertionPoint(of: node)
        if k < keys.count, keys[k] == node {
            values[k] = value
        } else {
            keys.insert(node, at: k)
            values.insert(value, at: k)
        }
    }

    private func slot(of node: Int) -> Int? {
        let k = insertionPoint(of: node)
        return k < keys.count && keys[k] == node ? k : nil
    }

    /// The index of the first key not below `node`.
    private func insertionPoint(of node: Int) -> Int {
        // The newest node is the one most often asked about or added.
        guard let last = keys.last, node <= last else { return keys.count }
        if last == node { return keys.count - 1 }
        var lo = 0
        var hi = keys.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < node { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
