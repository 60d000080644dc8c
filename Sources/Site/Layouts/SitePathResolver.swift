import Foundation

/// Finds the source file that a URL of the built site will be copied from, before anything is
/// written, so that layouts can read an image's size while the page is being rendered.
///
/// A URL path is looked up through the passthrough copies (`app/images: .` puts
/// `app/images/a/b.png` at `/a/b.png`), then in the input folder, then in the built-in assets.
public struct SitePathResolver: Sendable {
    /// Source folder (absolute) to target folder (relative to the output, `.` for its root).
    public var passthrough: [(from: URL, to: String)]
    public var input: URL?
    /// The built-in assets folder and the output folder it is copied to.
    public var assets: (from: URL, to: String)?
    /// The site's path prefix (`/` or `/sub/`), for `prefixUrl`.
    public var pathPrefix: String
    /// Generated pages by file stem, on or off, for the layouts' links to them.
    public var generatedPages: [String: Bool]

    public init(passthrough: [(from: URL, to: String)], input: URL? = nil, assets: (from: URL, to: String)? = nil,
                pathPrefix: String = "/", generatedPages: [String: Bool] = [:]) {
        self.passthrough = passthrough
        self.input = input
        self.assets = assets
        self.pathPrefix = pathPrefix
        self.generatedPages = generatedPages
    }

    /// The resolver for a site configuration.
    public init(configuration: SiteConfiguration) {
        var generated: [String: Bool] = [:]
        for stem in ["404", "sitemap", "sitemap-xml", "feed", "search-index", "tags", "tag"] + configuration.generatedPages.keys {
            generated[stem] = configuration.includeVirtualTemplates && configuration.emits(generatedPage: stem)
        }
        self.init(
            passthrough: configuration.passthrough.map { (configuration.root.appendingPathComponent($0.from), $0.to) },
            input: configuration.inputURL,
            assets: BuiltInLayouts.assetsURL.map { ($0, BuiltInLayouts.assetsOutputFolder) },
            pathPrefix: configuration.pathPrefix,
            generatedPages: generated
        )
    }

