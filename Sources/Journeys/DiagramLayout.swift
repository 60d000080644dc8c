/// A layered, deterministic layout of a journey (Sugiyama-style): steps on rows, each route split at
/// every row it crosses so routes run between boxes, never through them, and its condition label on
/// the row just after where it branches. Steps of a region (another service) share a lane of their
/// own, so a region's box holds its steps and nothing else.
public struct DiagramLayout: Sendable {
    public struct Box: Sendable, Hashable {
        public var x: Double, y: Double, width: Double, height: Double
        public var minX: Double { x - width / 2 }
        public var maxX: Double { x + width / 2 }
        public var minY: Double { y - height / 2 }
        public var maxY: Double { y + height / 2 }

        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    public struct Node: Sendable {
        public var step: Step
        public var box: Box
        public var lines: [String]
    }

    public struct Edge: Sendable {
        /// The route's number in `Journey.routes`.
        public var route: Int
        public var from: String
        public var to: String
        /// Points from the route's source to its target.
        public var points: [(x: Double, y: Double)]
        public var label: [String]
        public var labelBox: Box?
    }

    public struct RegionBox: Sendable {
        public var name: String
        public var box: Box
    }

    public var nodes: [Node] = []
    public var edges: [Edge] = []
    public var regions: [RegionBox] = []
    public var width: Double = 0
    public var height: Double = 0

    static let nodeWidth = 200.0
    static let charWidth = 7.0
    static let lineHeight = 16.0
    static let labelLineHeight = 14.0
    static let gap = 24.0
    static let laneGap = 48.0
    static let rowGap = 18.0
    static let margin = 16.0
    static let regionPadding = (top: 30.0, side: 14.0, bottom: 14.0)

    /// Words wrapped to lines of at most `limit` characters (a long word stands alone).
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= limit { line += " " + word }
            else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    /// The text lines of a step's box: its title, then its id, then its notes' kinds.
    static func lines(of step: Step) -> [String] {
        let limit = Int((nodeWidth - 28) / charWidth)
        return wrap(step.title, limit: limit)
    }

    static func height(of step: Step) -> Double {
        let badges = step.isOutcome || step.notes.contains { $0.kind == .proposed || $0.kind == .notIncludedInResearch } ? 14.0 : 0.0
        let known = step.notes.contains { $0.kind == .knownIssue } ? 14.0 : 0.0
        return 14 + Double(lines(of: step).count) * lineHeight + 14 + badges + known + 6
    }

