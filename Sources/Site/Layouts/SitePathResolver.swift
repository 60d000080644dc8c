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
        var reference = Substring(src)
        if let cut = reference.firstIndex(where: { $0 == "?" || $0 == "#" }) { reference = reference[..<cut] }
        if reference.isEmpty || reference.hasPrefix("//") { return nil }
        if let colon = reference.firstIndex(of: ":"), !reference[..<colon].contains("/") { return nil }
        var segments: [Substring]
        if reference.hasPrefix("/") {
            segments = []
        } else {
            segments = pageURL.split(separator: "/", omittingEmptySubsequences: true)
            // A page URL not ending in `/` names a file: its folder is the base.
            if !pageURL.hasSuffix("/"), !segments.isEmpty { segments.removeLast() }
        }
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if segments.isEmpty { return nil }
                segments.removeLast()
            default: segments.append(part)
            }
        }
        guard !segments.isEmpty else { return nil }
        let joined = "/" + segments.joined(separator: "/")
        // Decoding is costly and changes nothing without a `%`.
        guard joined.utf8.contains(UInt8(ascii: "%")) else { return joined }
        return joined.removingPercentEncoding ?? joined
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
        let relative = String(sitePath.drop(while: { $0 == "/" }))
        guard !relative.isEmpty, !relative.split(separator: "/").contains("..") else { return [] }
        var paths: [String] = []
        for (folder, output) in roots ?? sourceRoots {
            if output.isEmpty {
                paths.append(folder + relative)
            } else if relative.hasPrefix(output + "/") {
                paths.append(folder + relative.dropFirst(output.count + 1))
            }
        }
        return paths
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
