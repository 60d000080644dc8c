/// The passes that run over the whole tree after parsing: typography, heading ids, footnotes, figures.
enum DocumentTransforms {
    static func apply(to tree: inout NodeTree, options: MarkdownOptions, autolinks initialAutolinks: Set<Int>, hasFootnotes: Bool = true) {
        var autolinks = initialAutolinks
        if options.linkify { FuzzyLinkify.apply(to: &tree, autolinks: &autolinks) }
        if options.extensions.contains(.attrs) {
            mergeText(&tree)
            AttributesTransform.apply(to: &tree)
        }
        let blocks = MarkdownDocument.inlineContainers(tree)
        let calvert: Bool = { if case .govuk(let m) = options.markup { return m.calvert }; return false }()
        if options.typographer || calvert {
            for block in blocks { typography(block, in: &tree, options: options, calvert: calvert, autolinks: autolinks) }
        }
        mergeText(&tree)
        if options.extensions.contains(.footnote) && hasFootnotes { FootnoteTransform.apply(to: &tree) }
        // The block passes below share one list of the blocks, in document order: none of them adds
        // a block another looks for, and a block one of them unlinks has no parent for the next.
        let extensions = options.extensions
        let blockPasses: Set<MarkdownExtension> = [.deflist, .alerts, .figures, .toc, .anchor]
        let blockList = extensions.isDisjoint(with: blockPasses) ? [] : tree.blockNodes()
        if extensions.contains(.deflist) { markDefinitionListTightness(&tree, blocks: blockList) }
        if extensions.contains(.alerts) { BlockTransforms.alerts(&tree, blocks: blockList) }
        if extensions.contains(.figures) { BlockTransforms.figures(&tree, blocks: blockList) }
        if extensions.contains(.toc) { BlockTransforms.tableOfContents(&tree, blocks: blockList) }
        if extensions.contains(.anchor) || extensions.contains(.toc) {
            let permalinks: Bool = { if case .govuk(let m) = options.markup { return m.headingPermalinks }; return false }()
            HeadingAnchors.apply(to: &tree, blocks: blockList, style: options.anchor, permalinks: permalinks && extensions.contains(.anchor))
        }
    }

    /// A definition list is tight unless a description (other than the last) ends with a blank
    /// line or holds blocks separated by one; tight descriptions render without `<p>`.
    static func markDefinitionListTightness(_ tree: inout NodeTree, blocks: [Int]) {
        for index in blocks {
            guard case .definitionList = tree[index].kind, tree[index].parent != -1 || index == 0 else { continue }
            var loose = false
            var item = tree[index].firstChild
            while item != -1 {
                if case .definitionDescription = tree[item].kind {
                    let next = tree[item].next
                    if tree[item].lastLineBlank, next != -1, case .definitionDescription = tree[next].kind { loose = true }
                    var sub = tree[item].firstChild
                    while sub != -1 {
                        if tree[sub].lastLineBlank && tree[sub].next != -1 { loose = true }
                        sub = tree[sub].next
                    }
                }
                item = tree[item].next
            }
            if !loose {
                tree[index].tight = true
            }
        }
    }

