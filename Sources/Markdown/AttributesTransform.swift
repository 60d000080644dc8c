/// markdown-it-attrs: `{.class #id key=value}` after an inline element, at the end of a block,
/// on a line of its own below a list, block quote or table, and after a fence's info string.
enum AttributesTransform {
    /// Parses `{…}` starting at `start`; returns the attributes and the index after `}`.
    static func parse(_ s: [UInt8], _ start: Int) -> (attributes: [MarkdownAttribute], end: Int)? {
        guard start < s.count, s[start] == UInt8(ascii: "{") else { return nil }
        var i = start + 1
        var attributes: [MarkdownAttribute] = []
        func add(_ name: String, _ value: String, joining: Bool) {
            if joining, let k = attributes.firstIndex(where: { $0.name == name }) {
                attributes[k].value += " " + value
            } else {
                attributes.append(MarkdownAttribute(name: name, value: value))
            }
        }
        while i < s.count {
            while i < s.count, s[i] == 0x20 { i += 1 }
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: "}") {
                return attributes.isEmpty ? nil : (attributes, i + 1)
            }
            // One token up to a space or `}` (quotes may hold either).
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
                add("css-module", String(text.dropFirst(2)), joining: true)
            } else if text.hasPrefix(".") {
                guard text.count > 1 else { return nil }
                add("class", String(text.dropFirst()), joining: true)
            } else if text.hasPrefix("#") {
                guard text.count > 1 else { return nil }
                add("id", String(text.dropFirst()), joining: false)
            } else {
                guard !text.isEmpty else { return nil }
                add(text, String(decoding: value ?? [], as: UTF8.self), joining: false)
            }
        }
        return nil
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
    static func trailing(_ s: [UInt8]) -> (attributes: [MarkdownAttribute], start: Int)? {
        guard s.last == UInt8(ascii: "}") else { return nil }
        var k = s.count - 1
        while k >= 0 {
            if s[k] == UInt8(ascii: "{"), let parsed = parse(s, k), parsed.end == s.count { return (parsed.attributes, k) }
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
