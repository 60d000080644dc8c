import Foundation

/// Journey models are Swift compiled into the command, so editing them does nothing until the
/// command is rebuilt. This says when the model sources are newer than the running executable.
public struct StaleModelsCheck: Sendable {
    public let sources: URL
    public let executable: URL

    public init(sources: URL, executable: URL) {
        self.sources = sources.standardizedFileURL
        self.executable = executable
    }

    /// The newest `.swift` file below `sources` when it is newer than the executable, else nil.
    public func newerSource() -> URL? {
        guard let built = Self.modified(executable),
              let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: [.contentModificationDateKey]) else { return nil }
        var newest: (URL, Date)?
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            guard let date = Self.modified(url) else { continue }
            if date > built, date > (newest?.1 ?? .distantPast) { newest = (url, date) }
        }
        return newest?.0
    }

    /// The terminal note, or nil when the models are up to date.
    public func note() -> String? {
        guard let source = newerSource() else { return nil }
        return "note: journey models changed (\(source.lastPathComponent) is newer than this design-history executable); rebuild the command (swift build) and restart serve to check posts against them"
    }

    private static func modified(_ url: URL) -> Date? {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
    }
}
