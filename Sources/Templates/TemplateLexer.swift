/// Splits template source into tokens, working on UTF-8 bytes.
///
/// Whitespace control (`{%-`, `-%}`, `{{-`, `-}}`, `{#-`, `-#}`) is applied here, to the text tokens
/// on either side of a tag, and `{% raw %}`/`{% verbatim %}` bodies become plain text, so the parser
/// never sees either.
///
/// Nunjucks' `trimBlocks` and `lstripBlocks` options are applied here too, once per parse, so they
/// cost nothing when rendering: `trimBlocks` drops the one line break (`\n` or `\r\n`) right after
/// a `%}`, and `lstripBlocks` drops the blanks between the start of a line and a `{%` when nothing
/// else precedes the tag on that line. As in Nunjucks, neither touches `{{ }}` or `{# #}` tags, nor
/// the body of a raw block, and the line break after `{% endraw %}` stays.
struct TemplateLexer {
    private let source: TemplateSource
    private let bytes: [UInt8]
    private let trimBlocks: Bool
    private let lstripBlocks: Bool
    private var position = 0
    private var tokens: [TemplateToken] = []
    private var trimNextText = false

    init(source: TemplateSource, trimBlocks: Bool = false, lstripBlocks: Bool = false) {
        self.source = source
        self.bytes = source.bytes
        self.trimBlocks = trimBlocks
        self.lstripBlocks = lstripBlocks
    }

    static func tokenize(_ source: TemplateSource, trimBlocks: Bool = false, lstripBlocks: Bool = false) throws(TemplateError) -> [TemplateToken] {
        var lexer = TemplateLexer(source: source, trimBlocks: trimBlocks, lstripBlocks: lstripBlocks)
        try lexer.run()
        return lexer.tokens
    }

    private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    private mutating func run() throws(TemplateError) {
        let count = bytes.count
        while position < count {
            var tagStart = position
            while tagStart + 1 < count {
                if bytes[tagStart] == UInt8(ascii: "{") {
                    let next = bytes[tagStart + 1]
                    if next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#") { break }
                }
                tagStart += 1
            }
            if tagStart + 1 >= count { tagStart = count }
            let trimsBefore = tagStart < count && byte(at: tagStart + 2) == UInt8(ascii: "-")
            let textEnd = lstripBlocks && tagStart < count && bytes[tagStart + 1] == UInt8(ascii: "%") ? lineIndentStart(before: tagStart) : tagStart
            emitText(from: position, to: textEnd, trimEnd: trimsBefore)
            if tagStart >= count { break }
            let opener = bytes[tagStart + 1]
            position = tagStart + 2 + (trimsBefore ? 1 : 0)
            switch opener {
            case UInt8(ascii: "#"):
                try skipComment(openedAt: tagStart)
            case UInt8(ascii: "{"):
                tokens.append(TemplateToken(kind: .variableStart, offset: tagStart))
                try lexCode(openedAt: tagStart, block: false)
            default:
                if try lexRaw(openedAt: tagStart) { continue }
                tokens.append(TemplateToken(kind: .blockStart, offset: tagStart))
                try lexCode(openedAt: tagStart, block: true)
            }
        }
        tokens.append(TemplateToken(kind: .end, offset: count))
    }

    /// Where the blanks that `lstripBlocks` removes before the `{%` at `tagStart` begin: the start of
    /// its line when only blanks precede the tag there and the pending text holds that whole line
    /// (Nunjucks leaves a tag alone when another tag ends earlier on its line); else `tagStart`.
    private func lineIndentStart(before tagStart: Int) -> Int {
        var start = tagStart
        while start > position, Self.isLineBlank(bytes[start - 1]) { start -= 1 }
        guard start < tagStart, start == 0 || bytes[start - 1] == 0x0A else { return tagStart }
        return start
    }

