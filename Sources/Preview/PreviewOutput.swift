import Foundation

/// Where `serve` builds the site when no output folder is given: a private scratch folder in
/// memory-backed storage (`/dev/shm`) where there is one, else in the temporary folder.
///
/// Why: a full build rewrites every page, and on a disk file system creating and deleting a few
/// thousand files per save costs about ten times the rendering (measured with PreviewBenchmark:
/// 1.2 s against 0.12 s per save on a 500-post site). The preview's output is throwaway, and
/// keeping it apart also leaves the published build in the output folder alone.
public enum PreviewOutput {
    /// A new, not yet existing folder for one preview run.
    public static func scratchFolder(processID: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        let name = "design-history-preview-\(processID)-\(UUID().uuidString.prefix(8))"
        let memory = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        if FileManager.default.isWritableFile(atPath: memory.path) { return memory.appendingPathComponent(name) }
        return FileManager.default.temporaryDirectory.appendingPathComponent(name)
    }

    /// `target` relative to `base` (`../../dev/shm/x`), for configuration fields that are read
    /// relative to the configuration's root.
    public static func relativePath(from base: URL, to target: URL) -> String {
        // Lexical, like SiteConfiguration.outputURL, which standardises root + output lexically.
        let from = base.standardizedFileURL.pathComponents
        let to = target.standardizedFileURL.pathComponents
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let path = (ups + to[common...]).joined(separator: "/")
        return path.isEmpty ? "." : path
    }
}
