import Foundation

/// What a render writes: ASCII pieces gathered as bytes, everything else appended to a `String`,
/// which is the result.
///
/// A render appends hundreds of pieces (text between tags, outputs, remembered macro calls), most of
/// them short. Appending to a `String` checks its storage's capacity, uniqueness and ASCII flag and
/// goes through several library calls every time; appending bytes is a capacity check and a copy.
/// But bytes become a `String` only by validating them as UTF-8, which costs about nine
/// instructions a byte once one is not ASCII, and a string needs no validation to be appended to
/// another. So only ASCII goes into the byte buffer (it validates a word at a time), and a piece
/// with other characters is appended as a string, after the bytes before it.
///
/// An output made for a file (`init(capacity:bytesOnly:)`) keeps every piece as bytes, whatever its characters,
/// and ends as UTF-8 bytes (`finishBytes()`): a page that goes to disk never needs to be a string, so
/// its pieces with other characters need neither a string to go into nor validating again.
///
/// The buffer is its own memory, grown by doubling, rather than an array, whose generic append
/// costs several times the copy; so an output cannot be copied (`~Copyable`) and frees it when
/// it ends.
struct TemplateOutput: ~Copyable {
    private var text: String
    /// ASCII bytes written after `text`: always ASCII, so that turning them into a string is cheap.
    private var bytes: UnsafeMutablePointer<UInt8>?
    private var used = 0
    private var size = 0

    /// Pieces at least this long are appended as strings without looking at their bytes: checking
    /// them for ASCII would cost about as much as the copy a string append makes.
    private static let longPiece = 16384
    /// The room the string is given when it is first written to.
    private let capacity: Int
    /// Whether every piece goes into the bytes, ASCII or not (`text` then stays empty).
    private let bytesOnly: Bool

    /// An empty output with room for `capacity` bytes.
    init(capacity: Int = 0) {
        self.init(capacity: capacity, bytesOnly: false)
    }

    /// An empty output with room for `capacity` bytes that keeps every piece as UTF-8 bytes, for
    /// `finishBytes()`.
    init(capacity: Int, bytesOnly: Bool) {
        text = ""
        self.capacity = capacity
        self.bytesOnly = bytesOnly
        if capacity > 0 {
            bytes = .allocate(capacity: capacity)
            size = capacity
        }
    }

    deinit {
        bytes?.deallocate()
    }

    /// How many bytes have been written: where a piece starts, to take it out again (`string(from:)`).
    var count: Int { text.utf8.count + used }

