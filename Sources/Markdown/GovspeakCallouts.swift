/// Govspeak's callouts, as the GOV.UK plugin enables them: a paragraph between `^` markers is an
/// information callout, between `%` markers a warning callout.
enum GovspeakCallouts {
    static func wrap(paragraph: Int, in tree: inout NodeTree) {
        let content = tree[paragraph].content
        var a = 0
        var b = content.count
        while a < b, ByteClass.isWhitespace(content[a]) { a += 1 }
        while b > a, ByteClass.isWhitespace(content[b - 1]) { b -= 1 }
        guard b - a > 2 else { return }
        let marker = content[a]
        let kind: String
        switch marker {
        case UInt8(ascii: "^"): kind = "information"
        case UInt8(ascii: "%"): kind = "warning"
        default: return
        }
        guard content[b - 1] == marker, content[a + 1] != marker else { return }
        var inner = content
        inner[b - 1] = 0x20
        inner[a] = 0x20
        tree[paragraph].content = inner
        let callout = tree.make(MarkdownNode(kind: .callout(kind), line: tree[paragraph].line, column: tree[paragraph].column))
        tree.insertBefore(paragraph, callout)
        tree.unlink(paragraph)
        tree.appendChild(paragraph, to: callout)
        tree[callout].open = false
    }
}
