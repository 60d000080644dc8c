/// What a render writes: small ASCII pieces gathered as bytes, everything else appended to a
/// `String`, which is the result.
///
/// A render appends hundreds of pieces (text between tags, outputs, remembered macro calls), most of
/// them short. Appending to a `String` checks its storage's capacity, uniqueness and ASCII flag and
/// goes through several library calls every time; appending bytes is a capacity check and a copy.
/// But bytes become a `String` only by validating them as UTF-8, which costs about nine
/// instructions a byte once one is not ASCII, and a string needs no validation to be appended to
/// another. So only ASCII goes into the byte buffer (it validates a word at a time), and a piece
/// with other characters is appended as a string, after the bytes before it.
struct TemplateOutput {
    private var text: String
    /// ASCII bytes written after `text`: always ASCII, so that turning them into a string is cheap.
    private var pending: [UInt8]

    /// Pieces at least this long are appended as strings without looking at their bytes: checking
    /// them for ASCII would cost about as much as the copy a string append makes.
    private static let longPiece = 16384
    /// The room the string is given when it is first written to.
    private let capacity: Int

    /// An empty output with room for `capacity` bytes.
    init(capacity: Int = 0) {
        text = ""
        pending = []
        self.capacity = capacity
        if capacity > 0 { pending.reserveCapacity(capacity) }
    }

    /// How many bytes have been written: where a piece starts, to take it out again (`string(from:)`).
    var count: Int { text.utf8.count + pending.count }

    /// Appends bytes that are known to be ASCII (text between tags, checked when it was parsed).
    @inline(__always)
    mutating func append(ascii piece: [UInt8]) {
        pending.append(contentsOf: piece)
    }

    /// Appends a string: its bytes when it is short and ASCII, else the string itself.
    mutating func append(_ piece: String) {
        let copied: Bool? = piece.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count < Self.longPiece, Self.isASCII(bytes) else { return false }
            pending.append(contentsOf: bytes)
            return true
        }
        if copied != true {
            flush(before: piece.utf8.count)
            text.append(piece)
        }
    }

    /// Appends a string with `& < > " ' \` escaped as Nunjucks' `escape` does; a short ASCII string
    /// is escaped straight into the bytes, without making an escaped copy of it first.
    mutating func appendEscapingHTML(_ piece: String) {
        let copied: Bool? = piece.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count < Self.longPiece, Self.isASCII(bytes) else { return false }
            appendEscapingHTML(ascii: bytes)
            return true
        }
        if copied != true { append(TemplateValue.escapeHTML(piece)) }
    }

    private mutating func appendEscapingHTML(ascii bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in bytes.indices {
            let replacement: StaticString
            switch bytes[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case 0x5C: replacement = "&#92;"
            default: continue
            }
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            replacement.withUTF8Buffer { pending.append(contentsOf: $0) }
            start = index + 1
        }
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// Whether every byte is ASCII, eight at a time (stopping at the first block of 64 that is not).
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
            if offset & 63 == 0, high & 0x8080_8080_8080_8080 != 0 { return false }
        }
        while offset < bytes.count {
            high |= UInt64(bytes[offset])
            offset += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Moves the pending bytes into the string, which is first given room for them, `coming` more
    /// bytes and the capacity asked for, so that it is not copied as it grows.
    private mutating func flush(before coming: Int = 0) {
        if text.isEmpty { text.reserveCapacity(max(capacity, 2 * (pending.count + coming))) }
        guard !pending.isEmpty else { return }
        // ASCII only: validating them is a quick check a word at a time.
        text.append(String(decoding: pending, as: UTF8.self))
        pending.removeAll(keepingCapacity: true)
    }

    /// What was written since `start` (a `count` taken before), as a string of its own.
    mutating func string(from start: Int) -> String {
        flush()
        let utf8 = text.utf8
        guard start < utf8.count else { return "" }
        // Pieces start on scalar boundaries, so the slice is valid UTF-8 and is copied unchecked.
        let slice = utf8[utf8.index(utf8.startIndex, offsetBy: start)...]
        return String(slice) ?? String(decoding: slice, as: UTF8.self)
    }

    /// Everything written.
    mutating func finish() -> String {
        // Only ASCII was written: the bytes are the whole string.
        if text.isEmpty { return String(decoding: pending, as: UTF8.self) }
        flush()
        return text
    }
}
