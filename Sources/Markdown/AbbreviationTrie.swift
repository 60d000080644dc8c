/// The defined abbreviations as a trie of their labels' bytes, to find the longest label at a
/// place in text by reading each byte once, however many abbreviations a document defines.
struct AbbreviationTrie {
    /// Edges, keyed by `node << 8 | byte`.
    private var edges: [Int: Int] = [:]
    /// The abbreviation (index into `titles`) whose label ends at a node.
    private var terminals: [Int: Int] = [:]
    private(set) var titles: [String] = []
    private var nodeCount = 1

    /// Builds the trie; the first definition of a label wins.
    init(_ abbreviations: [(label: [UInt8], title: String)]) {
        for (label, title) in abbreviations where !label.isEmpty {
            var node = 0
            for b in label {
                let key = node << 8 | Int(b)
                if let next = edges[key] {
                    node = next
                } else {
                    edges[key] = nodeCount
                    node = nodeCount
                    nodeCount += 1
                }
            }
            if terminals[node] == nil {
                terminals[node] = titles.count
                titles.append(title)
            }
        }
    }

    /// The longest label that `s` holds at `start` and that `accepts` (given the index after it),
    /// as its length and title. `ends` is scratch space, reused between calls.
    func longestMatch(in s: [UInt8], at start: Int, ends: inout [(end: Int, title: Int)],
                      accepts: (Int) -> Bool) -> (length: Int, title: String)? {
        ends.removeAll(keepingCapacity: true)
        var node = 0
        var j = start
        while j < s.count, let next = edges[node << 8 | Int(s[j])] {
            node = next
            j += 1
            if let title = terminals[node] { ends.append((j, title)) }
        }
        for candidate in ends.reversed() where accepts(candidate.end) {
            return (candidate.end - start, titles[candidate.title])
        }
        return nil
    }
}
