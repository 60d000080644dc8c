import Foundation
import Site

/// What the preview shows right now, shared by the rebuild loop and the server: the token of the
/// latest build (open tabs compare theirs against it) and the diagnostics of a failing build.
///
/// It also keeps the live-reload listeners: each open tab's event stream receives the new token
/// whenever a build finishes, so the tab reloads.
public final class PreviewStatus: @unchecked Sendable {
    /// One moment of the status: what a response is built from.
    public struct Snapshot: Sendable {
        /// Changes with every finished build and differs between server runs.
        public var token: String
        /// Errors and warnings of the latest build.
        public var diagnostics: [Diagnostic]
        /// The site's path prefix as its latest build was configured, when the rebuilder says.
        public var pathPrefix: String? = nil
        /// The latest build had errors: pages show the error page until it is fixed.
        public var isFailing: Bool { diagnostics.contains { $0.severity == .error } }
    }

    private let lock = NSLock()
    private let instance: String
    private var generation = 0
    private var diagnostics: [Diagnostic] = []
    private var pathPrefix: String?
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0

    public init() {
        self.instance = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    public func snapshot() -> Snapshot {
        lock.withLock { Snapshot(token: token, diagnostics: diagnostics, pathPrefix: pathPrefix) }
    }

    /// Record the path prefix the site is now built with (a changed configuration can change it);
    /// it takes effect with the next `publish`'s responses, and at once for new requests.
    public func setPathPrefix(_ prefix: String?) {
        lock.withLock { pathPrefix = prefix }
    }

    private var token: String { "\(instance)-\(generation)" }

    /// Record a finished build and tell every open tab to reload.
    public func publish(_ report: BuildReport) {
        let (message, targets) = lock.withLock { () -> (String, [AsyncStream<String>.Continuation]) in
            generation += 1
            diagnostics = report.diagnostics
            return (Self.reloadEvent(token), Array(listeners.values))
        }
        for listener in targets { listener.yield(message) }
    }

    /// A stream of server-sent-event text for one tab. A tab that loaded an older build than the
    /// current one (`since`) is told to reload at once, so a build finishing between the page load
    /// and the event stream's connection is not missed.
    public func listen(since: String?) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let (id, current) = lock.withLock { () -> (Int, String) in
            nextListener += 1
            listeners[nextListener] = continuation
            return (nextListener, token)
        }
        continuation.onTermination = { [weak self] _ in self?.removeListener(id) }
        if let since, since != current { continuation.yield(Self.reloadEvent(current)) }
        return stream
    }

    /// Send a comment to every listener, so that streams of closed tabs fail to write and end.
    public func ping() {
        let targets = lock.withLock { Array(listeners.values) }
        for listener in targets { listener.yield(": ping\n\n") }
    }

    /// How many tabs are listening.
    public var listenerCount: Int { lock.withLock { listeners.count } }

    /// End every listener's stream (the server is stopping).
    public func finishListeners() {
        let targets = lock.withLock { () -> [AsyncStream<String>.Continuation] in
            defer { listeners = [:] }
            return Array(listeners.values)
        }
        for listener in targets { listener.finish() }
    }

    private func removeListener(_ id: Int) {
        _ = lock.withLock { listeners.removeValue(forKey: id) }
    }

    static func reloadEvent(_ token: String) -> String {
        "event: reload\ndata: \(token)\n\n"
    }
}
