import Site

/// Builds the site again after files changed. `RebuildLoop` calls it one build at a time, never
/// concurrently, so an implementation may keep state between builds (an incremental session).
public protocol SiteRebuilding: Sendable {
    /// Build; `changed` holds the absolute paths that changed since the last build, and is empty
    /// for the first build (or when everything must be rebuilt).
    func rebuild(changed: Set<String>) -> BuildReport
    /// Build, calling `pagesWritten` once the pages a browser shows are written, before the rest
    /// (feed, search index), with what the build has found so far; the default never calls it.
    func rebuild(changed: Set<String>, pagesWritten: @escaping (BuildReport) -> Void) -> BuildReport
    /// The path prefix the last build was configured with, if known (nil by default).
    var pathPrefix: String? { get }
}

extension SiteRebuilding {
    public var pathPrefix: String? { nil }

    public func rebuild(changed: Set<String>, pagesWritten: @escaping (BuildReport) -> Void) -> BuildReport {
        rebuild(changed: changed)
    }
}

/// Rebuilds everything every time, re-reading the configuration first (so a changed
/// configuration file takes effect). Slower than `SessionRebuild`; kept for comparison (the
/// benchmark measures both) and as a fallback.
public struct FullRebuild: SiteRebuilding {
    /// Makes the builder for one build; throws `ConfigurationError` when the configuration is bad.
    public let makeBuilder: @Sendable () throws -> SiteBuilder

    public init(makeBuilder: @escaping @Sendable () throws -> SiteBuilder) {
        self.makeBuilder = makeBuilder
    }

    public func rebuild(changed: Set<String>) -> BuildReport {
        let builder: SiteBuilder
        do { builder = try makeBuilder() } catch { return BuildReport(failure: error) }
        return builder.build()
    }
}

extension BuildReport {
    /// A build that could not start: its configuration is bad.
    init(failure error: any Error) {
        self.init()
        if let error = error as? ConfigurationError {
            diagnostics.append(Diagnostic(.error, path: error.path, line: error.line, column: error.column, message: error.message))
        } else {
            diagnostics.append(Diagnostic(.error, path: "configuration", message: "\(error)"))
        }
    }
}