    /// For each byte: 1 a quote, 2 `(`, 3 a character that matters doubled, 4 a Calvert character.
    static let typographyTrigger: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for c in "\"'".utf8 { table[Int(c)] = 1 }
        table[Int(UInt8(ascii: "("))] = 2
        for c in "-.,?!".utf8 { table[Int(c)] = 3 }
        for c in "/=x".utf8 { table[Int(c)] = 4 }
        return table
    }()

    /// The block's inline nodes in markdown-it's flat token order (images are leaves).
    static func tokens(_ block: Int, in tree: NodeTree) -> [Typographer.Token] {
        var out: [Typographer.Token] = []
        // (node, level, closing)
        var stack: [(Int, Int, Bool)] = []
        var child = tree[block].lastChild
        while child != -1 { stack.append((child, 0, false)); child = tree[child].previous }
        while let (node, level, closing) = stack.popLast() {
            if closing {
                out.append(.init(node: node, level: level, isText: false, isBreak: false, content: []))
                continue
            }
            switch tree[node].kind {
            case .text(let text):
                out.append(.init(node: node, level: level, isText: !tree[node].special, isBreak: false, content: text.unicodeScalars.map(\.value)))
            case .code(let text), .html(let text):
                out.append(.init(node: node, level: level, isText: false, isBreak: false, content: text.unicodeScalars.map(\.value)))
            case .softBreak, .hardBreak:
                out.append(.init(node: node, level: level, isText: false, isBreak: true, content: []))
            case .image:
                out.append(.init(node: node, level: level, isText: false, isBreak: false, content: []))
            default:
                out.append(.init(node: node, level: level, isText: false, isBreak: false, content: []))
                stack.append((node, level, true))
                var c = tree[node].lastChild
                while c != -1 { stack.append((c, level + 1, false)); c = tree[c].previous }
            }
        }
        return out
    }

    static func typography(_ block: Int, in tree: inout NodeTree, options: MarkdownOptions, calvert: Bool, autolinks: Set<Int>) {
        // Most blocks need nothing: look at the bytes before building markdown-it's token list.
        var needsReplacements = false
        var needsQuotes = false
        var child = tree[block].firstChild
        var stack: [Int] = []
        while child != -1 || !stack.isEmpty {
            if child == -1 { child = tree[stack.removeLast()].next; continue }
            if case .text(var text) = tree[child].kind {
                text.withUTF8 { bytes in
                    var previous: UInt8 = 0
                    for b in bytes {
                        let kind = Self.typographyTrigger[Int(b)]
                        if kind != 0 {
                            switch kind {
                            case 1: needsQuotes = true
                            case 2: needsReplacements = true
                            case 3: if previous == b || (b == UInt8(ascii: "-") && previous == UInt8(ascii: "+")) { needsReplacements = true }
                            default: if calvert { needsReplacements = true }
                            }
                        }
                        previous = b
                    }
                }
            }
            if tree[child].firstChild != -1, !tree[child].isBlock {
                if case .image = tree[child].kind {} else {
                    stack.append(child)
                    child = tree[child].firstChild
                    continue
                }
            }
            child = tree[child].next
        }
        guard needsReplacements || (needsQuotes && options.typographer) else { return }
        var tokens = tokens(block, in: tree)
        var changed = false
        if needsReplacements {
            for i in tokens.indices {
                guard tokens[i].isText, !autolinks.contains(tree[tokens[i].node].parent) else { continue }
                var text = tokens[i].content
                if options.typographer { text = Typographer.replace(text) }
                if calvert { text = CalvertTypography.apply(text) }
                if text != tokens[i].content { tokens[i].content = text; tokens[i].dirty = true; changed = true }
            }
        }
        if options.typographer, tokens.contains(where: { $0.isText && ($0.content.contains(0x22) || $0.content.contains(0x27)) }) {
            Typographer.smartQuotes(&tokens)
            changed = true
        }
        guard changed else { return }
        var bytes: [UInt8] = []
        for token in tokens where token.isText && token.dirty {
            bytes.removeAll(keepingCapacity: true)
            for c in token.content { ByteClass.appendUTF8(c, to: &bytes) }
            tree[token.node].kind = .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Joins neighbouring text nodes (as markdown-it's `text_join`).
    ///
    /// Visits the arena in order rather than walking the tree (see `InlineParser.finishText`): a
    /// run of text nodes is joined from whichever of its nodes comes first, to the same result.
    /// Nodes that were unlinked are skipped; text in a subtree that was unlinked whole may be
    /// joined too, which nothing reads.
    static func mergeText(_ tree: inout NodeTree) {
        var node = 0
        while node < tree.nodes.count {
            defer { node += 1 }
            guard tree[node].parent != -1, case .text = tree[node].kind else { continue }
            var after = tree[node].next
            guard after != -1, case .text = tree[after].kind else { continue }
            guard case .text(var text) = tree[node].kind else { continue }
            tree[node].kind = .text("")
            while after != -1, case .text(let more) = tree[after].kind {
                text += more
                let n = tree[after].next
                tree.unlink(after)
                after = n
            }
            tree[node].kind = .text(text)
        }
    }
}
