import Foundation
import Site

/// Rebuilds with the Site module's incremental `SiteSession`: the first build renders everything,
/// later ones re-read only the changed files and re-render only the pages a change can affect.
/// A change to the configuration file starts a new session (a full build with the new
/// configuration); a bad configuration is reported as a diagnostic and retried on the next change.
public final class SessionRebuild: SiteRebuilding, @unchecked Sendable {
    private let makeSession: @Sendable () throws -> SiteSession
    private let configurationFile: String?
    private let lock = NSLock()
    private var session: SiteSession?

    /// - Parameters:
    ///   - configurationFile: the file whose change means "start again".
    ///   - makeSession: reads the configuration and makes a session; throws `ConfigurationError`.
    public init(configurationFile: URL? = nil, makeSession: @escaping @Sendable () throws -> SiteSession) {
        self.configurationFile = configurationFile?.standardizedFileURL.path
        self.makeSession = makeSession
    }

    public func rebuild(changed: Set<String>) -> BuildReport {
        rebuild(changed: changed, written: nil)
    }

    /// The current session's configured path prefix: a configuration change can change it.
    public var pathPrefix: String? {
        lock.withLock { session?.configuration.pathPrefix }
    }

    public func rebuild(changed: Set<String>, pagesWritten: @escaping (BuildReport) -> Void) -> BuildReport {
        rebuild(changed: changed, written: pagesWritten)
    }

    private func rebuild(changed: Set<String>, written: ((BuildReport) -> Void)?) -> BuildReport {
        lock.withLock {
            let configurationChanged = configurationFile.map { changed.contains($0) } ?? false
            if let session, !changed.isEmpty, !configurationChanged {
                return session.rebuild(changed: changed.sorted().map { URL(fileURLWithPath: $0) }, pagesWritten: written)
            }
            do {
                let fresh = try makeSession()
                session = fresh
                return fresh.build()
            } catch {
                session = nil
                return BuildReport(failure: error)
            }
        }
    }
}
