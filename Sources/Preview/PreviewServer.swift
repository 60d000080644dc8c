import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The preview's HTTP/1.1 server: FlyingSocks sockets and FlyingFox's request, response and
/// handler types, with its own connection loop.
///
/// Why not `HTTPServer.run()`: FlyingFox 0.27 closes the connection without a word when it cannot
/// parse a request (its own TODO says so), and the preview must answer `400 Bad Request` and keep
/// going. The connection loop here parses strictly and boundedly (`RequestHead`), answers every
/// malformed request with 400, streams live-reload events, and hands everything else to an
/// `HTTPHandler`.
public actor PreviewServer {
    public let host: String
    public let requestedPort: UInt16
    private let handler: any HTTPHandler
    private let status: PreviewStatus
    private var listener: Socket?
    private var task: Task<Void, Never>?
    private var clients: [Int32: AsyncSocket] = [:]
    private var stopping = false
    /// The port actually bound (differs from `requestedPort` when that is 0).
    public private(set) var port: UInt16 = 0

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 literal, or `localhost`; `127.0.0.1` unless told otherwise.
    ///   - port: 0 picks a free port.
    public init(handler: some HTTPHandler, status: PreviewStatus, host: String = "127.0.0.1", port: UInt16 = 8080) {
        self.handler = handler
        self.status = status
        self.host = host
        self.requestedPort = port
    }

    /// Bind, listen and start serving in the background; returns the bound port.
    @discardableResult
    public func start() async throws -> UInt16 {
        guard task == nil else { return port }
        let pool = HTTPServer.defaultPool()
        try await pool.prepare()
        let socket: Socket
        let literal = host == "localhost" ? "127.0.0.1" : host
        if literal.contains(":") {
            socket = try Socket(domain: AF_INET6)
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: sockaddr_in6.inet6(ip6: literal, port: requestedPort))
        } else {
            socket = try Socket(domain: AF_INET)
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: sockaddr_in.inet(ip4: literal, port: requestedPort))
        }
        try socket.listen(maxPendingConnection: 1024)
        switch try socket.sockname() {
        case .ip4(_, let bound), .ip6(_, let bound): port = bound
        case .unix: port = requestedPort
        }
        listener = socket
        let accepting = try AsyncSocket(socket: socket, pool: pool)
        task = Task { await self.serve(listener: accepting, pool: pool) }
        return port
    }

    /// Stop listening, close every connection and end every live-reload stream.
    public func stop() async {
        stopping = true
        try? listener?.close()
        listener = nil
        for client in clients.values { try? client.close() }
        clients = [:]
        task?.cancel()
        await task?.value
        task = nil
    }

    private func serve(listener: AsyncSocket, pool: some AsyncSocketPool) async {
        await withDiscardingTaskGroup { group in
            group.addTask { try? await pool.run() }
            group.addTask { await self.pingListeners() }
            while !Task.isCancelled {
                let client: AsyncSocket
                do {
                    client = try await listener.accept()
                } catch {
                    if stopping || Task.isCancelled { break }
                    // ECONNABORTED, EMFILE…: keep accepting after a breath.
                    try? await Task.sleep(for: .milliseconds(10))
                    continue
                }
                clients[client.socket.file.rawValue] = client
                group.addTask {
                    await PreviewConnection(socket: client, handler: self.handler, status: self.status).run()
                    await self.closed(client)
                }
            }
            group.cancelAll()
        }
    }

    private func closed(_ client: AsyncSocket) {
        let file = client.socket.file.rawValue
        if clients[file] != nil {
            clients[file] = nil
            try? client.close()
        }
    }

    /// Every 15 seconds, write a comment to every event stream so closed tabs' streams end.
    private nonisolated func pingListeners() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(15))
            status.ping()
        }
    }
}
