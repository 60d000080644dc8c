/// markdown-it-attrs: `{.class #id key=value}` after an inline element, at the end of a block,
/// on a line of its own below a list, block quote or table, and after a fence's info string.
enum AttributesTransform {
    /// Parses `{…}` starting at `start`; returns the attributes and the index after `}`.
    static func parse(_ s: [UInt8], _ start: Int) -> (attributes: [MarkdownAttribute], end: Int)? {
        guard start < s.count, s[start] == UInt8(ascii: "{") else { return nil }
        var i = start + 1
        var attributes: [MarkdownAttribute] = []
        while i < s.count {
            while i < s.count, s[i] == 0x20 { i += 1 }
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: "}") {
                return attributes.isEmpty ? nil : (attributes, i + 1)
            }
            guard let token = token(s, i) else { return nil }
            if token.joining, let k = attributes.firstIndex(where: { $0.name == token.name }) {
                attributes[k].value += " " + token.value
            } else {
                attributes.append(MarkdownAttribute(name: token.name, value: token.value))
            }
            i = token.end
        }
        return nil
    }

    /// One token of `{…}` starting at `start` (not a space): `.class`, `..module`, `#id`, `name` or
    /// `name=value` (a quoted value may hold spaces and braces). Returns the attribute, whether it
    /// joins an earlier one of its name, and where the token ends (at a space or `}`); nil for an
    /// invalid token (an empty class or id, an unclosed quote, a line break, no `}` after it).
    static func token(_ s: [UInt8], _ start: Int) -> (name: String, value: String, joining: Bool, end: Int)? {
        var i = start
        var name: [UInt8] = []
        var value: [UInt8]? = nil
        while i < s.count, s[i] != 0x20, s[i] != UInt8(ascii: "}"), s[i] != 0x0A {
            if s[i] == UInt8(ascii: "="), value == nil {
                value = []
                i += 1
                if i < s.count, s[i] == UInt8(ascii: "\"") || s[i] == UInt8(ascii: "'") {
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote { value?.append(s[i]); i += 1 }
                    guard i < s.count else { return nil }
                    i += 1
                }
                continue
            }
            if value != nil { value?.append(s[i]) } else { name.append(s[i]) }
            i += 1
        }
        guard i < s.count, s[i] != 0x0A else { return nil }
        let text = String(decoding: name, as: UTF8.self)
        if text.hasPrefix("..") {
            guard text.count > 2 else { return nil }
            return ("css-module", String(text.dropFirst(2)), true, i)
        } else if text.hasPrefix(".") {
            guard text.count > 1 else { return nil }
            return ("class", String(text.dropFirst()), true, i)
        } else if text.hasPrefix("#") {
            guard text.count > 1 else { return nil }
            return ("id", String(text.dropFirst()), false, i)
        }
        guard !text.isEmpty else { return nil }
        return (text, String(decoding: value ?? [], as: UTF8.self), false, i)
    }

    static func merge(_ attributes: [MarkdownAttribute], into node: Int, _ tree: inout NodeTree) {
        for attribute in attributes {
            if attribute.name == "class", let k = tree[node].attributes.firstIndex(where: { $0.name == "class" }) {
                tree[node].attributes[k].value += " " + attribute.value
            } else if let k = tree[node].attributes.firstIndex(where: { $0.name == attribute.name }) {
                tree[node].attributes[k].value = attribute.value
            } else {
                tree[node].attributes.append(attribute)
            }
        }
    }

    static func text(_ tree: NodeTree, _ node: Int) -> [UInt8]? {
        if case .text(let t) = tree[node].kind { return Array(t.utf8) }
        return nil
    }

    /// `{…}` that ends at the end of `s`, found from the last `{` that parses to the end.
    ///
    /// Parsing from each `{` in turn would read the rest of the text again for each one (quadratic
    /// for a long run of `{a ` ending in an invalid `.}`). But a parse from any `{` is its first
    /// token followed by the tokens from where that one ends, and a token read from a given place
    /// is the same whichever `{` the parse began at. So whether the tokens from a place run validly
    /// to the final `}` is worked out once per place and remembered; only the `{` found is parsed
    /// in full.
    static func trailing(_ s: [UInt8]) -> (attributes: [MarkdownAttribute], start: Int)? {
        guard s.last == UInt8(ascii: "}") else { return nil }
        // For a token start: 0 not known yet, 1 the tokens from here reach the final `}`, 2 they don't.
        var reachesEnd = [UInt8](repeating: 0, count: s.count)
        func tokensReachEnd(from first: Int) -> Bool {
            var chain: [Int] = []
            var p = first
            var result: UInt8 = 2
            while true {
                if reachesEnd[p] != 0 { result = reachesEnd[p]; break }
                chain.append(p)
                guard let token = token(s, p) else { break }
                var next = token.end
                while next < s.count, s[next] == 0x20 { next += 1 }
                guard next < s.count else { break }
                if s[next] == UInt8(ascii: "}") {
                    if next == s.count - 1 { result = 1 }
                    break
                }
                p = next
            }
            for q in chain { reachesEnd[q] = result }
            return result == 1
        }
        var k = s.count - 1
        while k >= 0 {
            if s[k] == UInt8(ascii: "{") {
                var first = k + 1
                while first < s.count, s[first] == 0x20 { first += 1 }
                // `{}` and `{ }` hold no attribute; otherwise the tokens must run to the final `}`.
                if first < s.count - 1, tokensReachEnd(from: first), let parsed = parse(s, k), parsed.end == s.count {
                    return (parsed.attributes, k)
                }
            }
            k -= 1
        }
        return nil
    }

    static func apply(to tree: inout NodeTree) {
        let blocks = MarkdownDocument.inlineContainers(tree)
        // Inline elements: `**bold**{.red}`.
        for index in tree.nodes.indices where tree[index].parent != -1 || index == 0 {
            guard case .text(let raw) = tree[index].kind, raw.utf8.first == UInt8(ascii: "{"), let s = text(tree, index) else { continue }
            let previous = tree[index].previous
            guard previous != -1, !tree[previous].isBlock else { continue }
            switch tree[previous].kind {
            case .text, .softBreak, .hardBreak, .html: continue
            default: break
            }
            guard let parsed = parse(s, 0) else { continue }
            merge(parsed.attributes, into: previous, &tree)
            setText(&tree, index, Array(s[parsed.end...]))
        }
        for block in blocks where tree[block].parent != -1 {
            let parent = tree[block].parent
            var last = tree[block].lastChild
            guard last != -1, case .text(let raw) = tree[last].kind, raw.utf8.last == UInt8(ascii: "}"), let s = text(tree, last) else { continue }
            // A paragraph that is only `{…}`: for the block before it.
            if case .paragraph = tree[block].kind, tree[block].firstChild == last, let parsed = parse(s, 0), parsed.end == s.count,
               tree[block].previous != -1 {
                merge(parsed.attributes, into: tree[block].previous, &tree)
                tree.unlink(block)
                continue
            }
            // A last line that is only `{…}`: for the list, block quote or paragraph.
            let before = tree[last].previous
            if before != -1, case .softBreak = tree[before].kind, let parsed = parse(s, 0), parsed.end == s.count {
                var target = block
                if case .item = tree[parent].kind { target = tree[parent].parent }
                else if case .blockQuote = tree[parent].kind { target = parent }
                merge(parsed.attributes, into: target, &tree)
                tree.unlink(last)
                tree.unlink(before)
                last = tree[block].lastChild
            }
            // `{…}` at the end of the block's text.
            guard last != -1, let t = text(tree, last), let found = trailing(t) else { continue }
            var keep = Array(t[..<found.start])
            while let c = keep.last, c == 0x20 || c == 0x09 { keep.removeLast() }
            var target = block
            if case .item = tree[parent].kind, case .paragraph = tree[block].kind { target = parent }
            merge(found.attributes, into: target, &tree)
            setText(&tree, last, keep)
        }
        // Fenced code: ```` ```js {.c} ````.
        for index in tree.blockNodes() {
            guard case .codeBlock(let info, let literal, true) = tree[index].kind, info.hasSuffix("}") else { continue }
            let bytes = Array(info.utf8)
            guard let found = trailing(bytes) else { continue }
            var keep = Array(bytes[..<found.start])
            while let c = keep.last, c == 0x20 || c == 0x09 { keep.removeLast() }
            tree[index].kind = .codeBlock(info: String(decoding: keep, as: UTF8.self), literal: literal, fenced: true)
            merge(found.attributes, into: index, &tree)
        }
    }

    static func setText(_ tree: inout NodeTree, _ node: Int, _ bytes: [UInt8]) {
        if bytes.isEmpty { tree.unlink(node) } else { tree[node].kind = .text(String(decoding: bytes, as: UTF8.self)) }
    }
}
