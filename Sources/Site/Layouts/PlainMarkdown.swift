import Markdown

/// The `markdown` filter's shortcut for text that Markdown changes little: a one-line description
/// or caption of words, digits, spaces and plain punctuation renders as itself (inline) or as one
/// paragraph of itself (block), and simple emphasis in it (`*a few words*`, `**strong**`, `_x_`,
/// `__y__`) as the renderer's own emphasis markup, so the parser need not run. Layouts call the
/// filter for the description and every screenshot caption of every page, and captions often
/// stress a few words.
///
/// A text is plain only when no Markdown rule, extension, typographer or Calvert replacement and no
/// HTML escape can apply to it: ASCII letters, digits, single spaces between words, and `.` `,` `:`
/// `;` not doubled; no ` x ` between words (Calvert's ×); in a block, no leading digit (an ordered
/// list). Emphasis is taken only in the one shape whose meaning never depends on CommonMark's finer
/// delimiter rules: a run of one or two `*` or `_` after the start or a space and before a letter or
/// digit opens, the same run after a letter or digit and before the end, a space or `.` `,` `:` `;`
/// closes it, and runs neither nest nor stay open. The rules above apply to the text with the runs
/// left out. Anything else goes through the parser, and every text does when `linkify` is on.
struct PlainMarkdown: Sendable {
    /// What the block renderer writes around a paragraph (`<p class="govuk-body">`, `</p>\n`).
    let paragraphOpen: String
    let paragraphClose: String
    /// The renderer's markup around emphasis (`*x*`) and strong emphasis (`**x**`), as bytes; nil
    /// when the renderer does not write them around a plain word (then such text is parsed).
    private let emphasis: (open: [UInt8], close: [UInt8])?
    private let strong: (open: [UInt8], close: [UInt8])?

    /// Learns the paragraph and emphasis markup from the renderer itself; nil if a plain word does
    /// not come back as one paragraph of itself (then every text is parsed).
    init?(options: MarkdownOptions) {
        // With linkify on, a plain `gov.uk` or `example.com` becomes a link: no text is plain then.
        guard !options.linkify else { return nil }
        let word = "plain"
        let html = MarkdownDocument.html(word, options: options)
        guard MarkdownDocument.inlineHTML(word, options: options) == word,
              let range = html.range(of: word), html[range.upperBound...].range(of: word) == nil else { return nil }
        let paragraphOpen = String(html[..<range.lowerBound])
        let paragraphClose = String(html[range.upperBound...])
        self.paragraphOpen = paragraphOpen
        self.paragraphClose = paragraphClose
        /// The markup the renderer writes around `word` between two `marker`s, when both delimiter
        /// characters give the same markup inline and in a paragraph.
        func markup(_ marker: String, _ other: String) -> (open: [UInt8], close: [UInt8])? {
            let inline = MarkdownDocument.inlineHTML(marker + word + marker, options: options)
            guard let range = inline.range(of: word), inline[range.upperBound...].range(of: word) == nil,
                  MarkdownDocument.inlineHTML(other + word + other, options: options) == inline,
                  MarkdownDocument.html(marker + word + marker, options: options) == paragraphOpen + inline + paragraphClose
            else { return nil }
            let open = Array(inline[..<range.lowerBound].utf8), close = Array(inline[range.upperBound...].utf8)
            // Markup with a marker character left in it would mean the marker was not taken as emphasis.
            guard !open.isEmpty, !close.isEmpty, !(open + close).contains(where: { $0 == 0x2A || $0 == 0x5F }) else { return nil }
            return (open, close)
        }
        emphasis = markup("*", "_")
        strong = markup("**", "__")
    }

    /// The HTML of `text`, when it is plain; nil when it needs the parser.
    func html(_ text: String, inline: Bool) -> String? {
        var bytes = text
        return bytes.withUTF8 { bytes in
            guard let markers = Self.scan(bytes, block: !inline) else { return nil }
            if markers == 0, inline { return text }
            return html(bytes, markers: markers, paragraph: !inline)
        }
    }

