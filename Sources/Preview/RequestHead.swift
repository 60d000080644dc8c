/// The request line and header fields of one HTTP/1.x request, parsed from bytes.
///
/// The preview server reads requests itself (rather than through `HTTPServer`) so that anything it
/// cannot parse gets a `400 Bad Request` answer instead of a silently closed connection. Parsing is
/// strict and bounded: it works on UTF-8 bytes, never on `Character`s, and never traps on input.
struct RequestHead: Sendable, Equatable {
    var method: String
    /// The request target exactly as sent: still percent-encoded, query included.
    var target: String
    var version: String
    /// Field names lower-cased, in the order received.
    var fields: [(name: String, value: String)]

    static func == (a: RequestHead, b: RequestHead) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version
            && a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    /// The first value of a field, by lower-case name.
    func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Whether the connection stays open after the response (RFC 9112 §9.3).
    var keepsAlive: Bool {
        let tokens = (field("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if version == "HTTP/1.1" { return !tokens.contains("close") }
        return tokens.contains("keep-alive")
    }

    /// Where the head ends in `buffer`: the index just past the blank line, or nil if it has not
    /// arrived yet. Accepts CRLF and bare LF line ends.
    static func end(in buffer: [UInt8], from start: Int = 0) -> Int? {
        var index = max(0, start)
        let count = buffer.count
        while index < count {
            if buffer[index] == 0x0A {
                // "\n\n" or "\n\r\n"
                if index + 1 < count, buffer[index + 1] == 0x0A { return index + 2 }
                if index + 2 < count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Parse a complete head (including its blank line).
    static func parse(_ bytes: ArraySlice<UInt8>) throws(RequestHeadError) -> RequestHead {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                var end = index
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(bytes[start..<end])
                start = index + 1
            }
            index += 1
        }
        // Leading empty lines before the request line are allowed (RFC 9112 §2.2).
        while let first = lines.first, first.isEmpty, lines.count > 1 { lines.removeFirst() }
        guard let requestLine = lines.first, !requestLine.isEmpty else { throw .init("empty request") }

        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .init("the request line is not 'METHOD target HTTP/1.1'") }
        guard !parts[0].isEmpty, parts[0].count <= 32, parts[0].allSatisfy(isTokenByte) else { throw .init("bad method") }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .init("bad request target") }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .init("unsupported HTTP version") }

        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: 0x3A) else { throw .init("a header line has no ':'") }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .init("bad header name") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { throw .init("bad header value") }
            let trimmed = String(decoding: value, as: UTF8.self).trimmingSpacesAndTabs()
            fields.append((String(decoding: name, as: UTF8.self).lowercased(), trimmed))
        }
        return RequestHead(
            method: String(decoding: parts[0], as: UTF8.self),
            target: String(decoding: parts[1], as: UTF8.self),
            version: version,
            fields: fields
        )
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }
}

/// Why a request could not be parsed; it is answered with `400 Bad Request`.
struct RequestHeadError: Error, Sendable, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

extension String {
    func trimmingSpacesAndTabs() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
