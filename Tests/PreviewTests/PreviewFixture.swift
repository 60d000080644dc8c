import Foundation
import Preview
import Site

/// The fixture site copied into a temporary folder, built and served on a free port, with its
/// watcher running: what `design-history serve` does, in process.
final class PreviewFixture: @unchecked Sendable {
    let root: URL
    let session: PreviewSession
    let port: UInt16
    let base: URL

    private init(root: URL, session: PreviewSession, base: URL) {
        self.root = root
        self.session = session
        self.base = base
        self.port = UInt16(base.port ?? 0)
    }

    /// How the fixture rebuilds: the incremental session (as `serve` does) or full builds.
    enum Rebuilds: Sendable, CaseIterable { case session, full }

    /// Start a fixture, run `body` with it, and always stop it and remove its folder.
    /// `prepare` may change the copied site before the first build.
    static func with(pathPrefix: String = "/", polling: Bool = false, rebuilds: Rebuilds = .session,
                     prepare: (URL) throws -> Void = { _ in },
                     _ body: (PreviewFixture) async throws -> Void) async throws {
        let fixture = try await start(pathPrefix: pathPrefix, polling: polling, rebuilds: rebuilds, prepare: prepare)
        do { try await body(fixture) } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    static func start(pathPrefix: String, polling: Bool, rebuilds: Rebuilds, prepare: (URL) throws -> Void) async throws -> PreviewFixture {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw RawSocket.Failure(description: "the Fixtures folder is missing from the test bundle")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("site"), to: root)
        try prepare(root)
        let configuration = SiteConfiguration(root: root)
        var options = PreviewSession.Options()
        options.port = 0
        options.pathPrefix = pathPrefix
        options.polling = polling
        options.pollInterval = .milliseconds(50)
        let session = PreviewSession(
            output: configuration.outputURL,
            watch: WatchList(folders: [configuration.inputURL, root.appendingPathComponent("Assets")], ignored: [configuration.outputURL]),
            rebuilder: rebuilds == .session
                ? SessionRebuild { SiteBuilder(configuration: configuration).session() } as any SiteRebuilding
                : FullRebuild { SiteBuilder(configuration: configuration) },
            options: options
        )
        let base = try await session.start()
        return PreviewFixture(root: root, session: session, base: base)
    }

    func stop() async {
        await session.stop()
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(relative), atomically: false, encoding: .utf8)
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await HTTP.get(target, port: port, headers: headers)
    }
}
