/// What a post's Markdown body documents: path blocks, links to steps, quoted copy.
///
/// A line scanner, not a Markdown parser: it knows fences (so nothing inside code is read as a link
/// or a quote), block quotes and inline links, which is all the checks need.
public struct PageBody: Sendable {
    public var paths: [DocumentedPath] = []
    public var links: [StepLink] = []
    public var quotes: [QuotedCopy] = []

    public init(markdown: String, path: String, firstLine: Int) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
        var index = 0
        var quote: [(text: Substring, line: Int, column: Int)] = []
        func location(_ i: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: path, line: firstLine + i, column: column)
        }
        func flushQuote() {
            if let copy = Self.quotedCopy(quote, path: path) { quotes.append(copy) }
            quote = []
        }
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent < 4, let fence = Self.fence(rest) {
                flushQuote()
                let info = rest.dropFirst(fence.count).trimmingSpaces()
                var end = index + 1
                while end < lines.count {
                    let candidate = lines[end].drop { $0 == " " }
                    if candidate.hasPrefix(fence) && candidate.drop(while: { $0 == fence.first }).trimmingSpaces().isEmpty { break }
                    end += 1
                }
                let words = info.split(separator: " ")
                if words.first == "journey" {
                    paths.append(Self.documentedPath(words: words.dropFirst(), infoColumn: indent + fence.count + 1, lines: lines[(index + 1)..<min(end, lines.count)], firstIndex: index + 1, location: location))
                }
                index = end + 1
                continue
            }
            if indent < 4, rest.first == ">" {
                var text = rest.dropFirst()
                var column = indent + 2
                if text.first == " " { text = text.dropFirst(); column += 1 }
                quote.append((text, firstLine + index, column))
            } else {
                flushQuote()
            }
            links += Self.stepLinks(in: line, at: index, location: location)
            index += 1
        }
        flushQuote()
    }

    /// The path one fenced block documents, read as the checks read it: `info` is the fence's info
    /// string (`journey partial`), `content` the block's text. Nil when the block is not a journey block.
    /// For a site that renders the block: its locations point at `path`, from `line` (the fence).
    public static func documentedPath(info: String, content: String, path: String, line: Int) -> DocumentedPath? {
        let words = info.split(separator: " ")
        guard words.first == "journey" else { return nil }
        let lines = content.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? $0.dropLast() : $0 }
        return documentedPath(words: words.dropFirst(), infoColumn: 1, lines: lines[...], firstIndex: 1) { i, column in
            SourceLocation(file: path, line: line + i, column: column)
        }
    }

    /// "```" or "~~~" (or longer) opening a fence.
    private static func fence(_ line: Substring) -> Substring? {
        guard let first = line.first, first == "`" || first == "~" else { return nil }
        let run = line.prefix { $0 == first }
        return run.count >= 3 ? run : nil
    }

    private static func documentedPath(words: ArraySlice<Substring>, infoColumn: Int, lines: ArraySlice<Substring>, firstIndex: Int, location: (Int, Int) -> SourceLocation) -> DocumentedPath {
        var flags: Set<DocumentedPath.Flag> = []
        var unreadable: [DocumentedPath.Token] = []
        for word in words {
            if let flag = DocumentedPath.Flag(rawValue: String(word)) { flags.insert(flag) } else {
                unreadable.append(.init(text: String(word), location: location(firstIndex - 1, infoColumn)))
            }
        }
        var steps: [DocumentedPath.Token] = []
        var given: [DocumentedPath.Given]?
        for (offset, line) in lines.enumerated() {
            let i = firstIndex + offset
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            for prefix in ["given:", "facts:"] where trimmed.hasPrefix(prefix) {
                var list = given ?? []
                for item in tokens(in: line, after: line.firstRange(of: prefix)?.upperBound ?? line.startIndex, separators: [","]) {
                    var text = Substring(item.text)
                    var holds = true
                    if text.hasPrefix("not ") { holds = false; text = text.dropFirst(4).trimmingSpaces() }
                    else if text.hasPrefix("!") { holds = false; text = text.dropFirst().trimmingSpaces() }
                    list.append(.init(fact: String(text), holds: holds, location: location(i, item.column)))
                }
                given = list
            }
            if trimmed.hasPrefix("given:") || trimmed.hasPrefix("facts:") { continue }
            var start = line.startIndex
            let bullet = line.drop { $0 == " " }
            if bullet.hasPrefix("- ") || bullet.hasPrefix("* ") { start = line.index(bullet.startIndex, offsetBy: 2) }
            for item in tokens(in: line, after: start, separators: ["->", "→"]) {
                steps.append(.init(text: item.text, location: location(i, item.column)))
            }
        }
        return DocumentedPath(steps: steps, given: given, flags: flags, location: location(firstIndex - 1, 1), unreadable: unreadable)
    }

    /// Non-empty trimmed pieces of `line` after `start`, split by any separator, with 1-based columns.
    private static func tokens(in line: Substring, after start: Substring.Index, separators: [String]) -> [(text: String, column: Int)] {
        var out: [(String, Int)] = []
        var pieceStart = start
        var cursor = start
        func emit(_ end: Substring.Index) {
            let piece = line[pieceStart..<end]
            let leading = piece.prefix { $0 == " " || $0 == "\t" }.count
            let text = piece.trimmingSpaces()
            if !text.isEmpty {
                out.append((String(text), line.distance(from: line.startIndex, to: pieceStart) + leading + 1))
            }
        }
        while cursor < line.endIndex {
            if let separator = separators.first(where: { line[cursor...].hasPrefix($0) }) {
                emit(cursor)
                cursor = line.index(cursor, offsetBy: separator.count)
                pieceStart = cursor
            } else {
                cursor = line.index(after: cursor)
            }
        }
        emit(line.endIndex)
        return out
    }

    /// Links whose destination is `#screen-<id>` or `#outcome-<id>`.
    private static func stepLinks(in line: Substring, at index: Int, location: (Int, Int) -> SourceLocation) -> [StepLink] {
        var out: [StepLink] = []
        var search = line.startIndex
        while let range = line[search...].firstRange(of: "](#") {
            let destinationStart = range.upperBound
            let destinationEnd = line[destinationStart...].firstIndex { $0 == ")" || $0 == " " } ?? line.endIndex
            let fragment = line[destinationStart..<destinationEnd]
            let open = line[..<range.lowerBound].lastIndex(of: "[") ?? range.lowerBound
            let column = line.distance(from: line.startIndex, to: open) + 1
            for kind in [StepLink.Kind.screen, .outcome] where fragment.hasPrefix(kind.rawValue + "-") {
                out.append(StepLink(kind: kind, id: String(fragment.dropFirst(kind.rawValue.count + 1)), location: location(index, column)))
            }
            search = destinationEnd
        }
        return out
    }

    /// A quote whose first line is wholly bold, as the service's copy; other quotes are not copy.
    private static func quotedCopy(_ lines: [(text: Substring, line: Int, column: Int)], path: String) -> QuotedCopy? {
        guard let first = lines.first else { return nil }
        let head = first.text.trimmingSpaces()
        guard head.count > 4, head.hasPrefix("**"), head.hasSuffix("**") else { return nil }
        let heading = DocumentedPath.Token(text: normalise(head.dropFirst(2).dropLast(2)), location: SourceLocation(file: path, line: first.line, column: first.column))
        var items: [DocumentedPath.Token] = []
        var paragraph: (text: String, location: SourceLocation)?
        func flush() {
            if let p = paragraph { items.append(.init(text: normalise(Substring(p.text)), location: p.location)) }
            paragraph = nil
        }
        for entry in lines.dropFirst() {
            let indent = entry.text.prefix { $0 == " " }.count
            let text = entry.text.dropFirst(indent)
            if text.isEmpty { flush(); continue }
            var marker = 0
            if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") { marker = 2 } else {
                let digits = text.prefix { $0.isASCII && $0.isNumber }.count
                if digits > 0, text.dropFirst(digits).hasPrefix(". ") { marker = digits + 2 }
            }
            if marker > 0 {
                flush()
                paragraph = (String(text.dropFirst(marker)), SourceLocation(file: path, line: entry.line, column: entry.column + indent + marker))
            } else if let p = paragraph {
                paragraph = (p.text + " " + text, p.location)
            } else {
                paragraph = (String(text), SourceLocation(file: path, line: entry.line, column: entry.column + indent))
            }
        }
        flush()
        return QuotedCopy(heading: heading, lines: items)
    }

    /// Copy as compared: emphasis markers gone, runs of spaces one space.
    static func normalise(_ text: Substring) -> String {
        var out = ""
        var lastWasSpace = true
        var rest = text[...]
        while let c = rest.first {
            rest = rest.dropFirst()
            if c == "*" && rest.first == "*" { rest = rest.dropFirst(); continue }
            if c == " " || c == "\t" || c == "\n" {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(c)
                lastWasSpace = false
            }
        }
        if out.last == " " { out.removeLast() }
        return out
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