    public init(journey: Journey) {
        let g = journey.graph
        let n = g.count
        guard n > 0 else { return }

        // Routes that can be drawn: a real target, not a loop onto itself.
        struct Link { var route: Int; var from: Int; var to: Int; var label: String? }
        var links: [Link] = []
        for (number, entry) in journey.routes.enumerated() {
            guard let from = g.index[entry.from.id], let to = g.index[entry.route.target], from != to else { continue }
            let many = entry.from.routes.count > 1
            links.append(Link(route: number, from: from, to: to, label: entry.route.label ?? (many ? "otherwise" : nil)))
        }

        // 1. Break cycles: a depth-first walk from the start in document order; back edges point up.
        var state = [UInt8](repeating: 0, count: n) // 0 new, 1 on stack, 2 done
        var reversed = Set<Int>()
        var order: [Int] = []
        var outgoing = [[Int]](repeating: [], count: n)
        for (k, link) in links.enumerated() { outgoing[link.from].append(k) }
        let roots = [g.start].compactMap { $0 } + Array(0..<n)
        for root in roots where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            order.append(root)
            while let top = stack.last {
                if top.next < outgoing[top.node].count {
                    stack[stack.count - 1].next += 1
                    let k = outgoing[top.node][top.next]
                    let t = links[k].to
                    if state[t] == 1 { reversed.insert(k) }
                    else if state[t] == 0 { state[t] = 1; order.append(t); stack.append((t, 0)) }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        func upper(_ k: Int) -> Int { reversed.contains(k) ? links[k].to : links[k].from }
        func lower(_ k: Int) -> Int { reversed.contains(k) ? links[k].from : links[k].to }

        // 2. Ranks: longest path from the sources, in discovery order.
        var indegree = [Int](repeating: 0, count: n)
        var down = [[Int]](repeating: [], count: n)
        for k in links.indices { indegree[lower(k)] += 1; down[upper(k)].append(k) }
        var rank = [Int](repeating: 0, count: n)
        var ready = order.filter { indegree[$0] == 0 }
        var head = 0
        while head < ready.count {
            let u = ready[head]; head += 1
            for k in down[u] {
                let v = lower(k)
                rank[v] = max(rank[v], rank[u] + 1)
                indegree[v] -= 1
                if indegree[v] == 0 { ready.append(v) }
            }
        }

        // 3. Lanes: 0 for the service's own steps, 1… for each region.
        let laneOf: [Int] = journey.steps.map { step in step.region.flatMap { journey.regions.firstIndex(of: $0) }.map { $0 + 1 } ?? 0 }
        let laneCount = journey.regions.count + 1

        // 4. Items on rows: steps on even rows, route pieces on every row a route crosses.
        struct Item { var step: Int?; var link: Int?; var row: Int; var lane: Int; var width: Double; var height: Double; var label: [String]; var x = 0.0; var order = 0.0 }
        var items: [Item] = []
        var stepItem = [Int](repeating: 0, count: n)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, Double($0)) })
        for i in 0..<n {
            stepItem[i] = items.count
            items.append(Item(step: i, link: nil, row: rank[i] * 2, lane: laneOf[i], width: Self.nodeWidth, height: Self.height(of: journey.steps[i]), label: [], order: position[i] ?? Double(i)))
        }
        var chains = [[Int]](repeating: [], count: links.count) // item indices from upper to lower end
        for (k, link) in links.enumerated() {
            let top = upper(k), bottom = lower(k)
            let lane = laneOf[link.from] == laneOf[link.to] ? laneOf[link.from] : 0
            let labelRow = reversed.contains(k) ? rank[bottom] * 2 - 1 : rank[top] * 2 + 1
            var chain = [stepItem[top]]
            for row in stride(from: rank[top] * 2 + 1, to: rank[bottom] * 2, by: 1) {
                var label: [String] = []
                if row == labelRow, let text = link.label { label = Self.wrap(text, limit: 24) }
                let width = label.isEmpty ? 8 : Double(label.map(\.count).max() ?? 0) * 6.4 + 12
                let height = label.isEmpty ? 8 : Double(label.count) * Self.labelLineHeight + 6
                chain.append(items.count)
                items.append(Item(step: nil, link: k, row: row, lane: lane, width: width, height: height, label: label, order: position[top] ?? 0))
            }
            chain.append(stepItem[bottom])
            chains[k] = chain
        }
        let rowCount = (items.map(\.row).max() ?? 0) + 1
        var rows = [[Int]](repeating: [], count: rowCount)
        for (i, item) in items.enumerated() { rows[item.row].append(i) }
        var above = [[Int]](repeating: [], count: items.count), below = [[Int]](repeating: [], count: items.count)
        for chain in chains { for (a, b) in zip(chain, chain.dropFirst()) { below[a].append(b); above[b].append(a) } }

        // 5. Order within rows: lanes kept together, then barycentres, swept down and up.
        func sortRow(_ r: Int) {
            rows[r].sort { (items[$0].lane, items[$0].order, $0) < (items[$1].lane, items[$1].order, $1) }
            for (p, i) in rows[r].enumerated() { items[i].order = Double(p) }
        }
        for r in 0..<rowCount { sortRow(r) }
        for sweep in 0..<8 {
            let downward = sweep % 2 == 0
            for r in (downward ? Array(1..<max(1, rowCount)) : Array((0..<max(0, rowCount - 1)).reversed())) {
                for i in rows[r] {
                    let neighbours = downward ? above[i] : below[i]
                    if !neighbours.isEmpty { items[i].order = neighbours.map { items[$0].order }.reduce(0, +) / Double(neighbours.count) + Double(i) * 1e-9 }
                }
                sortRow(r)
            }
        }