    /// Room for `extra` more bytes; the buffer is not nil afterwards.
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if let bytes, used + extra <= size { return bytes + used }
        return grow(to: used + extra) + used
    }

    @inline(never)
    private mutating func grow(to needed: Int) -> UnsafeMutablePointer<UInt8> {
        let newSize = max(needed, 2 * size, 256)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newSize)
        if let bytes {
            grown.update(from: bytes, count: used)
            bytes.deallocate()
        }
        bytes = grown
        size = newSize
        return grown
    }

    /// Appends `count` bytes from `start` of `text`, which are known to be ASCII (text between
    /// tags, checked when it was parsed).
    @inline(__always)
    mutating func append(ascii text: [UInt8], from start: Int, count: Int) {
        text.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, start >= 0, count >= 0, start + count <= source.count else { return }
            reserve(count).update(from: base + start, count: count)
            used += count
        }
    }

    /// Appends a string: its bytes when they are ASCII, else the string itself.
    mutating func append(_ piece: String) {
        if bytesOnly { return appendUTF8(of: piece) }
        let copied: Bool? = piece.utf8.withContiguousStorageIfAvailable { source in
            source.count < Self.longPiece && appendIfASCII(source)
        }
        if copied != true {
            flush(before: piece.utf8.count)
            text.append(piece)
        }
    }

    /// Appends a string's UTF-8 bytes, whatever they are (an output of bytes only).
    private mutating func appendUTF8(of piece: String) {
        let copied: Void? = piece.utf8.withContiguousStorageIfAvailable { appendBytes($0) }
        if copied == nil {
            var piece = piece
            piece.withUTF8 { appendBytes($0) }
        }
    }

    /// Copies `source` to the end when every byte is ASCII, checking eight bytes at a time as it
    /// copies them (and giving up at the first block of 64 that is not); otherwise keeps nothing.
    private mutating func appendIfASCII(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = source.baseAddress else { return true }
        let count = source.count
        let destination = UnsafeMutableRawPointer(reserve(count))
        let origin = UnsafeRawPointer(start)
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= count {
            let word = origin.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            high |= word
            destination.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
            offset += 8
            if offset & 63 == 0, high & 0x8080_8080_8080_8080 != 0 { return false }
        }
        while offset < count {
            let byte = start[offset]
            high |= UInt64(byte)
            destination.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
            offset += 1
        }
        guard high & 0x8080_8080_8080_8080 == 0 else { return false }
        used += count
        return true
    }

    /// Appends a string with `& < > " ' \` escaped as Nunjucks' `escape` does; a short ASCII string
    /// is escaped straight into the bytes, without making an escaped copy of it first.
    mutating func appendEscapingHTML(_ piece: String) {
        let copied: Bool? = piece.utf8.withContiguousStorageIfAvailable { source in
            guard source.count < Self.longPiece, Self.isASCII(source) else { return false }
            appendEscapingHTML(ascii: source)
            return true
        }
        if copied != true { append(TemplateValue.escapeHTML(piece)) }
    }

    private mutating func appendEscapingHTML(ascii source: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while let index = TemplateValue.firstNeedingEscape(in: source, from: start) {
            let replacement: StaticString
            switch source[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: replacement = "&#92;"
            }
            appendBytes(UnsafeBufferPointer(rebasing: source[start..<index]))
            appendBytes(UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            start = index + 1
        }
        appendBytes(UnsafeBufferPointer(rebasing: source[start...]))
    }

    /// Appends an integer's decimal digits (how JavaScript writes a whole number below 2^53).
    mutating func append(integer: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var magnitude = integer.magnitude
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if integer < 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            let written = buffer.count - position
            let destination = reserve(written)
            for offset in 0..<written { destination[offset] = buffer[position + offset] }
            return written
        }
        used += count
    }

    /// Appends bytes that are ASCII (or, in an output of bytes only, any whole UTF-8 characters).
    private mutating func appendBytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress, source.count > 0 else { return }
        reserve(source.count).update(from: start, count: source.count)
        used += source.count
    }

    /// Whether every byte is ASCII, eight at a time (stopping at the first block of 64 that is not).
    private static func isASCII(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = source.baseAddress else { return true }
        let raw = UnsafeRawPointer(start)
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= source.count {
            high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
            if offset & 63 == 0, high & 0x8080_8080_8080_8080 != 0 { return false }
        }
        while offset < source.count {
            high |= UInt64(start[offset])
            offset += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The pending bytes as a string: ASCII only, so validating them is a quick check a word at a time.
    private var pendingString: String {
        guard let bytes, used > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: used), as: UTF8.self)
    }

    /// Moves the pending bytes into the string, which is first given room for them, `coming` more
    /// bytes and the capacity asked for, so that it is not copied as it grows.
    private mutating func flush(before coming: Int = 0) {
        if text.isEmpty {
            // The first flush makes the string out of the bytes, in storage with room to grow:
            // one copy, where a string of the bytes appended to an empty one with room was two.
            let room = max(capacity, 2 * (used + coming), 16)
            guard let bytes, used > 0 else {
                text.reserveCapacity(room)
                return
            }
            let count = used
            text = String(unsafeUninitializedCapacity: room) { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                base.update(from: bytes, count: count)
                return count
            }
            used = 0
            return
        }
        guard used > 0 else { return }
        text.append(pendingString)
        used = 0
    }

    /// What was written since `start` (a `count` taken before), as a string of its own.
    mutating func string(from start: Int) -> String {
        if bytesOnly {
            // Pieces start on character boundaries: the bytes since `start` are whole characters.
            guard let bytes, start < used else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes + start, count: used - start), as: UTF8.self)
        }
        flush()
        let utf8 = text.utf8
        guard start < utf8.count else { return "" }
        // Pieces start on scalar boundaries, so the slice is valid UTF-8 and is copied unchecked.
        let slice = utf8[utf8.index(utf8.startIndex, offsetBy: start)...]
        return String(slice) ?? String(decoding: slice, as: UTF8.self)
    }

    /// Everything written.
    consuming func finish() -> String {
        // Only ASCII was written: the bytes are the whole string.
        if text.isEmpty { return pendingString }
        // The string was given room to grow (twice what it held when first written to, or doubled
        // as it grew), and a page's output is kept until the site is written: a page of 11 KB would
        // keep 20 KB or more, memory touched for the first time (a page fault every 4 KB), while
        // the room it was written in is freed here and reused by the next render. So an output of
        // a page's size is copied into a string of its size. (Appending a string to an empty one
        // with room copies its bytes without checking them again.)
        // The bytes written since the last flush are appended once, to the copy (or to the string
        // when it is kept), not first to the string and then with it to the copy.
        let length = text.utf8.count + used
        guard length >= Self.exactCopyLength else {
            flush()
            return text
        }
        var exact = String()
        exact.reserveCapacity(length)
        exact.append(text)
        if used > 0 { exact.append(pendingString) }
        return exact
    }

    /// Everything written, as UTF-8 bytes in an array of their size (an output of bytes only; in
    /// another, what was written as bytes since the last string piece).
    consuming func finishBytes() -> [UInt8] {
        guard let bytes, used > 0 else { return [] }
        return [UInt8](UnsafeBufferPointer(start: bytes, count: used))
    }

    /// Outputs at least this long are returned in a string of their size (see `finish()`).
    private static let exactCopyLength = 2048
}
