import Foundation

/// The pixel size of an image, read from its header, so that a screenshot's `<img>` carries
/// `width` and `height` and the page does not jump while images load.
public struct ImageSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// How many bytes of a file `init?(header:)` may need: PNG, GIF and WebP put their size in the
    /// first 30 bytes; a JPEG's frame header can come after large metadata segments.
    public static let maximumHeaderLength = 512 * 1024

    /// Reads the size from the first bytes of a PNG, JPEG, GIF or WebP file; nil for anything else
    /// or for a truncated or malformed header. Never reads past the end of `bytes`.
    public init?(header bytes: [UInt8]) {
        guard let size = bytes.withUnsafeBufferPointer({ ImageSize(header: $0) }) else { return nil }
        self = size
    }

    /// The same over bytes in place: the layouts size every screenshot from a buffer on the stack.
    public init?(header bytes: UnsafeBufferPointer<UInt8>) {
        if let size = Self.png(bytes) ?? Self.gif(bytes) ?? Self.jpeg(bytes) ?? Self.webp(bytes) {
            self = size
        } else {
            return nil
        }
    }

    /// Reads just enough of the file at `url` to find its size.
    public init?(contentsOf url: URL) {
        // Not blocking: a named pipe would otherwise wait for a writer; it has no size.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        self.init(readingHeaderOf: descriptor)
    }

    /// Reads just enough of the file open at `descriptor` to find its size, with plain system calls:
    /// 64 bytes into a buffer on the stack (most formats need 30), and more only for a JPEG. The
    /// layouts size every screenshot of every page this way.
    init?(readingHeaderOf descriptor: Int32) {
        let size = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer -> ImageSize? in
            guard let base = buffer.baseAddress else { return nil }
            var count = 0
            while count < buffer.count {
                let got = read(descriptor, base + count, buffer.count - count)
                if got <= 0 { break }
                count += got
            }
            let start = UnsafeBufferPointer(rebasing: buffer[..<count])
            guard count >= 2, start[0] == 0xFF, start[1] == 0xD8 else { return ImageSize(header: start) }
            var bytes = Array(start)
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while bytes.count < Self.maximumHeaderLength {
                let want = min(chunk.count, Self.maximumHeaderLength - bytes.count)
                let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, want) }
                if got <= 0 { break }
                bytes += chunk[0..<got]
            }
            return ImageSize(header: bytes)
        }
        guard let size else { return nil }
        self = size
    }

    private static func bigEndian(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, count: Int) -> Int? {
        guard offset >= 0, offset + count <= b.count else { return nil }
        var value = 0
        for i in 0..<count { value = value << 8 | Int(b[offset + i]) }
        return value
    }

    private static func littleEndian(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, count: Int) -> Int? {
        guard offset >= 0, offset + count <= b.count else { return nil }
        var value = 0
        for i in (0..<count).reversed() { value = value << 8 | Int(b[offset + i]) }
        return value
    }

    /// Whether `b` holds the ASCII `signature` at `offset` (a static string: no array per check).
    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, _ signature: StaticString) -> Bool {
        let count = signature.utf8CodeUnitCount
        guard offset >= 0, offset + count <= b.count else { return false }
        let start = signature.utf8Start
        for i in 0..<count where b[offset + i] != start[i] { return false }
        return true
    }

    /// PNG: signature, then the IHDR chunk whose data starts with width and height.
    private static func png(_ b: UnsafeBufferPointer<UInt8>) -> ImageSize? {
        guard b.count >= 8, b[0] == 0x89, matches(b, 1, "PNG\r\n\u{1A}\n"),
              matches(b, 12, "IHDR"),
              let width = bigEndian(b, 16, count: 4), let height = bigEndian(b, 20, count: 4),
              width > 0, height > 0 else { return nil }
        return ImageSize(width: width, height: height)
    }

    /// GIF: `GIF87a` or `GIF89a`, then the logical screen size, little-endian.
    private static func gif(_ b: UnsafeBufferPointer<UInt8>) -> ImageSize? {
        guard matches(b, 0, "GIF87a") || matches(b, 0, "GIF89a"),
              let width = littleEndian(b, 6, count: 2), let height = littleEndian(b, 8, count: 2),
              width > 0, height > 0 else { return nil }
        return ImageSize(width: width, height: height)
    }

    /// JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 but not DHT, JPG, DAC).
    private static func jpeg(_ b: UnsafeBufferPointer<UInt8>) -> ImageSize? {
        guard b.count >= 2, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 4 <= b.count {
            guard b[offset] == 0xFF else { return nil }
            let marker = b[offset + 1]
            if marker == 0xFF { offset += 1; continue } // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            if marker == 0xD9 || marker == 0xDA { return nil } // end of image or scan before any frame
            guard let length = bigEndian(b, offset + 2, count: 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard let height = bigEndian(b, offset + 5, count: 2),
                      let width = bigEndian(b, offset + 7, count: 2),
                      width > 0, height > 0 else { return nil }
                return ImageSize(width: width, height: height)
            }
            offset += 2 + length
        }
        return nil
    }

    /// WebP: a RIFF container with a `VP8 `, `VP8L` or `VP8X` first chunk.
    private static func webp(_ b: UnsafeBufferPointer<UInt8>) -> ImageSize? {
        guard matches(b, 0, "RIFF"), matches(b, 8, "WEBP") else { return nil }
        if matches(b, 12, "VP8X") {
            guard let w = littleEndian(b, 24, count: 3), let h = littleEndian(b, 27, count: 3) else { return nil }
            return ImageSize(width: w + 1, height: h + 1)
        }
        if matches(b, 12, "VP8L") {
            guard b.count > 20, b[20] == 0x2F, let bits = littleEndian(b, 21, count: 4) else { return nil }
            return ImageSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        }
        if matches(b, 12, "VP8 ") {
            guard b.count > 25, b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A,
                  let w = littleEndian(b, 26, count: 2), let h = littleEndian(b, 28, count: 2) else { return nil }
            let size = ImageSize(width: w & 0x3FFF, height: h & 0x3FFF)
            return size.width > 0 && size.height > 0 ? size : nil
        }
        return nil
    }
}
