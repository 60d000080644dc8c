/// The bytes a formatted date is written into: a buffer the formatter takes on the stack, sized for
/// the longest output a pattern can give (eight bytes a pattern byte and a few more: a one-letter
/// token writes at most seven), so that formatting a date allocates only its string.
struct TemplateDateBytes {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// How much room a pattern of `patternBytes` bytes needs.
    static func capacity(forPatternBytes patternBytes: Int) -> Int {
        8 * patternBytes + 16
    }

    /// Appends a byte; one past the room (which the capacity rules out) is dropped, not written.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        guard count < buffer.count else { return }
        buffer[count] = byte
        count += 1
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for byte in bytes { append(byte) }
    }

    /// What was written, as a string.
    var string: String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<count]), as: UTF8.self)
    }
}
