import Foundation
import Templates

/// Where the built-in layouts, components, generated pages and assets are, and the filters they
/// need beyond the template engine's own.
///
/// The site registers these filters once on its `TemplateEnvironment`, puts `templatesURL` last in
/// the loader's search path (so a site file of the same name wins), treats each file of
/// `virtualTemplatesURL` as if it were in the input folder (unless switched off by
/// `generatedPages`), and copies `assetsURL` to the root of the output (before the site's own files,
/// so a site replaces an asset by writing a file of the same name).
public enum BuiltInLayouts {
    /// The folder of built-in templates: `layouts/`, `govuk/`, `x-govuk/`, the compatibility macros.
    public static var templatesURL: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    /// The generated pages (`404`, `sitemap`, `sitemap-xml`, `feed`, `search-index`, `tags`, `tag`),
    /// keyed by file stem for `generatedPages: {feed: false}`.
    public static var virtualTemplatesURL: URL? { templatesURL?.appendingPathComponent("virtual") }

    /// The built-in assets, laid out as they go into the output: `assets/design-history.css`,
    /// `assets/search.js`.
    public static var assetsURL: URL? { Bundle.module.url(forResource: "Assets", withExtension: nil) }

    /// Where the built-in assets folder goes in the output: its root.
    public static let assetsOutputFolder = "."

    /// Registers the layouts' filters for a site (see `register(in:resolver:)`).
    public static func register(in environment: inout TemplateEnvironment, configuration: SiteConfiguration) {
        register(in: &environment, resolver: SitePathResolver(configuration: configuration))
    }

    /// Registers the layouts' filters: `imageSize`, `absoluteUrl`, `atomDate`, `searchTokens`,
    /// `designHistoryPosts`, `screenshotGroups`, `prefixUrl`, `prefixLinks`, `encodeUrl`, `asList`, `relatedSections`, `tagIndex`, `searchIndex`, `urlStartsWith`.
    /// Also adds the global `generatedPages` (file stem to on or off) that the layouts read to link
    /// only to generated pages that exist.
    public static func register(in environment: inout TemplateEnvironment, resolver: SitePathResolver) {
        let cache = ImageSizeCache(roots: resolver.sourceRoots)
        let searchTokens = SearchTokenCache()
        let pathPrefix = resolver.pathPrefix
        var generated = TemplateObject()
        for stem in resolver.generatedPages.keys.sorted() { generated[stem] = .bool(resolver.generatedPages[stem] ?? true) }
        environment.addGlobal("generatedPages", .object(generated))
        environment.addFilter("prefixLinks", pure: true) { value, _ in
            .safe(LayoutFilters.prefixLinks(value.stringValue, pathPrefix: pathPrefix))
        }
        environment.addFilter("encodeUrl", pure: true) { value, _ in
            .string(LayoutFilters.encodeURL(value.stringValue))
        }
        environment.addFilter("prefixUrl", pure: true) { value, _ in
            .string(LayoutFilters.prefixURL(value.stringValue, pathPrefix: pathPrefix))
        }
        environment.addFilter("imageSize") { value, arguments in
            let page = arguments.value(at: 0, named: "page").stringValue
            guard let sitePath = SitePathResolver.sitePath(of: value.stringValue, onPage: page) else { return .undefined }
            return cache.value(forSitePath: sitePath)
        }
        environment.addFilter("absoluteUrl", pure: true) { value, arguments in
            .string(LayoutFilters.absoluteURL(value.stringValue, base: arguments.value(at: 0, named: "base").stringValue))
        }
        environment.addFilter("atomDate", pure: true) { value, _ in
            LayoutFilters.rfc3339(value).map(TemplateValue.string) ?? .undefined
        }
        environment.addFilter("searchTokens") { value, _ in
            .array(LayoutFilters.searchTokens(value.stringValue).map(TemplateValue.string))
        }
        environment.addFilter("designHistoryPosts") { value, arguments in
            let limit = arguments.value(at: 0, named: "limit")
            return .array(LayoutFilters.posts(value, limit: limit.isTruthy ? Int(limit.numberValue) : nil))
        }
        // The site's slugify (registered before this), so ids match the ones content links to.
        let slugifyFilter = environment.filters["slugify"]
        environment.addFilter("screenshotGroups") { value, arguments in
            let reserved = ScreenshotGroups.ids(inHTML: arguments.value(at: 0, named: "reserved").stringValue)
            return .array(ScreenshotGroups.normalise(value, slugify: slugifyFilter.map { filter in
                { text in (try? filter(.string(text), TemplateArguments()))?.stringValue ?? text }
            }, reserved: reserved))
        }
        environment.addFilter("asList", pure: true) { value, _ in
            .array(LayoutFilters.list(value))
        }
        environment.addFilter("relatedSections", pure: true) { value, _ in
            .array(LayoutFilters.relatedSections(value))
        }
        environment.addFilter("searchIndex") { value, arguments in
            .safe(LayoutFilters.searchIndexJSON(value, prefix: arguments.value(at: 0, named: "prefix").stringValue, tokens: searchTokens))
        }
        environment.addFilter("urlStartsWith", pure: true) { value, arguments in
            let base = arguments.value(at: 0).stringValue
            return .bool(!base.isEmpty && value.stringValue.hasPrefix(base))
        }
        environment.addFilter("tagIndex") { value, _ in
            .array(LayoutFilters.tagIndex(value))
        }
    }
}

