/// A name with its hash computed once, when a template is parsed, so that looking a variable or a
/// member up in frames, contexts and objects compares integers before it compares strings.
///
/// The hash is FNV-1a over the UTF-8 bytes: cheap for the short names templates use, and the same
/// in every process (`Hasher` is seeded per process and costs more for a short string).
struct TemplateKey: Sendable {
    let name: String
    let hash: Int

    init(_ name: String) {
        self.name = name
        self.hash = Self.hash(name)
    }

    static func hash(_ name: String) -> Int {
        // Over the contiguous UTF-8 when there is one (native and small strings), else byte by byte.
        if let hash = name.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hash }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(bitPattern: UInt(hash))
    }

    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(bitPattern: UInt(hash))
    }

    /// `loop`, which a `for` loop's frames answer without storing it.
    static let loop = TemplateKey("loop")

    /// The hash of `loop`, as a constant: checked on every name lookup, where reading `loop` would
    /// first check that the static is initialised (tested against `hash("loop")`).
    static var loopHash: Int { -3_608_257_767_857_095_189 }

    /// Whether this is `loop`.
    @inline(__always)
    var isLoop: Bool { hash == Self.loopHash && name == "loop" }
}