    /// `bytes` (which `scan` accepted, with `markers` runs) with each pair of runs replaced by the
    /// renderer's markup, in a paragraph's markup if `paragraph`: written at once into a string of
    /// the room it needs; nil when the renderer's markup for a run is unknown.
    private func html(_ bytes: UnsafeBufferPointer<UInt8>, markers: Int, paragraph: Bool) -> String? {
        if markers > 0, emphasis == nil || strong == nil {
            // A run whose markup is unknown: only the runs present say whether that matters.
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                guard byte == 0x2A || byte == 0x5F else { i += 1; continue }
                let double = i + 1 < bytes.count && bytes[i + 1] == byte
                if (double ? strong : emphasis) == nil { return nil }
                i += double ? 2 : 1
            }
        }
        let open = paragraph ? paragraphOpen : "", close = paragraph ? paragraphClose : ""
        let longest = max(emphasis.map { max($0.open.count, $0.close.count) } ?? 0, strong.map { max($0.open.count, $0.close.count) } ?? 0)
        let room = open.utf8.count + bytes.count + markers * longest + close.utf8.count
        return String(unsafeUninitializedCapacity: room) { out in
            var count = 0
            func put(_ part: UnsafeBufferPointer<UInt8>) {
                for byte in part where count < out.count { out[count] = byte; count += 1 }
            }
            var open = open, close = close
            open.withUTF8 { put($0) }
            var opening = true
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                guard byte == 0x2A || byte == 0x5F else {
                    if count < out.count { out[count] = byte; count += 1 }
                    i += 1
                    continue
                }
                let double = i + 1 < bytes.count && bytes[i + 1] == byte
                if let markup = double ? strong : emphasis {
                    (opening ? markup.open : markup.close).withUnsafeBufferPointer { put($0) }
                }
                opening.toggle()
                i += double ? 2 : 1
            }
            close.withUTF8 { put($0) }
            return count
        }
    }

    /// Whether `text` renders as itself (see the type's description), emphasis not allowed.
    static func isPlain(_ text: String, block: Bool) -> Bool {
        scan(text, block: block) == 0
    }

    /// Checks `text` against the rules of the type's description: nil when it needs the parser,
    /// else the number of emphasis runs in it (0: it renders as itself).
    private static func scan(_ text: String, block: Bool) -> Int? {
        // Over the string's bytes in place: a UTF-8 view's iterator costs several times more a byte.
        var text = text
        return text.withUTF8 { scan($0, block: block) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, block: Bool) -> Int? {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return nil }
        if block, first >= 0x30, first <= 0x39 { return nil }
        // `previous` and `beforePrevious` skip emphasis runs: the text without them must be plain.
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        // The byte before the current one as written (0 at the start), for the runs' neighbours.
        var before: UInt8 = 0
        var open: (marker: UInt8, length: Int)? = nil
        var runs = 0
        var index = 0
        func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }
        var pending = next()
        while let byte = pending {
            pending = next()
            switch byte {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39:
                // ` x ` is checked when the space after it comes.
                break
            case 0x20:
                if previous == 0x20 { return nil }
                if previous == UInt8(ascii: "x"), beforePrevious == 0x20 { return nil }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if previous == byte { return nil }
            case UInt8(ascii: ":"), UInt8(ascii: ";"):
                break
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                // A run of the marker: its length, then the byte after it.
                var length = 1
                while pending == byte { length += 1; pending = next() }
                guard length <= 2 else { return nil }
                let after = pending ?? 0
                if let current = open {
                    guard current.marker == byte, current.length == length, isAlphanumeric(before),
                          after == 0 || after == 0x20 || after == UInt8(ascii: ".") || after == UInt8(ascii: ",")
                            || after == UInt8(ascii: ":") || after == UInt8(ascii: ";") else { return nil }
                    open = nil
                } else {
                    guard before == 0 || before == 0x20, isAlphanumeric(after) else { return nil }
                    open = (byte, length)
                }
                runs += 1
                before = byte
                continue
            default:
                return nil
            }
            beforePrevious = previous
            previous = byte
            before = byte
        }
        // The last check of ` x ` happens at a space: a text ending in ` x` is plain, as before.
        return open == nil ? runs : nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
    }
}