        // 6. Lanes side by side; rows where no region is present let the service's steps use the full width.
        var laneWidth = [Double](repeating: 0, count: laneCount)
        for r in 0..<rowCount {
            for lane in 0..<laneCount {
                let members = rows[r].filter { items[$0].lane == lane }
                let packed = members.map { items[$0].width }.reduce(0, +) + Double(max(0, members.count - 1)) * Self.gap
                laneWidth[lane] = max(laneWidth[lane], packed)
            }
        }
        var laneLeft = [Double](repeating: Self.margin, count: laneCount)
        var cursor = Self.margin
        for lane in 0..<laneCount where laneWidth[lane] > 0 || lane == 0 {
            laneLeft[lane] = cursor
            cursor += laneWidth[lane] + Self.laneGap
        }
        let totalRight = max(cursor - Self.laneGap, Self.margin + Self.nodeWidth)
        var regionRows = [(lo: Int, hi: Int)](repeating: (Int.max, Int.min), count: laneCount)
        for item in items where item.lane > 0 { regionRows[item.lane] = (min(regionRows[item.lane].lo, item.row), max(regionRows[item.lane].hi, item.row)) }
        func bounds(_ item: Item) -> (Double, Double) {
            if item.lane == 0 && !(1..<laneCount).contains(where: { regionRows[$0].lo - 1 <= item.row && item.row <= regionRows[$0].hi + 1 }) {
                return (Self.margin, totalRight)
            }
            return (laneLeft[item.lane], laneLeft[item.lane] + laneWidth[item.lane])
        }
        func place(_ r: Int, desired: (Int) -> Double) {
            for lane in 0..<laneCount {
                let members = rows[r].filter { items[$0].lane == lane }
                guard let first = members.first else { continue }
                let (lo, hi) = bounds(items[first])
                var xs = members.map(desired)
                for (p, i) in members.enumerated() {
                    let minimum = p == 0 ? lo + items[i].width / 2 : xs[p - 1] + items[members[p - 1]].width / 2 + Self.gap + items[i].width / 2
                    xs[p] = max(xs[p], minimum)
                }
                for p in members.indices.reversed() {
                    let i = members[p]
                    let maximum = p == members.count - 1 ? hi - items[i].width / 2 : xs[p + 1] - items[members[p + 1]].width / 2 - Self.gap - items[i].width / 2
                    xs[p] = min(xs[p], maximum)
                }
                for (p, i) in members.enumerated() { items[i].x = xs[p] }
            }
        }
        for r in 0..<rowCount {
            // Start centred in the available width.
            place(r) { i in
                let (lo, hi) = bounds(items[i])
                return (lo + hi) / 2
            }
        }
        for sweep in 0..<8 {
            let downward = sweep % 2 == 0
            for r in (downward ? Array(0..<rowCount) : Array((0..<rowCount).reversed())) {
                place(r) { i in
                    let neighbours = (downward ? above[i] : below[i]) + (sweep >= 4 ? (downward ? below[i] : above[i]) : [])
                    guard !neighbours.isEmpty else { return items[i].x }
                    return neighbours.map { items[$0].x }.reduce(0, +) / Double(neighbours.count)
                }
            }
        }

        // 6b. Straighten routes: run a route's pieces down one line (under its target or its source)
        // wherever the rows leave room for it, so long routes do not wave from row to row.
        var slot = [Int](repeating: 0, count: items.count)
        for row in rows { for (p, i) in row.enumerated() { slot[i] = p } }
        func fits(_ i: Int, at x: Double) -> Bool {
            let row = rows[items[i].row], p = slot[i], w = items[i].width / 2
            let (lo, hi) = bounds(items[i])
            if x - w < lo - 0.01 || x + w > hi + 0.01 { return false }
            if p > 0 { let l = items[row[p - 1]]; if x - w < l.x + l.width / 2 + Self.gap - 0.01 { return false } }
            if p + 1 < row.count { let r = items[row[p + 1]]; if x + w > r.x - r.width / 2 - Self.gap + 0.01 { return false } }
            return true
        }
        for chain in chains where chain.count > 2 {
            let pieces = Array(chain.dropFirst().dropLast())
            let xs = pieces.map { items[$0].x }.sorted()
            let median = xs[xs.count / 2]
            let candidates = [items[chain[chain.count - 1]].x, items[chain[0]].x] + xs.sorted { (abs($0 - median), $0) < (abs($1 - median), $1) }
            if let x = candidates.first(where: { x in pieces.allSatisfy { fits($0, at: x) } }) {
                for i in pieces { items[i].x = x }
                continue
            }
            // No one line fits: line up as many neighbouring pieces as fit, downwards then upwards.
            for (a, b) in zip(pieces, pieces.dropFirst()) where fits(b, at: items[a].x) { items[b].x = items[a].x }
            for (a, b) in zip(pieces, pieces.dropFirst()).reversed() where fits(a, at: items[b].x) { items[a].x = items[b].x }
        }

        // 7. Rows top to bottom.
        var rowTop = [Double](repeating: 0, count: rowCount), rowHeight = [Double](repeating: 0, count: rowCount)
        var y = Self.margin + (journey.regions.isEmpty ? 0 : Self.regionPadding.top)
        for r in 0..<rowCount {
            rowTop[r] = y
            rowHeight[r] = rows[r].map { items[$0].height }.max() ?? 8
            if r % 2 == 1 { rowHeight[r] = max(rowHeight[r], 8) }
            y += rowHeight[r] + Self.rowGap
        }

