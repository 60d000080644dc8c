/// The order in which `eleventyComputed` values are computed: a value that reads another computed
/// value comes after it, as Eleventy orders them, and values that read each other in a loop are a
/// circular dependency (Eleventy stops with an error; we report it and go on).
///
/// What a value reads is found by scanning its template for dotted names (`eleventyNavigation.key`,
/// `title`); a name reads a computed value when one is a prefix of the other. A value that reads only
/// itself (`title: "{{ title | upper }}"`) reads its value from before the computation, so it is no loop.
struct ComputedOrder {
    /// Indices into the leaves, in the order to compute them.
    var order: [Int]
    /// Each loop found, as the leaf indices around it.
    var cycles: [[Int]]

    init(paths: [[String]], sources: [String?]) {
        let dotted = paths.map { $0.joined(separator: ".") }
        var dependencies: [[Int]] = Array(repeating: [], count: paths.count)
        for (index, source) in sources.enumerated() {
            guard let source else { continue }
            let names = Self.names(in: source)
            for (other, path) in dotted.enumerated() where other != index {
                if names.contains(where: { Self.overlaps($0, path) }) { dependencies[index].append(other) }
            }
        }
        // Depth-first, in declaration order, so independent values keep their written order.
        var state = Array(repeating: 0, count: paths.count)  // 0 new, 1 on the stack, 2 done
        var order: [Int] = []
        var cycles: [[Int]] = []
        var stack: [Int] = []
        func visit(_ node: Int) {
            state[node] = 1
            stack.append(node)
            for next in dependencies[node] {
                if state[next] == 0 {
                    visit(next)
                } else if state[next] == 1, let start = stack.firstIndex(of: next) {
                    cycles.append(Array(stack[start...]))
                }
            }
            stack.removeLast()
            state[node] = 2
            order.append(node)
        }
        for node in paths.indices where state[node] == 0 { visit(node) }
        self.order = order
        self.cycles = cycles
    }

    /// Whether a name read by a template and a computed value's path refer to the same data:
    /// equal, or one is a member of the other.
    static func overlaps(_ name: String, _ path: String) -> Bool {
        name == path || name.hasPrefix(path + ".") || path.hasPrefix(name + ".")
    }

    /// The dotted names a template reads inside `{{ }}` and `{% %}`, scanned on bytes. Quoted strings
    /// are skipped; a name after a `.` belongs to the name before it.
    static func names(in source: String) -> Set<String> {
        var names: Set<String> = []
        let bytes = Array(source.utf8)
        var index = 0
        var inTag = false
        var quote: UInt8?
        func isStart(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x24 }
        func isPart(_ b: UInt8) -> Bool { isStart(b) || (b >= 0x30 && b <= 0x39) }
        while index < bytes.count {
            let byte = bytes[index]
            if !inTag {
                if byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") || bytes[index + 1] == UInt8(ascii: "%") {
                    inTag = true
                    index += 2
                } else {
                    index += 1
                }
                continue
            }
            if let open = quote {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == open { quote = nil }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                index += 1
            } else if (byte == UInt8(ascii: "}") || byte == UInt8(ascii: "%")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") {
                inTag = false
                index += 2
            } else if isStart(byte), index == 0 || bytes[index - 1] != UInt8(ascii: ".") {
                var end = index
                while end < bytes.count, isPart(bytes[end]) || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count && isStart(bytes[end + 1])) {
                    end += 1
                }
                names.insert(String(decoding: bytes[index..<end], as: UTF8.self))
                index = end
            } else {
                index += 1
            }
        }
        return names
    }
}
