/// Template source as UTF-8 bytes, with the line table that turns a byte offset into a line and
/// column for diagnostics.
struct TemplateSource: Sendable {
    let path: String
    let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    let lineStarts: [Int]

    init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.lineStarts = starts
    }

    /// The 1-based line and column (in characters) of a byte offset, and the text of that line.
    func location(of offset: Int) -> (line: Int, column: Int, sourceLine: String) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        var lineEnd = end
        if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
        let line = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
        return (low + 1, prefix.count + 1, line)
    }

    /// An error at a byte offset of this source.
    func error(_ message: String, at offset: Int) -> TemplateError {
        let where_ = location(of: offset)
        return TemplateError(path: path, line: where_.line, column: where_.column, message: message, sourceLine: where_.sourceLine)
    }
}
