import Foundation
import Site

/// `design-history serve` as a value the command, the tests and the benchmark can all run: the
/// first build, the server, the watcher and the rebuild loop, started and stopped together.
public final class PreviewSession: @unchecked Sendable {
    /// How the preview listens and watches.
    public struct Options: Sendable {
        public var host: String = "127.0.0.1"
        /// 0 picks a free port.
        public var port: UInt16 = 8080
        public var pathPrefix: String = "/"
        /// Serve below the prefix each build is configured with (a changed configuration's takes
        /// effect without a restart) rather than `pathPrefix` alone; off when the prefix was given
        /// on the command line.
        public var pathPrefixFollowsConfiguration: Bool = false
        public var debounce: Duration = .milliseconds(10)
        /// The wait when every changed file is settled (closed after writing): see `RebuildLoop`.
        public var settledDebounce: Duration = .milliseconds(1)
        /// Poll instead of using the operating system's notifications.
        public var polling: Bool = false
        public var pollInterval: Duration = .milliseconds(250)

        public init() {}
    }

    public let output: URL
    public let watchList: WatchList
    public let options: Options
    public let status = PreviewStatus()
    public let loop: RebuildLoop
    private let staleModels: StaleModelsCheck?
    private let log: @Sendable (String) -> Void
    private var server: PreviewServer?
    private var watcher: (any FileWatching)?
    private var loopTask: Task<Void, Never>?
    private let noteLock = NSLock()
    private var lastNote: ContinuousClock.Instant?

    /// - Parameters:
    ///   - output: the folder the builds write and the server serves.
    ///   - staleModels: checked at start and whenever a model source changes (add its folder to
    ///     `watch` for the latter); a model source change does not rebuild the site.
    ///   - log: one line for the terminal (diagnostics, summaries, notes).
    public init(output: URL, watch: WatchList, rebuilder: any SiteRebuilding, options: Options = Options(),
                staleModels: StaleModelsCheck? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.output = output
        self.watchList = watch
        self.options = options
        self.staleModels = staleModels
        self.log = log
        let status = self.status
        self.loop = RebuildLoop(rebuilder: rebuilder, status: status, debounce: options.debounce,
                                settledDebounce: options.settledDebounce) { report, changed in
            Self.report(report, changed: changed, log: log)
        }
    }

    /// Build, serve and watch; returns the address of the site's home page.
    public func start() async throws -> URL {
        if let note = staleModels?.note() { log(note) }
        // Listen first, so a port in use fails at once rather than after the first build.
        let server = PreviewServer(
            handler: PreviewHandler(folder: SiteFolder(root: output), pathPrefix: options.pathPrefix, status: status,
                                    loopbackHostsOnly: PreviewHandler.isLoopback(options.host),
                                    followsBuild: options.pathPrefixFollowsConfiguration),
            status: status, host: options.host, port: options.port)
        let port = try await server.start()
        self.server = server
        await loop.build()
        let watcher = watchList.makeWatcher(polling: options.polling, interval: options.pollInterval)
        try watcher.start(reporting: { [weak self] changes in
            guard let self else { return }
            // Model sources do not change the site until the command is rebuilt: say so, no rebuild.
            let models = self.staleModels.map { $0.sources.path + "/" }
            let site = changes.paths.filter { path in models.map { !path.hasPrefix($0) } ?? true }
            if site.count < changes.paths.count { self.noteStaleModels() }
            self.loop.changed(FileChanges(paths: site, settled: changes.settled))
        })
        self.watcher = watcher
        let loop = self.loop
        loopTask = Task { await loop.run() }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        guard let url = URL(string: "http://\(host):\(port)\(PreviewHandler.normalisePrefix(options.pathPrefix))") else {
            throw WatcherError(message: "cannot form an address from host \(options.host)")
        }
        return url
    }

    /// Stop watching, building and serving.
    public func stop() async {
        watcher?.stop()
        watcher = nil
        loop.finish()
        loopTask?.cancel()
        await loopTask?.value
        loopTask = nil
        status.finishListeners()
        await server?.stop()
        server = nil
    }

    /// The stale-models note, at most once a second (one save is several file events).
    private func noteStaleModels() {
        guard let note = staleModels?.note() else { return }
        let due = noteLock.withLock { () -> Bool in
            if let lastNote, ContinuousClock.now - lastNote < .seconds(1) { return false }
            lastNote = .now
            return true
        }
        if due { log(note) }
    }

    private static func report(_ report: BuildReport, changed: Set<String>, log: @Sendable (String) -> Void) {
        for diagnostic in report.diagnostics { log(diagnostic.description) }
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let names = changed.sorted().prefix(3).map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }
        let what = changed.isEmpty ? "" : " after changes to \(names.joined(separator: ", "))\(changed.count > 3 ? " and \(changed.count - 3) more" : "")"
        log(report.errors > 0 ? "build failed\(what): \(report.summary); the browser shows the errors" : "built\(what): \(report.summary)")
    }
}
