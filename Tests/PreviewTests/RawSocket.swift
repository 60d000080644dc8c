import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP client for the tests: sends exactly the bytes given (garbage included) and
/// reads with a deadline. Every call runs on a thread of its own, never on Swift's cooperative
/// pool or Dispatch's workers, which the server under test needs.
final class RawSocket: @unchecked Sendable {
    private let fd: Int32

    struct Failure: Error, CustomStringConvertible { var description: String }

    private init(fd: Int32) { self.fd = fd }

    static func connect(port: UInt16) async throws -> RawSocket {
        try await offThread {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket() failed") }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { Glibc.close(fd); throw Failure(description: "connect() to port \(port) failed") }
            return RawSocket(fd: fd)
        }
    }

    func send(_ bytes: [UInt8]) async throws {
        try await offThread { [fd] in
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard count > 0 else { throw Failure(description: "send() failed") }
                sent += count
            }
        }
    }

    func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    /// Read until `stop` says the bytes so far are enough, the peer closes, or `timeout` passes.
    func receive(timeout: Double = 20, until stop: @escaping @Sendable ([UInt8]) -> Bool = { _ in false }) async -> [UInt8] {
        await offThreadNonThrowing { [fd] in
            var received: [UInt8] = []
            let deadline = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 16384)
            while Date() < deadline, !stop(received) {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let wait = Int32(max(1, min(100, deadline.timeIntervalSinceNow * 1000)))
                guard poll(&poller, 1, wait) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received.append(contentsOf: buffer[0..<count])
            }
            return received
        }
    }

    private let lock = NSLock()
    private var isOpen = true

    /// Close once: a second close could close a descriptor the server under test has since reused.
    func close() {
        let wasOpen = lock.withLock { () -> Bool in
            defer { isOpen = false }
            return isOpen
        }
        if wasOpen { Glibc.close(fd) }
    }

    deinit { close() }
}

/// One parsed HTTP response.
struct RawResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    init?(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let first = lines.first, first.hasPrefix("HTTP/1.1 "), let code = Int(first.dropFirst(9).prefix(3)) else { return nil }
        status = code
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        body = String(text[split.upperBound...])
    }

    /// A full response has arrived once its `Content-Length` bytes of body have.
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let response = RawResponse(bytes), let length = response.headers["content-length"].flatMap(Int.init) else { return false }
        guard let end = bytes.indices.first(where: { $0 + 3 < bytes.count && bytes[$0...$0 + 3].elementsEqual([13, 10, 13, 10]) }) else { return false }
        return bytes.count - (end + 4) >= length
    }
}

enum HTTP {
    /// Send one request (raw text, sent as is) and parse the answer.
    static func exchange(_ request: String, port: UInt16) async throws -> RawResponse {
        let socket = try await RawSocket.connect(port: port)
        defer { socket.close() }
        try await socket.send(request)
        let bytes = await socket.receive(until: RawResponse.isComplete)
        guard let response = RawResponse(bytes) else {
            throw RawSocket.Failure(description: "no HTTP response to \(request.prefix(60).debugDescription): \(String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription)")
        }
        return response
    }

    static func get(_ target: String, port: UInt16, headers: [String: String] = [:]) async throws -> RawResponse {
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        return try await exchange(request + "\r\n", port: port)
    }
}

func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

func offThreadNonThrowing<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

/// Waits for `condition` to hold, checking every 20 ms. The limit is generous on purpose: Swift
/// Testing runs other suites' synchronous tests on the same two cooperative threads, and under load
/// a waiting test may not be scheduled for many seconds; a passing wait returns at once anyway.
func eventually(timeout: Double = 120, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
