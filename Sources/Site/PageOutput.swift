import Foundation

/// What a page writes to its file: the text of a page without a layout (its body as it was
/// rendered), or the UTF-8 bytes its last layout rendered.
///
/// A page's layouts render into bytes (`Template.renderUTF8`) because the page only goes to a file:
/// making a string of it would mean appending its pieces with other characters than ASCII to a
/// string as it is rendered, or validating the whole page again. The writer takes either kind
/// as it is.
struct PageOutput: Sendable, Equatable {
    private enum Storage: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    private let storage: Storage

    /// A page's text.
    init(_ text: String) {
        storage = .text(text)
    }

    /// A page's UTF-8 bytes, whole characters only (what a template renders).
    init(utf8 bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    /// The output as a string (for tests and the preview: not on a build's way to the disk).
    var text: String {
        switch storage {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Calls `body` with the output's UTF-8 bytes, without copying them.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(var text): try text.withUTF8(body)
        case .bytes(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }

    /// Same bytes, whichever kind each is (not strings' equality, which takes canonically equivalent
    /// characters as equal: a file is rewritten when a byte of it changes).
    static func == (a: PageOutput, b: PageOutput) -> Bool {
        a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                guard let xs = x.baseAddress, let ys = y.baseAddress else { return true }
                return memcmp(xs, ys, x.count) == 0
            }
        }
    }
}
