/// Writes a parsed document as HTML: markdown-it's markup, or the GOV.UK plugin's classes.
///
/// Walks the node arena iteratively (no recursion, so any nesting depth is safe) and writes
/// UTF-8 bytes. Text is always escaped; raw HTML is written as-is only when the `html` option is on.
struct HTMLRenderer {
    let tree: NodeTree
    let options: MarkdownOptions
    let govuk: GovukMarkup?
    var out: [UInt8] = []
    /// Footnote numbers in order of first reference, for the footnote list.
    var footnoteOrder: [String] = []
    /// Markup that replaces a fenced block, or nil to write the block as code (markdown-it's
    /// `highlight` option, given the whole block rather than its language and text).
    var fencedBlockHTML: ((MarkdownCodeBlock) -> String?)?

    init(tree: NodeTree, options: MarkdownOptions, expectedSize: Int = 0) {
        self.tree = tree
        out.reserveCapacity(expectedSize + expectedSize / 4)
        self.options = options
        if case .govuk(let markup) = options.markup { govuk = markup } else { govuk = nil }
    }

    var voidEnd: StaticString { options.xhtmlOut ? " />" : ">" }

    // MARK: - Output helpers

    @inline(__always) mutating func lit(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    @inline(__always) mutating func lit(_ text: String) {
        out.append(contentsOf: text.utf8)
    }

    mutating func cr() {
        if suppressCR { suppressCR = false; return }
        if let last = out.last, last != 0x0A { out.append(0x0A) }
    }

    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            // Copy runs that need no escaping in one go.
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                // `&` `<` `>` `"` are all below `?` and none of them is a letter or digit.
                guard b < 0x3F, b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") else { continue }
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                switch b {
                case UInt8(ascii: "&"): lit("&amp;")
                case UInt8(ascii: "<"): lit("&lt;")
                case UInt8(ascii: ">"): lit("&gt;")
                default: lit("&quot;")
                }
                start = i + 1
            }
            if bytes.count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }

    /// Writes ` name="value"` for the node's attributes, merging `extraClass` into `class`.
    mutating func attributes(_ node: Int, extraClass: String? = nil, leading: [MarkdownAttribute] = []) {
        var attrs = leading
        attrs.append(contentsOf: tree[node].attributes)
        if var extraClass {
            if let markup = govuk, markup.brand == .nhsuk {
                extraClass = extraClass.split(separator: " ").map { $0.hasPrefix("govuk-") ? "nhsuk-" + $0.dropFirst(6) : String($0) }
                    .joined(separator: " ")
            }
            // The renderer's class comes first, joined with a class from attributes.
            if let i = attrs.firstIndex(where: { $0.name == "class" }) {
                attrs[i].value = extraClass + " " + attrs[i].value
            } else {
                attrs.insert(MarkdownAttribute(name: "class", value: extraClass), at: 0)
            }
        }
        for attr in attrs {
            out.append(0x20)
            lit(attr.name)
            lit("=\"")
            escaped(attr.value)
            out.append(UInt8(ascii: "\""))
        }
    }

    func inTightList(_ node: Int) -> Bool {
        let parent = tree[node].parent
        guard parent != -1 else { return false }
        switch tree[parent].kind {
        case .item:
            let list = tree[parent].parent
            if list != -1, case .list(let data) = tree[list].kind { return data.tight }
            return false
        case .definitionDescription:
            let list = tree[parent].parent
            return list != -1 && tree[list].tight
        default:
            return false
        }
    }

    /// Set after a footnote item opens: its first block follows `<li …>` on the same line.
    var suppressCR = false

    // MARK: - Walking

    mutating func render(_ root: Int) -> [UInt8] {
        var node = root
        var entering = true
        while true {
            if entering {
                if enter(node), tree[node].firstChild != -1 {
                    node = tree[node].firstChild
                    continue
                }
            }
            exit(node)
            if node == root { break }
            if tree[node].next != -1 {
                node = tree[node].next
                entering = true
            } else {
                node = tree[node].parent
                entering = false
                if node == -1 { break }
            }
        }
        return out
    }

    /// Plain text of a subtree, as image alt text.
    func plainText(_ root: Int) -> String {
        var text = ""
        var stack = [Int]()
        var child = tree[root].lastChild
        while child != -1 { stack.append(child); child = tree[child].previous }
        while let node = stack.popLast() {
            switch tree[node].kind {
            case .text(let t), .code(let t): text += t
            case .softBreak, .hardBreak: text += "\n"
            case .html(let h): text += h
            default: break
            }
            var c = tree[node].lastChild
            while c != -1 { stack.append(c); c = tree[c].previous }
        }
        return text
    }

    /// Writes the opening of a node; returns whether to visit its children.
    mutating func enter(_ node: Int) -> Bool {
        switch tree[node].kind {
        case .document:
            return true
        case .paragraph:
            if inTightList(node) { return true }
            cr()
            lit("<p")
            attributes(node, extraClass: govuk != nil ? "govuk-body" : nil)
            lit(">")
            return true
        case .heading(let level):
            cr()
            lit("<h\(level)")
            attributes(node, extraClass: govuk.map { headingClass(level, $0) })
            lit(">")
            if let id = permalinkID(node) {
                lit("<a class=\"app-link--heading govuk-link\" href=\"#")
                escaped(id)
                lit("\"><span>")
            }
            return true
        case .blockQuote:
            cr()
            lit("<blockquote")
            attributes(node, extraClass: govuk != nil ? "govuk-inset-text govuk-!-margin-left-0" : nil)
            // markdown-it writes an empty block quote on one line.
            lit(tree[node].firstChild == -1 ? ">" : ">\n")
            return true
        case .list(let data):
            cr()
            if data.ordered {
                lit("<ol")
                var leading: [MarkdownAttribute] = []
                if data.start != 1 { leading.append(MarkdownAttribute(name: "start", value: String(data.start))) }
                attributes(node, extraClass: govuk != nil ? "govuk-list govuk-list--number" : nil, leading: leading)
            } else {
                lit("<ul")
                attributes(node, extraClass: govuk != nil ? "govuk-list govuk-list--bullet" : nil)
            }
            lit(">\n")
            return true
        case .item:
            lit("<li")
            attributes(node)
            lit(">")
            return true
        case .codeBlock(let info, let literal, let fenced):
            cr()
            if fenced, let fencedBlockHTML,
               let html = fencedBlockHTML(MarkdownCodeBlock(info: info, content: literal, isFenced: true, line: tree[node].line, column: tree[node].column)) {
                lit(html)
                cr()
                return false
            }
            lit("<pre")
            attributes(node, extraClass: govuk != nil ? "x-govuk-code x-govuk-code--block" : nil,
                       leading: govuk != nil ? [MarkdownAttribute(name: "tabindex", value: "0")] : [])
            lit("><code")
            let language = info.unicodeScalars.split(whereSeparator: { Typographer.isJSWhitespace($0.value) }).first.map { String(String.UnicodeScalarView($0)) } ?? ""
            if !language.isEmpty { lit(" class=\""); escaped(options.langPrefix + language); lit("\"") }
            lit(">")
            escaped(literal)
            lit("</code></pre>\n")
            return false
        case .htmlBlock(let literal):
            cr()
            if options.html { lit(literal) } else { escaped(literal) }
            cr()
            return false
        case .thematicBreak:
            cr()
            lit("<hr")
            attributes(node, extraClass: govuk != nil ? "govuk-section-break govuk-section-break--xl govuk-section-break--visible" : nil)
            lit(voidEnd)
            lit("\n")
            return false
        case .text(let text):
            escaped(text)
            return false
        case .softBreak:
            if options.breaks { lit("<br"); lit(voidEnd); lit("\n") } else { lit("\n") }
            return false
        case .hardBreak:
            lit("<br")
            lit(voidEnd)
            lit("\n")
            return false
        case .code(let code):
            lit("<code")
            attributes(node, extraClass: govuk != nil ? "x-govuk-code x-govuk-code--inline" : nil)
            lit(">")
            escaped(code)
            lit("</code>")
            return false
        case .html(let html):
            if options.html { lit(html) } else { escaped(html) }
            return false
        case .emphasis: lit("<em"); attributes(node); lit(">"); return true
        case .strong: lit("<strong"); attributes(node); lit(">"); return true
        case .strikethrough: lit("<s"); attributes(node); lit(">"); return true
        case .inserted: lit("<ins"); attributes(node); lit(">"); return true
        case .marked: lit("<mark"); attributes(node); lit(">"); return true
        case .subscripted: lit("<sub"); attributes(node); lit(">"); return true
        case .superscripted: lit("<sup"); attributes(node); lit(">"); return true
        case .link(let destination, let title):
            lit("<a")
            var leading = [MarkdownAttribute(name: "href", value: destination)]
            if !title.isEmpty { leading.append(MarkdownAttribute(name: "title", value: title)) }
            attributes(node, extraClass: govuk != nil ? "govuk-link" : nil, leading: leading)
            lit(">")
            return true
        case .image(let destination, let title):
            lit("<img")
            var leading = [MarkdownAttribute(name: "src", value: destination), MarkdownAttribute(name: "alt", value: plainText(node))]
            if !title.isEmpty { leading.append(MarkdownAttribute(name: "title", value: title)) }
            attributes(node, leading: leading)
            lit(voidEnd)
            return false
        default:
            return enterExtension(node)
        }
    }

    mutating func exit(_ node: Int) {
        switch tree[node].kind {
        case .paragraph:
            if inTightList(node) { return }
            let parent = tree[node].parent
            if tree[node].next == -1, parent != -1, case .footnoteDefinition = tree[parent].kind { footnoteBackrefs(parent) }
            lit("</p>\n")
        case .heading(let level):
            if permalinkID(node) != nil { lit("</span></a>") }
            lit("</h\(level)>\n")
        case .blockQuote:
            if tree[node].firstChild != -1 { cr() }
            lit("</blockquote>\n")
        case .list(let data): cr(); lit(data.ordered ? "</ol>\n" : "</ul>\n")
        case .item: lit("</li>\n")
        case .emphasis: lit("</em>")
        case .strong: lit("</strong>")
        case .strikethrough: lit("</s>")
        case .inserted: lit("</ins>")
        case .marked: lit("</mark>")
        case .subscripted: lit("</sub>")
        case .superscripted: lit("</sup>")
        case .link: lit("</a>")
        case .document, .codeBlock, .htmlBlock, .thematicBreak, .text, .softBreak, .hardBreak, .code, .html, .image:
            return
        default:
            exitExtension(node)
        }
    }

    /// The heading's id when the GOV.UK renderer wraps heading text in a link to itself.
    func permalinkID(_ node: Int) -> String? {
        guard let markup = govuk, markup.headingPermalinks else { return nil }
        return tree[node].attributes.first(where: { $0.name == "id" })?.value
    }

    func headingClass(_ level: Int, _ markup: GovukMarkup) -> String {
        let sizes = markup.headingsStartWith == .xl ? ["xl", "l", "m", "s"] : ["l", "m", "s", "s"]
        return "govuk-heading-" + sizes[min(level, 4) - 1]
    }
}