/// Image sizes by site path. The site keeps one environment across the rebuilds of `serve`, so an
/// entry holds the file and its modification date and is read again when the file changes; a path
/// with no file is looked up again every time (the file may be added).
final class ImageSizeCache: @unchecked Sendable {
    private struct Entry {
        var path: String
        var modified: SourceFileTime
        var size: ImageSize?
        /// What the `imageSize` filter gives for it: `{width, height}`, or undefined.
        var value: TemplateValue = .undefined
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// One `{width, height}` object per size seen: a site's screenshots share a few sizes, and an
    /// object made once is shared (objects are copied on write).
    private var objects: [ImageSize: TemplateValue] = [:]
    /// The resolver's `sourceRoots`, computed once.
    private let roots: [(folder: String, output: String)]

    init(roots: [(folder: String, output: String)]) {
        self.roots = roots
    }

    /// The size of the image open at `descriptor`, reading only its header, with plain system calls.
    private static func readSize(of descriptor: Int32) -> ImageSize? {
        // Most formats need 30 bytes: 64 are read straight into the header's one array, and more
        // only for JPEG.
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            while count < buffer.count {
                let got = read(descriptor, base + count, buffer.count - count)
                if got <= 0 { break }
                count += got
            }
            return count
        }
        bytes.removeLast(bytes.count - count)
        if count >= 2, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while bytes.count < ImageSize.maximumHeaderLength {
                let want = min(chunk.count, ImageSize.maximumHeaderLength - bytes.count)
                let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, want) }
                if got <= 0 { break }
                bytes += chunk[0..<got]
            }
        }
        return ImageSize(header: bytes)
    }

    /// The first place `sitePath` may come from that is a file (the order and rules of
    /// `SitePathResolver.candidatePaths`), its time and image size: each candidate is built as a
    /// C string in one buffer and opened, then checked and read through the open file, one path
    /// lookup; only the file found becomes a `String`.
    private static func entry(forSitePath sitePath: String, roots: [(folder: String, output: String)]) -> Entry? {
        var sitePath = sitePath
        return sitePath.withUTF8 { site in
            let slash = UInt8(ascii: "/")
            var start = 0
            while start < site.count, site[start] == slash { start += 1 }
            let relative = UnsafeBufferPointer(rebasing: site[start...])
            guard !relative.isEmpty, !SitePathResolver.climbs(relative) else { return nil }
            var path: [UInt8] = []
            for (folder, output) in roots {
                path.removeAll(keepingCapacity: true)
                path.append(contentsOf: folder.utf8)
                if output.isEmpty {
                    path.append(contentsOf: relative)
                } else {
                    let outputLength = output.utf8.count
                    guard relative.starts(with: output.utf8), outputLength < relative.count, relative[outputLength] == slash else { continue }
                    path.append(contentsOf: UnsafeBufferPointer(rebasing: relative[(outputLength + 1)...]))
                }
                path.append(0)
                if let entry = path.withUnsafeBufferPointer({ entry(forCandidate: $0) }) { return entry }
            }
            return nil
        }
    }

    /// The entry for one candidate (a NUL-terminated path), as `entry(forSitePath:roots:)` describes;
    /// nil when nothing counts there.
    private static func entry(forCandidate path: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard let base = path.baseAddress else { return nil }
        let cPath = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        func string() -> String { String(decoding: UnsafeBufferPointer(rebasing: path.dropLast()), as: UTF8.self) }
        let descriptor = open(cPath, O_RDONLY)
        if descriptor < 0 {
            // Something there that cannot be read (a file without permission) still counts.
            if errno != ENOENT, errno != ENOTDIR {
                let path = string()
                if let status = SourceFileTime.status(ofPath: path), !status.isFolder {
                    return Entry(path: path, modified: status.modified, size: nil)
                }
            }
            return nil
        }
        defer { close(descriptor) }
        guard let status = SourceFileTime.status(ofDescriptor: descriptor), !status.isFolder else { return nil }
        return Entry(path: string(), modified: status.modified, size: readSize(of: descriptor))
    }

    func size(forSitePath sitePath: String, resolver: SitePathResolver) -> ImageSize? {
        lookUp(sitePath)?.size
    }

    /// The `imageSize` filter's value for the file at `sitePath`: `{width, height}`, or undefined
    /// when there is no file or it is not an image.
    func value(forSitePath sitePath: String) -> TemplateValue {
        lookUp(sitePath)?.value ?? .undefined
    }

    /// The entry for `sitePath`, read again when its file changed; nil when there is no file.
    private func lookUp(_ sitePath: String) -> Entry? {
        lock.lock()
        let known = entries[sitePath]
        lock.unlock()
        if let known, let status = SourceFileTime.status(ofPath: known.path), !status.isFolder,
           status.modified == known.modified { return known }
        guard var entry = Self.entry(forSitePath: sitePath, roots: roots) else { return nil }
        lock.lock()
        // Room for a site's screenshots from the first, so the table is not rebuilt as it fills.
        if entries.isEmpty { entries.reserveCapacity(256) }
        if let size = entry.size {
            if let shared = objects[size] {
                entry.value = shared
            } else {
                entry.value = .object(TemplateObject([("width", .number(Double(size.width))), ("height", .number(Double(size.height)))]))
                objects[size] = entry.value
            }
        }
        entries[sitePath] = entry
        lock.unlock()
        return entry
    }
}

extension TemplateValue {
    /// The value as a number, as JavaScript's `Number(value)` reads the common cases.
    var numberValue: Double {
        switch self {
        case .number(let n): n
        case .bool(let b): b ? 1 : 0
        case .string(let s), .safe(let s): Double(s.trimmingCharacters(in: .whitespaces)) ?? .nan
        default: .nan
        }
    }
}
