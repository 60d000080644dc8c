import Foundation
import Templates

/// The entries of `ImageSizeCache`: for each site path looked up, the file it was found in, that
/// file's modification time and the image's size. Site paths and file paths are kept as bytes in
/// one store, and found through an open-addressing table of their hashes: no `String` per path,
/// no dictionary hashing strings with SipHash, and growing the table places integers again.
struct ImageSizeTable {
    private struct Entry {
        /// The site path (without leading slashes) in `bytes`.
        var key: Range<Int>
        var hash: UInt64
        /// The file's path in `bytes`, NUL-terminated (the NUL included).
        var path: Range<Int>
        var modified: SourceFileTime
        var size: ImageSize?
        /// What the `imageSize` filter gives for it: `{width, height}`, or undefined.
        var value: TemplateValue
    }

    private var entries: [Entry] = []
    /// Positions + 1 in `entries` (0: empty), a power of two long, at most half full.
    private var slots: [Int32] = []
    /// The entries' keys and paths, one after another.
    private var bytes: [UInt8] = []
    /// One `{width, height}` object per size seen, for the first few sizes: a site's screenshots
    /// share a few sizes, and an object made once is shared (objects are copied on write).
    private var shared: [(size: ImageSize, value: TemplateValue)] = []
    /// Above this many entries the table is emptied: files renamed in `serve` leave entries behind.
    private let limit = 1_000_000

    /// The FNV-1a hash of a site path without leading slashes, or nil when it is empty or has a
    /// `..` segment (it would climb out of the site's folders).
    static func hash(ofSitePath key: UnsafeBufferPointer<UInt8>) -> UInt64? {
        // The `..` rule is the resolver's (a second pass over a short path, not a second copy of it).
        guard !key.isEmpty, !SitePathResolver.climbs(key) else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The entry for `key`, with its file's path copied into `scratch` (NUL-terminated); nil when
    /// there is none (or its path does not fit, which a caller's scratch room rules out).
    func known(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, copyingPathInto scratch: UnsafeMutableBufferPointer<UInt8>)
        -> (modified: SourceFileTime, size: ImageSize?, value: TemplateValue)? {
        guard let position = find(key, hash: hash) else { return nil }
        let entry = entries[position]
        guard entry.path.count <= scratch.count, let target = scratch.baseAddress else { return nil }
        bytes.withUnsafeBufferPointer { stored in
            if let from = stored.baseAddress { target.update(from: from + entry.path.lowerBound, count: entry.path.count) }
        }
        return (entry.modified, entry.size, entry.value)
    }

    /// Records what the file at `path` (NUL-terminated) gave for `key`, and returns the filter's value.
    mutating func record(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, path: UnsafeBufferPointer<UInt8>,
                         modified: SourceFileTime, size: ImageSize?) -> TemplateValue {
        let value = size.map { sharedValue($0) } ?? .undefined
        if let position = find(key, hash: hash) {
            entries[position].path = bytes.count..<bytes.count + path.count
            bytes.append(contentsOf: path)
            entries[position].modified = modified
            entries[position].size = size
            entries[position].value = value
            return value
        }
        if entries.count >= limit {
            entries.removeAll()
            bytes.removeAll()
            slots.removeAll()
        }
        let start = bytes.count
        bytes.append(contentsOf: key)
        bytes.append(contentsOf: path)
        insert(Entry(key: start..<start + key.count, hash: hash, path: start + key.count..<bytes.count,
                     modified: modified, size: size, value: value))
        return value
    }

    /// The position in `entries` of the entry for `key`.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard !slots.isEmpty, let keyStart = key.baseAddress else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                bytes.withUnsafeBufferPointer { stored in
                    guard let storedStart = stored.baseAddress else { return nil }
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while slots[slot] != 0 {
                        let position = Int(slots[slot]) - 1
                        let entry = entries[position]
                        if entry.hash == hash, entry.key.count == key.count,
                           memcmp(storedStart + entry.key.lowerBound, keyStart, key.count) == 0 {
                            return position
                        }
                        slot = (slot + 1) & mask
                    }
                    return nil
                }
            }
        }
    }

    /// Adds an entry whose key is not in the table.
    private mutating func insert(_ entry: Entry) {
        if (entries.count + 1) * 2 > slots.count {
            // Room for a site's screenshots from the first, then doubled: the slots are integers,
            // placed again from the hashes kept in the entries.
            var size = max(slots.count * 2, 1024)
            while size < (entries.count + 1) * 2 { size *= 2 }
            slots = [Int32](repeating: 0, count: size)
            if entries.capacity < size / 2 { entries.reserveCapacity(size / 2) }
            for position in entries.indices { place(position, hash: entries[position].hash) }
        }
        entries.append(entry)
        place(entries.count - 1, hash: entry.hash)
    }

    private mutating func place(_ position: Int, hash: UInt64) {
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(position + 1)
        }
    }

    /// The `{width, height}` object for a size: shared for the first few sizes seen.
    private mutating func sharedValue(_ size: ImageSize) -> TemplateValue {
        for known in shared where known.size == size { return known.value }
        let value = TemplateValue.object(TemplateObject([("width", .number(Double(size.width))), ("height", .number(Double(size.height)))]))
        if shared.count < 16 { shared.append((size, value)) }
        return value
    }
}