        // 8. Results.
        for i in 0..<n {
            let item = items[stepItem[i]]
            let step = journey.steps[i]
            nodes.append(Node(step: step, box: Box(x: item.x, y: rowTop[item.row] + rowHeight[item.row] / 2, width: item.width, height: item.height), lines: Self.lines(of: step)))
        }
        for (k, link) in links.enumerated() {
            var points: [(x: Double, y: Double)] = []
            var labelBox: Box?
            var label: [String] = []
            for (p, itemIndex) in chains[k].enumerated() {
                let item = items[itemIndex]
                let top = rowTop[item.row], bottom = rowTop[item.row] + rowHeight[item.row]
                if p == 0 {
                    let box = nodes[item.step ?? 0].box
                    points.append((item.x, box.maxY)); points.append((item.x, bottom))
                } else if p == chains[k].count - 1 {
                    let box = nodes[item.step ?? 0].box
                    points.append((item.x, top)); points.append((item.x, box.minY))
                } else {
                    points.append((item.x, top)); points.append((item.x, bottom))
                    if !item.label.isEmpty {
                        label = item.label
                        labelBox = Box(x: item.x, y: top + rowHeight[item.row] / 2, width: item.width, height: item.height)
                    }
                }
            }
            if reversed.contains(k) { points.reverse() }
            edges.append(Edge(route: link.route, from: journey.steps[link.from].id, to: journey.steps[link.to].id, points: points, label: label, labelBox: labelBox))
        }
        for lane in 1..<laneCount where regionRows[lane].lo != Int.max {
            let members = items.filter { $0.lane == lane }
            let left = members.map { $0.x - $0.width / 2 }.min() ?? 0, right = members.map { $0.x + $0.width / 2 }.max() ?? 0
            let top = rowTop[regionRows[lane].lo] - Self.regionPadding.top
            let bottom = rowTop[regionRows[lane].hi] + rowHeight[regionRows[lane].hi] + Self.regionPadding.bottom
            let lo = left - Self.regionPadding.side, hi = right + Self.regionPadding.side
            regions.append(RegionBox(name: journey.regions[lane - 1], box: Box(x: (lo + hi) / 2, y: (top + bottom) / 2, width: hi - lo, height: bottom - top)))
        }
        height = y - Self.rowGap + Self.margin + Self.regionPadding.bottom
        // Move everything so the leftmost thing drawn sits on the margin.
        let leftmost = (nodes.map(\.box.minX) + edges.compactMap { $0.labelBox?.minX } + edges.flatMap { $0.points.map(\.x) } + regions.map(\.box.minX)).min() ?? Self.margin
        let shift = Self.margin - leftmost
        let rightmost = (nodes.map(\.box.maxX) + edges.compactMap { $0.labelBox?.maxX } + edges.flatMap { $0.points.map(\.x) } + regions.map(\.box.maxX)).max() ?? 0
        width = rightmost + shift + Self.margin
        if shift != 0 {
            for i in nodes.indices { nodes[i].box.x += shift }
            for i in edges.indices { edges[i].points = edges[i].points.map { ($0.x + shift, $0.y) }; edges[i].labelBox?.x += shift }
            for i in regions.indices { regions[i].box.x += shift }
        }
    }

    /// Pairs of things drawn on top of each other that should not be: boxes with boxes, labels with
    /// boxes and labels, region boxes with steps outside them. Empty for a readable diagram.
    public var overlaps: [String] {
        var out: [String] = []
        let labelled = edges.compactMap { edge in edge.labelBox.map { ("label \(edge.from)->\(edge.to)", $0) } }
        let things = nodes.map { ("step \($0.step.id)", $0.box) } + labelled
        for a in things.indices { for b in things.indices where a < b && things[a].1.overlaps(things[b].1) { out.append("\(things[a].0) overlaps \(things[b].0)") } }
        for region in regions {
            for node in nodes where node.step.region != region.name && node.box.overlaps(region.box) { out.append("step \(node.step.id) overlaps region \(region.name)") }
            for (name, box) in labelled where box.overlaps(region.box) && !(box.minX >= region.box.minX && box.maxX <= region.box.maxX && box.minY >= region.box.minY + Self.regionPadding.top - 4 && box.maxY <= region.box.maxY) {
                out.append("\(name) overlaps region \(region.name)")
            }
        }
        for a in regions.indices { for b in regions.indices where a < b && regions[a].box.overlaps(regions[b].box) { out.append("region \(regions[a].name) overlaps region \(regions[b].name)") } }
        return out
    }
}
