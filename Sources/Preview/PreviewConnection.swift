import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client connection of `PreviewServer`: reads requests (keep-alive and pipelining
/// included), answers malformed ones with 400 and closes, streams live-reload events, and passes
/// the rest to the handler.
struct PreviewConnection {
    let socket: AsyncSocket
    let handler: any HTTPHandler
    let status: PreviewStatus

    /// Heads larger than this are refused with 431.
    static let maximumHead = 16 * 1024
    /// Bodies larger than this are refused with 413 (the preview only serves GET and HEAD).
    static let maximumBody = 1024 * 1024

    func run() async {
        var buffer: [UInt8] = []
        do {
            while !Task.isCancelled {
                var scanned = 0
                var headEnd = RequestHead.end(in: buffer)
                while headEnd == nil {
                    if buffer.count > Self.maximumHead {
                        try await refuse(.requestHeaderFieldsTooLarge, "Request head too large.")
                        return
                    }
                    scanned = buffer.count
                    let chunk = try await socket.read(atMost: 4096)
                    buffer.append(contentsOf: chunk)
                    headEnd = RequestHead.end(in: buffer, from: max(0, scanned - 2))
                }
                guard let headEnd else { return }
                if headEnd > Self.maximumHead {
                    try await refuse(.requestHeaderFieldsTooLarge, "Request head too large.")
                    return
                }
                let head: RequestHead
                do { head = try RequestHead.parse(buffer[0..<headEnd]) } catch {
                    try await refuse(.badRequest, "Bad request: \(error.message)")
                    return
                }
                // Bodies: Content-Length only; chunked uploads are not something a preview takes.
                if head.field("transfer-encoding") != nil {
                    try await refuse(.badRequest, "Bad request: request bodies must have a Content-Length")
                    return
                }
                var length = 0
                if let value = head.field("content-length") {
                    guard let parsed = Int(value), parsed >= 0 else {
                        try await refuse(.badRequest, "Bad request: invalid Content-Length")
                        return
                    }
                    guard parsed <= Self.maximumBody else {
                        try await refuse(.payloadTooLarge, "Request body too large")
                        return
                    }
                    length = parsed
                }
                while buffer.count < headEnd + length {
                    buffer.append(contentsOf: try await socket.read(atMost: min(4096, headEnd + length - buffer.count)))
                }
                let body = Data(buffer[headEnd..<(headEnd + length)])
                buffer.removeFirst(headEnd + length)

                guard let target = Self.target(head.target) else {
                    try await refuse(.badRequest, "Bad request: unsupported request target")
                    return
                }
                if target.path() == LiveReload.eventsPath {
                    try await streamEvents(since: Self.queryValue("since", in: target.query()))
                    return
                }
                var headers = HTTPHeaders()
                for field in head.fields { headers.addValue(field.value, for: HTTPHeader(field.name)) }
                let request = HTTPRequest(method: HTTPMethod(head.method), version: HTTPVersion(head.version), target: target,
                                          headers: headers, body: HTTPBodySequence(data: body))
                let response: HTTPResponse
                do { response = try await handler.handleRequest(request) } catch {
                    response = PreviewHandler.text(.internalServerError, "Internal error: \(error.localizedDescription)\n")
                }
                let keepAlive = head.keepsAlive
                try await send(response, head: head.method == "HEAD", keepAlive: keepAlive)
                if !keepAlive { return }
            }
        } catch {
            // The client went away or the server is stopping: nothing to answer.
        }
    }

    /// Origin form (`/path?query`) as is; absolute form (`http://host/path`) reduced to it.
    static func target(_ raw: String) -> HTTPRequest.Target? {
        var rest = Substring(raw)
        if !rest.hasPrefix("/") {
            let lower = rest.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
            rest = rest.dropFirst(lower.hasPrefix("http://") ? 7 : 8)
            guard let slash = rest.firstIndex(of: "/") else { return HTTPRequest.Target(path: "/", query: "") }
            rest = rest[slash...]
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        guard let mark = rest.firstIndex(of: "?") else { return HTTPRequest.Target(path: String(rest), query: "") }
        return HTTPRequest.Target(path: String(rest[..<mark]), query: String(rest[rest.index(after: mark)...]))
    }

    static func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first == Substring(name) { return parts.count > 1 ? String(parts[1]).removingPercentEncoding : "" }
        }
        return nil
    }

    /// Answer a request that cannot be served and close gracefully: half-close, then read and
    /// discard what the client still sends (up to a second), so the answer is not lost to a reset.
    private func refuse(_ status: HTTPStatusCode, _ message: String) async throws {
        try await send(PreviewHandler.text(status, message + "\n"), head: false, keepAlive: false)
        _ = shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        let socket = self.socket
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var discarded = 0
                while discarded < 1 << 20, let bytes = try? await socket.read(atMost: 4096) { discarded += bytes.count }
            }
            group.addTask { try? await Task.sleep(for: .seconds(1)) }
            await group.next()
            group.cancelAll()
        }
    }

    private func send(_ response: HTTPResponse, head: Bool, keepAlive: Bool) async throws {
        let body = try await response.bodyData
        var text = "HTTP/1.1 \(response.statusCode.code) \(response.statusCode.phrase)\r\n"
        for (name, value) in response.headers where name != .contentLength && name != .connection {
            text += "\(name.rawValue): \(value)\r\n"
        }
        if response.statusCode.code != 304 { text += "Content-Length: \(body.count)\r\n" }
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var data = Data(text.utf8)
        if !head && response.statusCode.code != 304 { data.append(body) }
        try await socket.write(data)
    }

    /// A `text/event-stream` that lasts until the tab goes away or the server stops.
    private func streamEvents(since: String?) async throws {
        let stream = status.listen(since: since)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\nretry: 500\n\n"
        try await socket.write(Data(head.utf8))
        for await message in stream {
            try await socket.write(Data(message.utf8))
        }
    }
}