    /// The blanks JavaScript's `\s` matches inside one line (ASCII ones; a no-break space is kept).
    private static func isLineBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B
    }

    /// With `trimBlocks`, steps over one line break (`\n` or `\r\n`, not a lone `\r`) at `index`.
    private func afterTrimmedLineBreak(_ index: Int) -> Int {
        guard trimBlocks else { return index }
        if byte(at: index) == 0x0A { return index + 1 }
        if byte(at: index) == 0x0D, byte(at: index + 1) == 0x0A { return index + 2 }
        return index
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B
    }

    private mutating func emitText(from start: Int, to end: Int, trimEnd: Bool) {
        var low = start, high = end
        if trimNextText { while low < high, Self.isSpace(bytes[low]) { low += 1 } }
        if trimEnd { while high > low, Self.isSpace(bytes[high - 1]) { high -= 1 } }
        trimNextText = false
        if low < high {
            tokens.append(TemplateToken(kind: .text, offset: low, text: String(decoding: bytes[low..<high], as: UTF8.self)))
        }
    }

    private mutating func skipComment(openedAt start: Int) throws(TemplateError) {
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "#"), bytes[index + 1] == UInt8(ascii: "}") {
                trimNextText = index > position && bytes[index - 1] == UInt8(ascii: "-")
                position = index + 2
                return
            }
            index += 1
        }
        throw source.error("unclosed comment: expected '#}'", at: start)
    }

    /// Reads `{% raw %}…{% endraw %}` (or `verbatim`) as one text token. Returns false when the tag is
    /// another one.
    private mutating func lexRaw(openedAt start: Int) throws(TemplateError) -> Bool {
        var index = position
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        let word: String
        if matches("raw", at: index) { word = "raw" } else if matches("verbatim", at: index) { word = "verbatim" } else { return false }
        var after = index + word.utf8.count
        while after < bytes.count, Self.isSpace(bytes[after]) { after += 1 }
        var trimsAfter = false
        if byte(at: after) == UInt8(ascii: "-") { trimsAfter = true; after += 1 }
        guard matches("%}", at: after) else { return false }
        let bodyStart = afterTrimmedLineBreak(after + 2)
        // Find the matching end tag.
        var scan = bodyStart
        while scan + 1 < bytes.count {
            if bytes[scan] == UInt8(ascii: "{"), bytes[scan + 1] == UInt8(ascii: "%") {
                var inner = scan + 2
                let trimsBeforeEnd = byte(at: inner) == UInt8(ascii: "-")
                if trimsBeforeEnd { inner += 1 }
                while inner < bytes.count, Self.isSpace(bytes[inner]) { inner += 1 }
                if matches("end" + word, at: inner) {
                    var close = inner + 3 + word.utf8.count
                    while close < bytes.count, Self.isSpace(bytes[close]) { close += 1 }
                    var trimsFollowing = false
                    if byte(at: close) == UInt8(ascii: "-") { trimsFollowing = true; close += 1 }
                    if matches("%}", at: close) {
                        trimNextText = trimsAfter
                        emitText(from: bodyStart, to: scan, trimEnd: trimsBeforeEnd)
                        trimNextText = trimsFollowing
                        // Nunjucks reads the end tag with a pattern, not its lexer, so
                        // `trimBlocks` does not apply after it.
                        position = close + 2
                        return true
                    }
                }
            }
            scan += 1
        }
        throw source.error("unclosed '\(word)' block: expected '{% end\(word) %}'", at: start)
    }

    private func matches(_ literal: String, at index: Int) -> Bool {
        var i = index
        for b in literal.utf8 {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
        }
        return true
    }

    private static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$") || b >= 0x80
    }

    private static func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 0x30 && b <= 0x39) }

    /// Whether the two bytes at `index` are `first` and `second` (compared as bytes, not through a
    /// string: a tag's end is looked for before every token in it).
    @inline(__always)
    private func matches(_ first: UInt8, _ second: UInt8, at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index] == first && bytes[index + 1] == second
    }

    private mutating func lexCode(openedAt start: Int, block: Bool) throws(TemplateError) {
        var braceDepth = 0
        // The first byte of the closer, `%}` or `}}`.
        let closing = block ? UInt8(ascii: "%") : UInt8(ascii: "}")
        let brace = UInt8(ascii: "}")
        while true {
            while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count else {
                throw source.error("unclosed tag: \(block ? "'{%'" : "'{{'") has no matching '\(block ? "%}" : "}}")'", at: start)
            }
            let b = bytes[position]
            // Tag ends.
            if braceDepth == 0 || block {
                if matches(closing, brace, at: position) || (b == UInt8(ascii: "-") && matches(closing, brace, at: position + 1)) {
                    let trims = b == UInt8(ascii: "-")
                    tokens.append(TemplateToken(kind: block ? .blockEnd : .variableEnd, offset: position))
                    position += trims ? 3 : 2
                    if block { position = afterTrimmedLineBreak(position) }
                    trimNextText = trims
                    return
                }
            }
            if block, braceDepth == 0, matches(brace, brace, at: position) {
                throw source.error("expected '%}' to close the tag opened with '{%'", at: position)
            }
            if !block, matches(UInt8(ascii: "%"), brace, at: position) {
                throw source.error("expected '}}' to close the tag opened with '{{'", at: position)
            }
            if b == UInt8(ascii: "r"), byte(at: position + 1) == UInt8(ascii: "/") {
                try lexRegex()
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                try lexString(quote: b)
            } else if b >= 0x30 && b <= 0x39 {
                lexNumber()
            } else if Self.isNameStart(b) {
                let begin = position
                while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
                tokens.append(TemplateToken(kind: .name, offset: begin, text: String(decoding: bytes[begin..<position], as: UTF8.self)))
            } else {
                let symbol = try lexSymbol()
                if symbol == "{" { braceDepth += 1 }
                if symbol == "}", braceDepth > 0 { braceDepth -= 1 }
            }
        }
    }

    private mutating func lexString(quote: UInt8) throws(TemplateError) {
        let begin = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let b = bytes[position]
            if b == quote {
                position += 1
                tokens.append(TemplateToken(kind: .string, offset: begin, text: String(decoding: value, as: UTF8.self)))
                return
            }
            if b == UInt8(ascii: "\\"), position + 1 < bytes.count {
                let escaped = bytes[position + 1]
                switch escaped {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "r"): value.append(0x0D)
                default: value.append(escaped)
                }
                position += 2
                continue
            }
            value.append(b)
            position += 1
        }
        throw source.error("unclosed string literal", at: begin)
    }

    /// `r/pattern/flags`, as Nunjucks reads it: up to the first `/` not escaped by a backslash.
    private mutating func lexRegex() throws(TemplateError) {
        let begin = position
        position += 2
        var pattern: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "/") {
            if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
                pattern.append(bytes[position])
                position += 1
            } else if bytes[position] == 0x0A {
                break
            }
            pattern.append(bytes[position])
            position += 1
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "/") else {
            throw source.error("unclosed regular expression: expected '/'", at: begin)
        }
        position += 1
        var flags = ""
        while position < bytes.count, "gimy".utf8.contains(bytes[position]) {
            flags.unicodeScalars.append(Unicode.Scalar(bytes[position]))
            position += 1
        }
        tokens.append(TemplateToken(kind: .regex, offset: begin, text: String(decoding: pattern, as: UTF8.self), flags: flags))
    }

    private mutating func lexNumber() {
        let begin = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        if byte(at: position) == UInt8(ascii: "."), byte(at: position + 1) >= 0x30, byte(at: position + 1) <= 0x39 {
            position += 1
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        }
        let text = String(decoding: bytes[begin..<position], as: UTF8.self)
        tokens.append(TemplateToken(kind: .number, offset: begin, text: text, number: Double(text) ?? 0))
    }

    /// The one-byte symbols, by byte: a symbol token's text is one of these strings, made once.
    private static let oneByteSymbols: [String?] = (0..<128).map { byte in
        "()[]{}%*-+~/,:|.<>=!?".utf8.contains(UInt8(byte)) ? String(UnicodeScalar(UInt8(byte))) : nil
    }

    private mutating func lexSymbol() throws(TemplateError) -> String {
        let b = bytes[position], next = byte(at: position + 1)
        let symbol: String?
        switch (b, next) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")):
            symbol = byte(at: position + 2) == UInt8(ascii: "=") ? (b == UInt8(ascii: "=") ? "===" : "!==") : (b == UInt8(ascii: "=") ? "==" : "!=")
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): symbol = "<="
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): symbol = ">="
        case (UInt8(ascii: "/"), UInt8(ascii: "/")): symbol = "//"
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): symbol = "**"
        default: symbol = b < 128 ? Self.oneByteSymbols[Int(b)] : nil
        }
        guard let symbol else {
            throw source.error("unexpected character '\(String(decoding: [b], as: UTF8.self))' in tag", at: position)
        }
        tokens.append(TemplateToken(kind: .symbol, offset: position, text: symbol))
        position += symbol.utf8.count
        return symbol
    }
}
