/// The CommonMark spec's HTML normalisation (its `normalize.py`), for comparing rendered HTML:
/// whitespace around block-level tags is dropped, other whitespace runs collapse to one space
/// (except inside `<pre>`), `<br>` and `<br />` compare equal, and attributes are sorted.
enum HTMLNormalizer {
    static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
        "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption",
        "th", "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video",
        "script", "style",
    ]

    enum Piece { case text(String), tag(name: String, closing: Bool, raw: String) }

    static func normalize(_ html: String) -> String {
        var pieces: [Piece] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.first == "<", let close = rest.firstIndex(of: ">") {
                let raw = String(rest[...close])
                let inner = raw.dropFirst().dropLast()
                let closing = inner.first == "/"
                let name = inner.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                pieces.append(.tag(name: name, closing: closing, raw: canonicalTag(raw, name: name, closing: closing)))
                rest = rest[rest.index(after: close)...]
            } else {
                let next = rest.dropFirst().firstIndex(of: "<") ?? rest.endIndex
                pieces.append(.text(String(rest[..<next])))
                rest = rest[next...]
            }
        }
        var out = ""
        var inPre = 0
        for (i, piece) in pieces.enumerated() {
            switch piece {
            case .tag(let name, let closing, let raw):
                if name == "pre" { inPre += closing ? -1 : 1 }
                out += raw
            case .text(var text):
                if inPre == 0 {
                    text = collapse(text)
                    if i > 0, case .tag(let name, _, _) = pieces[i - 1], blockTags.contains(name) || name == "br" {
                        text = String(text.drop(while: { $0 == " " }))
                    }
                    if i + 1 < pieces.count, case .tag(let name, _, _) = pieces[i + 1], blockTags.contains(name) {
                        while text.last == " " { text.removeLast() }
                    }
                    if i + 1 == pieces.count { while text.last == " " { text.removeLast() } }
                    if i == 0 { text = String(text.drop(while: { $0 == " " })) }
                }
                out += text
            }
        }
        return out
    }

    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text {
            if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" {
                space = true
            } else {
                if space { out.append(" ") }
                space = false
                out.append(ch)
            }
        }
        if space { out.append(" ") }
        return out
    }

    static func canonicalTag(_ raw: String, name: String, closing: Bool) -> String {
        if closing { return "</\(name)>" }
        var body = raw.dropFirst().dropLast()
        if body.hasSuffix("/") { body = body.dropLast() }
        let attrs = body.dropFirst(name.count)
        // Split attributes on whitespace outside quotes.
        var parts: [String] = []
        var current = ""
        var quote: Character? = nil
        for ch in attrs {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                current.append(ch)
            } else if ch == " " || ch == "\n" || ch == "\t" {
                if !current.isEmpty { parts.append(current); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { parts.append(current) }
        parts.sort()
        return "<" + name + parts.map { " " + $0 }.joined() + ">"
    }
}