    /// The site path (`/a/b.png`, without the path prefix) that `src` refers to on the page at
    /// `pageURL`; nil for an absolute URL with a scheme, a `data:` URL, or a path that climbs above
    /// the site root.
    public static func sitePath(of src: String, onPage pageURL: String) -> String? {
        var src = src, pageURL = pageURL
        // Bytes, not characters: the layouts ask this for every screenshot of every page.
        return src.withUTF8 { reference in
            pageURL.withUTF8 { page in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: joinedCapacity(reference, page)) { buffer in
                    guard let count = joinSitePath(reference, onPage: page, into: buffer) else { return nil }
                    return decodedSitePath(UnsafeBufferPointer(rebasing: buffer[..<count]))
                }
            }
        }
    }

    /// A joined site path (see `joinSitePath`) as a string, percent-decoded when it has a `%`.
    static func decodedSitePath(_ joined: UnsafeBufferPointer<UInt8>) -> String {
        let path = String(decoding: joined, as: UTF8.self)
        // Decoding is costly and changes nothing without a `%`.
        guard joined.contains(UInt8(ascii: "%")) else { return path }
        return path.removingPercentEncoding ?? path
    }

    /// Room enough for `joinSitePath` of `src` on `page`: each segment written takes its bytes and
    /// one `/`, and each part has at most one segment more than it has slashes.
    static func joinedCapacity(_ src: UnsafeBufferPointer<UInt8>, _ page: UnsafeBufferPointer<UInt8>) -> Int {
        src.count + page.count + 2
    }

    /// `sitePath(of:onPage:)` over UTF-8 bytes, before percent-decoding, written into `out` (at
    /// least `joinedCapacity` long, so that no page's screenshot needs a new array); the count of
    /// bytes written, or nil.
    static func joinSitePath(_ src: UnsafeBufferPointer<UInt8>, onPage page: UnsafeBufferPointer<UInt8>,
                             into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let slash = UInt8(ascii: "/")
        // The reference without its query and fragment.
        var end = 0
        while end < src.count, src[end] != UInt8(ascii: "?"), src[end] != UInt8(ascii: "#") { end += 1 }
        if end == 0 || (end >= 2 && src[0] == slash && src[1] == slash) { return nil }
        // A scheme (`https:`, `data:`): a colon before any slash.
        var i = 0
        while i < end, src[i] != slash {
            if src[i] == UInt8(ascii: ":") { return nil }
            i += 1
        }
        // `/` then each segment: every segment starts with the one `/` it holds, so climbing with
        // `..` cuts the path at its last `/`.
        var count = 0
        func append(_ part: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Bool {
            guard count + 1 + stop - start <= out.count, let target = out.baseAddress, let source = part.baseAddress else { return false }
            target[count] = slash
            (target + count + 1).update(from: source + start, count: stop - start)
            count += 1 + stop - start
            return true
        }
        func dropLastSegment() -> Bool {
            var last = count - 1
            while last >= 0, out[last] != slash { last -= 1 }
            guard last >= 0 else { return false }
            count = last
            return true
        }
        if src[0] != slash {
            var k = 0
            while k < page.count {
                if page[k] == slash { k += 1; continue }
                var e = k
                while e < page.count, page[e] != slash { e += 1 }
                guard append(page, from: k, to: e) else { return nil }
                k = e
            }
            // A page URL not ending in `/` names a file: its folder is the base.
            if page.last != slash { _ = dropLastSegment() }
        }
        var k = 0
        while k < end {
            if src[k] == slash { k += 1; continue }
            var e = k
            while e < end, src[e] != slash { e += 1 }
            let length = e - k
            if length == 1, src[k] == UInt8(ascii: ".") {
                // `.`: this folder.
            } else if length == 2, src[k] == UInt8(ascii: "."), src[k + 1] == UInt8(ascii: ".") {
                guard dropLastSegment() else { return nil }
            } else {
                guard append(src, from: k, to: e) else { return nil }
            }
            k = e
        }
        return count == 0 ? nil : count
    }

    /// The file that will be at `sitePath` in the built site, if one exists.
    public func sourceFile(forSitePath sitePath: String) -> URL? {
        sourceFileStatus(forSitePath: sitePath).map { URL(fileURLWithPath: $0.path) }
    }

    /// The folders a site path is looked up in, in order, as plain path strings: each source folder
    /// with the output folder it is copied to (empty for the output's root).
    var sourceRoots: [(folder: String, output: String)] {
        var roots = passthrough.map { (Self.folderPath($0.from), Self.normalised(output: $0.to)) }
        if let input { roots.append((Self.folderPath(input), "")) }
        if let (from, to) = assets { roots.append((Self.folderPath(from), Self.normalised(output: to))) }
        return roots
    }

    /// The path of the file that will be at `sitePath` and its modification time, from one `stat`
    /// per candidate; the layouts ask this for every screenshot of every page, so it works on plain
    /// path strings (`roots` is `sourceRoots`, computed once) rather than `URL`s.
    func sourceFileStatus(forSitePath sitePath: String, roots: [(folder: String, output: String)]? = nil) -> (path: String, modified: SourceFileTime)? {
        for path in candidatePaths(forSitePath: sitePath, roots: roots) {
            if let status = SourceFileTime.status(ofPath: path), !status.isFolder { return (path, status.modified) }
        }
        return nil
    }

    /// Where the file at `sitePath` may come from, in the order the roots are searched.
    func candidatePaths(forSitePath sitePath: String, roots: [(folder: String, output: String)]? = nil) -> [String] {
        // Compared over bytes, joined as strings: the layouts ask this for every screenshot of every page.
        let slash = UInt8(ascii: "/")
        let relative = sitePath[sitePath.utf8.index(sitePath.startIndex, offsetBy: sitePath.utf8.prefix { $0 == slash }.count)...]
        guard !relative.isEmpty, !Self.climbs(relative.utf8) else { return [] }
        var paths: [String] = []
        for (folder, output) in roots ?? sourceRoots {
            var path = folder
            if output.isEmpty {
                path += relative
            } else {
                let outputLength = output.utf8.count
                guard relative.utf8.starts(with: output.utf8), relative.utf8.dropFirst(outputLength).first == slash else { continue }
                path += relative[relative.utf8.index(relative.startIndex, offsetBy: outputLength + 1)...]
            }
            paths.append(path)
        }
        return paths
    }

    /// Whether a relative path has a `..` segment.
    static func climbs(_ path: some Sequence<UInt8>) -> Bool {
        var dots = 0, segmentLength = 0
        for byte in path {
            if byte == UInt8(ascii: "/") {
                if dots == 2, segmentLength == 2 { return true }
                dots = 0
                segmentLength = 0
            } else {
                segmentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return dots == 2 && segmentLength == 2
    }

    /// A folder's path ending in `/`.
    private static func folderPath(_ folder: URL) -> String {
        let path = folder.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// An output folder without `.` segments (`.` is the root, the empty string).
    private static func normalised(output folder: String) -> String {
        folder.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}

/// A file's modification time as `stat` gives it, to see whether a cached reading is stale.
struct SourceFileTime: Sendable, Equatable {
    var seconds: Int
    var nanoseconds: Int

    /// The modification time of the file at `path` (following links), and whether it is a folder;
    /// nil when there is nothing there.
    static func status(ofPath path: String) -> (modified: SourceFileTime, isFolder: Bool)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return status(info)
    }

    /// The same for a NUL-terminated path, as the image-size cache builds them.
    static func status(ofCString path: UnsafePointer<CChar>) -> (modified: SourceFileTime, isFolder: Bool)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return status(info)
    }

    /// The same for a file already open.
    static func status(ofDescriptor descriptor: Int32) -> (modified: SourceFileTime, isFolder: Bool)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return status(info)
    }

    private static func status(_ info: stat) -> (modified: SourceFileTime, isFolder: Bool) {
        #if canImport(Darwin)
        let time = SourceFileTime(seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec))
        #else
        let time = SourceFileTime(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        #endif
        return (time, (info.st_mode & S_IFMT) == S_IFDIR)
    }
}
