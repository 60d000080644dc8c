import FlyingFox
import Foundation
import Site
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers requests for the built site: pretty URLs, `pathPrefix`, content types, caching headers,
/// the site's own 404 page, the error page while the build fails, and the live-reload script
/// added to every HTML response.
///
/// A FlyingFox `HTTPHandler`, so it can be mounted in any FlyingFox server as well as in
/// `PreviewServer`.
public struct PreviewHandler: HTTPHandler {
    public let folder: SiteFolder
    /// Always `/` or `/prefix/`.
    public let pathPrefix: String
    /// Whether the prefix of the latest build (`PreviewStatus.Snapshot.pathPrefix`) replaces
    /// `pathPrefix`: true unless the prefix was given on the command line.
    public let followsBuild: Bool
    public let status: PreviewStatus
    /// Answer only requests that name this machine by a loopback name (`localhost`, `127.0.0.1`,
    /// `[::1]`), as `serve` does when it listens on loopback: a web page elsewhere then cannot read
    /// the preview by pointing its own domain name at 127.0.0.1 (DNS rebinding).
    public let loopbackHostsOnly: Bool

    public init(folder: SiteFolder, pathPrefix: String = "/", status: PreviewStatus, loopbackHostsOnly: Bool = false,
                followsBuild: Bool = false) {
        self.folder = folder
        self.pathPrefix = Self.normalisePrefix(pathPrefix)
        self.followsBuild = followsBuild
        self.status = status
        self.loopbackHostsOnly = loopbackHostsOnly
    }

