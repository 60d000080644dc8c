import Foundation
import Templates

/// Image sizes by site path, for the `imageSize` filter. The site keeps one environment across the
/// rebuilds of `serve`, so an entry holds the file and its modification time and is read again when
/// the file changes; a path with no file is looked up again every time (the file may be added).
///
/// The layouts size every screenshot of every page, so a lookup works on bytes: the site path is
/// joined in a buffer on the stack, the entries are found through an open-addressing table of
/// their hashes with the keys and file paths kept in one byte store (no `String` per key, no
/// dictionary hashing or rebuilding of string keys), and a file is opened, checked and read with
/// plain system calls into a stack buffer.
final class ImageSizeCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Everything that changes, in one value changed under the lock (one access to the class's
    /// storage per lookup rather than one per field).
    private var table = ImageSizeTable()
    /// The folders a site path is looked up in (`SitePathResolver.sourceRoots`), as bytes.
    private let roots: [(folder: [UInt8], output: [UInt8])]
    /// The longest root folder, for the room a candidate path needs.
    private let longestFolder: Int

    init(roots: [(folder: String, output: String)]) {
        self.roots = roots.map { (Array($0.folder.utf8), Array($0.output.utf8)) }
        longestFolder = self.roots.reduce(0) { max($0, $1.folder.count) }
    }

    /// The `imageSize` filter: the size of the image that `src` refers to on the page at `page`, as
    /// `{width, height}`; undefined when it is not a file of the site or not an image.
    func value(forSource src: String, onPage page: String) -> TemplateValue {
        lookUp(source: src, onPage: page)?.value ?? .undefined
    }

    /// The size of the image that `src` refers to on the page at `page`, as `value(forSource:onPage:)`
    /// finds it (what `screenshotGroups` gives each item); nil when it has none.
    func size(forSource src: String, onPage page: String) -> ImageSize? {
        lookUp(source: src, onPage: page)?.size
    }

    /// The size and filter value of the file that `src` refers to on the page at `page`; nil when
    /// there is no such file of the site.
    private func lookUp(source src: String, onPage page: String) -> (size: ImageSize?, value: TemplateValue)? {
        var src = src, page = page
        return src.withUTF8 { reference in
            page.withUTF8 { page in
                let joinedRoom = SitePathResolver.joinedCapacity(reference, page)
                // The site path, then room for a candidate file path or a stored one.
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * joinedRoom + longestFolder + 1) { buffer in
                    guard let count = SitePathResolver.joinSitePath(reference, onPage: page, into: buffer) else { return nil }
                    let joined = UnsafeBufferPointer(rebasing: buffer[..<count])
                    if joined.contains(UInt8(ascii: "%")) {
                        return lookUp(SitePathResolver.decodedSitePath(joined))
                    }
                    return lookUp(joined, scratch: UnsafeMutableBufferPointer(rebasing: buffer[joinedRoom...]))
                }
            }
        }
    }

    /// The size of the file at a site path (what the tests ask; the filter goes through `value(forSource:onPage:)`).
    func size(forSitePath sitePath: String) -> ImageSize? {
        lookUp(sitePath)?.size
    }

    /// `lookUp(_:scratch:)` for a site path given as a string.
    private func lookUp(_ sitePath: String) -> (size: ImageSize?, value: TemplateValue)? {
        var sitePath = sitePath
        return sitePath.withUTF8 { site in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: site.count + longestFolder + 1) { scratch in
                lookUp(site, scratch: scratch)
            }
        }
    }

    /// The size and filter value of the file at a site path, read again when its file changed; nil
    /// when there is no file. `scratch` has room for a root folder and the site path and a NUL.
    private func lookUp(_ site: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>) -> (size: ImageSize?, value: TemplateValue)? {
        let slash = UInt8(ascii: "/")
        var start = 0
        while start < site.count, site[start] == slash { start += 1 }
        let key = UnsafeBufferPointer(rebasing: site[start...])
        guard let hash = ImageSizeTable.hash(ofSitePath: key) else { return nil }
        // A known entry: its file's path copied out under the lock, then checked without it.
        let known = lock.withLock { table.known(key, hash: hash, copyingPathInto: scratch) }
        if let known, let base = scratch.baseAddress,
           let status = SourceFileTime.status(ofCString: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)),
           !status.isFolder, status.modified == known.modified {
            return (known.size, known.value)
        }
        guard let found = Self.file(for: key, roots: roots, scratch: scratch) else { return nil }
        let path = UnsafeBufferPointer(rebasing: scratch[..<found.pathCount])
        let value = lock.withLock {
            table.record(key, hash: hash, path: path, modified: found.modified, size: found.size)
        }
        return (found.size, value)
    }

    /// The first place `key` (a site path without leading slashes) may come from that is a file, in
    /// the order and by the rules of `SitePathResolver.candidatePaths`: its path (written NUL-ended
    /// into `scratch`), time and image size. Each candidate is opened, then checked and read through
    /// the open file: one path lookup.
    private static func file(for key: UnsafeBufferPointer<UInt8>, roots: [(folder: [UInt8], output: [UInt8])],
                             scratch: UnsafeMutableBufferPointer<UInt8>) -> (pathCount: Int, modified: SourceFileTime, size: ImageSize?)? {
        let slash = UInt8(ascii: "/")
        guard let base = scratch.baseAddress else { return nil }
        for (folder, output) in roots {
            var rest = 0
            if !output.isEmpty {
                guard key.count > output.count, key[output.count] == slash else { continue }
                var same = true
                for k in 0..<output.count where key[k] != output[k] { same = false; break }
                guard same else { continue }
                rest = output.count + 1
            }
            let count = folder.count + key.count - rest
            guard count + 1 <= scratch.count else { continue }
            folder.withUnsafeBufferPointer { folder in
                if let from = folder.baseAddress { base.update(from: from, count: folder.count) }
            }
            if let from = key.baseAddress { (base + folder.count).update(from: from + rest, count: key.count - rest) }
            scratch[count] = 0
            let cPath = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            // Not blocking: a named pipe would otherwise wait for a writer (a file reads the same).
            let descriptor = open(cPath, O_RDONLY | O_NONBLOCK)
            if descriptor < 0 {
                // Something there that cannot be read (a file without permission) still counts.
                if errno != ENOENT, errno != ENOTDIR, let status = SourceFileTime.status(ofCString: cPath), !status.isFolder {
                    return (count + 1, status.modified, nil)
                }
                continue
            }
            defer { close(descriptor) }
            guard let status = SourceFileTime.status(ofDescriptor: descriptor), !status.isFolder else { continue }
            return (count + 1, status.modified, ImageSize(readingHeaderOf: descriptor))
        }
        return nil
    }
}
