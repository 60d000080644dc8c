/// A link reference definition's target.
struct LinkReference: Sendable {
    var destination: String
    var title: String
}

/// Reads link reference definitions (`[label]: destination "title"`) from the start of a paragraph.
enum ReferenceParser {
    /// Parses one definition at `start`; records it (the first definition of a label wins) and returns its length.
    static func parse(_ s: [UInt8], from start: Int, options: MarkdownOptions, into references: inout [String: LinkReference]) -> Int? {
        let end = s.count
        guard let labelLength = LinkScanner.label(s, start, end) else { return nil }
        var pos = start + labelLength
        guard pos < end, s[pos] == UInt8(ascii: ":") else { return nil }
        pos += 1
        pos = LinkScanner.skipSpaceAndNewline(s, pos, end)
        guard let destination = LinkScanner.destination(s, pos, end) else { return nil }
        // An empty destination is allowed only in angle brackets.
        if destination.value.isEmpty && s[pos] != UInt8(ascii: "<") { return nil }
        pos = destination.end
        let beforeTitle = pos
        pos = LinkScanner.skipSpaceAndNewline(s, pos, end)
        var title: [UInt8] = []
        var hasTitle = false
        if pos != beforeTitle, let parsed = LinkScanner.title(s, pos, end) {
            title = parsed.value
            hasTitle = true
            pos = parsed.end
        } else {
            pos = beforeTitle
        }
        func atLineEnd(_ p: Int) -> Int? {
            var i = p
            while i < end, ByteClass.isSpaceOrTab(s[i]) { i += 1 }
            if i == end { return i }
            if s[i] == 0x0A { return i + 1 }
            return nil
        }
        var lineEnd = atLineEnd(pos)
        if lineEnd == nil && hasTitle {
            title = []
            pos = beforeTitle
            lineEnd = atLineEnd(pos)
        }
        guard let finish = lineEnd else { return nil }
        let label = LinkText.normalizeLabel(s[(start + 1)..<(start + labelLength - 1)])
        guard !label.isEmpty else { return nil }
        let href = LinkText.normalizeURI(destination.value)
        guard LinkText.isSafeDestination(href) else { return nil }
        if references[label] == nil {
            references[label] = LinkReference(destination: href, title: String(decoding: title, as: UTF8.self))
        }
        return finish - start
    }
}