    /// Whether an address to listen on is a loopback one.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        return name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || name == "[::1]" || name.hasPrefix("127.")
    }

    /// The `Host` header's name without its port: `localhost:8080` -> `localhost`, `[::1]:80` -> `[::1]`.
    static func hostName(_ header: String) -> String {
        let value = header.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") { return String(value[...close]) }
        if let colon = value.lastIndex(of: ":"), value.firstIndex(of: ":") == colon { return String(value[..<colon]) }
        return value
    }

    /// `x`, `/x`, `x/` and `/x/` all mean `/x/`; empty means `/`.
    public static func normalisePrefix(_ prefix: String) -> String {
        let trimmed = prefix.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return trimmed.isEmpty ? "/" : "/\(trimmed)/"
    }

    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        if loopbackHostsOnly {
            if let host = request.headers[.host] {
                guard Self.isLoopback(Self.hostName(host)) else {
                    return Self.text(.misdirectedRequest, "This preview answers only to localhost, 127.0.0.1 and [::1]; to serve other names, start it with --host.\n")
                }
            } else if request.version == .http11 {
                return Self.text(.badRequest, "Bad request: no Host header.\n")
            }
        }
        let path = request.target.path()
        let query = request.target.query()
        let snapshot = status.snapshot()
        let pathPrefix = followsBuild ? snapshot.pathPrefix.map(Self.normalisePrefix) ?? self.pathPrefix : self.pathPrefix

        var sitePath = path
        if pathPrefix != "/" {
            if path == "/" || path + "/" == pathPrefix { return Self.redirect(to: pathPrefix, query: query) }
            guard path.hasPrefix(pathPrefix) else { return notFound(snapshot) }
            sitePath = "/" + path.dropFirst(pathPrefix.count)
        }

        let identity = folder.identity
        var resolution = folder.resolve(sitePath)
        if resolution == .notFound, await waitIfSwapped(since: identity) { resolution = folder.resolve(sitePath) }
        switch resolution {
        case .badRequest:
            return Self.text(.badRequest, "Bad request: the path cannot be decoded.\n")
        case .forbidden:
            return Self.text(.forbidden, "Forbidden: the path leaves the site.\n")
        case .redirect(let target):
            if snapshot.isFailing { return errorPage(snapshot) }
            return Self.redirect(to: pathPrefix + target.dropFirst(), query: query)
        case .notFound:
            return notFound(snapshot)
        case .file(let url):
            let type = ContentType.forPath(url.path)
            if snapshot.isFailing && ContentType.isHTML(type) { return errorPage(snapshot) }
            if let response = serve(url, contentType: type, status: .ok, request: request, token: snapshot.token) { return response }
            // The file went away between resolving and reading: a build swapped the folder.
            if await waitIfSwapped(since: identity), case .file(let again) = folder.resolve(sitePath),
               let response = serve(again, contentType: type, status: .ok, request: request, token: snapshot.token) {
                return response
            }
            return notFound(snapshot)
        }
    }

    /// If a build swapped the site folder since `identity` was taken (or is swapping it now),
    /// wait until the new one is in place (up to half a second); true if the request is worth
    /// resolving again.
    private func waitIfSwapped(since identity: [UInt64]?) async -> Bool {
        var now = folder.identity
        // Same folder (or still none at all, as before a first successful build): nothing to wait for.
        guard now != identity else { return false }
        for _ in 0..<500 where now == nil {
            try? await Task.sleep(for: .milliseconds(1))
            now = folder.identity
        }
        return true
    }

    private func notFound(_ snapshot: PreviewStatus.Snapshot) -> HTTPResponse {
        if snapshot.isFailing { return errorPage(snapshot) }
        if case .file(let page) = folder.resolve("/404.html"),
           let response = serve(page, contentType: ContentType.forPath(page.path), status: .notFound, request: nil, token: snapshot.token) {
            return response
        }
        return Self.text(.notFound, "Not found.\n")
    }

    private func errorPage(_ snapshot: PreviewStatus.Snapshot) -> HTTPResponse {
        let html = LiveReload.inject(into: Data(ErrorPage.html(diagnostics: snapshot.diagnostics).utf8), token: snapshot.token)
        return HTTPResponse(statusCode: .internalServerError, headers: [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-cache",
        ], body: html)
    }

    /// The file's response, or nil if it cannot be read (it went away).
    private func serve(_ url: URL, contentType: String, status: HTTPStatusCode, request: HTTPRequest?, token: String) -> HTTPResponse? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        var headers: HTTPHeaders = [.contentType: contentType, .cacheControl: "no-cache"]
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        if ContentType.isHTML(contentType) {
            // HTML carries the build token in its reload script: never cached, always fresh.
            return HTTPResponse(statusCode: status, headers: headers, body: LiveReload.inject(into: data, token: token))
        }
        let (tag, modified) = Self.validators(of: url, size: data.count)
        if let tag { headers[.eTag] = tag }
        if let modified { headers[HTTPHeader("Last-Modified")] = modified }
        if status == .ok, let tag, let request, request.headers[HTTPHeader("If-None-Match")]?.contains(tag) == true {
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        headers[HTTPHeader("Accept-Ranges")] = "bytes"
        // One byte range, for media players (Safari will not play a video without them).
        if status == .ok, let request, let header = request.headers[.range] {
            guard let range = Self.byteRange(header, size: data.count) else {
                headers[HTTPHeader("Content-Range")] = "bytes */\(data.count)"
                return HTTPResponse(statusCode: .rangeNotSatisfiable, headers: headers)
            }
            headers[HTTPHeader("Content-Range")] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(data.count)"
            return HTTPResponse(statusCode: .partialContent, headers: headers, body: data.subdata(in: range))
        }
        return HTTPResponse(statusCode: status, headers: headers, body: data)
    }

    /// `bytes=a-b`, `bytes=a-` or `bytes=-n` within a file of `size` bytes; nil when it cannot be
    /// satisfied (or names several ranges, which the preview does not serve).
    static func byteRange(_ header: String, size: Int) -> Range<Int>? {
        guard header.hasPrefix("bytes="), !header.contains(","), size > 0 else { return nil }
        let parts = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let first = parts[0].trimmingCharacters(in: .whitespaces), last = parts[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let count = Int(last), count > 0 else { return nil }
            return max(0, size - count)..<size
        }
        guard let start = Int(first), start >= 0, start < size else { return nil }
        if last.isEmpty { return start..<size }
        guard let end = Int(last), end >= start else { return nil }
        return start..<min(end + 1, size)
    }

    /// A strong ETag from size and modification time, and the HTTP date of the latter.
    private static func validators(of url: URL, size: Int) -> (String?, String?) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return (nil, nil) }
        #if canImport(Darwin)
        let seconds = Int(info.st_mtimespec.tv_sec), nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        let seconds = Int(info.st_mtim.tv_sec), nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
        let tag = "\"\(String(size, radix: 16))-\(String(seconds, radix: 16))-\(String(nanoseconds, radix: 16))\""
        return (tag, httpDate(seconds))
    }

    static func httpDate(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(parts.tm_wday) % 7], month = months[Int(parts.tm_mon) % 12]
        return "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    static func redirect(to location: some StringProtocol, query: String) -> HTTPResponse {
        let target = query.isEmpty ? String(location) : "\(location)?\(query)"
        return HTTPResponse(statusCode: .found, headers: [.location: target, .cacheControl: "no-cache", .contentType: "text/plain; charset=utf-8"],
                            body: Data("Redirecting to \(target)\n".utf8))
    }

    static func text(_ status: HTTPStatusCode, _ message: String, extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"]
        for (name, value) in extra { headers[name] = value }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(message.utf8))
    }
}
