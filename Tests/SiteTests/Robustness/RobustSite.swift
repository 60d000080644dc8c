import Foundation
@testable import Site

/// A small site written file by file into a temporary folder, built, and its diagnostics read back
/// with paths relative to the site's root, for the whole-build robustness tests.
struct RobustSite {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("robust-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() {
        // Undo any permission change a test made, so the folder can be removed.
        if let enumerator = FileManager.default.enumerator(atPath: root.path) {
            for case let path as String in enumerator {
                chmod(root.appendingPathComponent(path).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ bytes: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The default configuration for this root, without the built-in virtual pages.
    func configuration() -> SiteConfiguration {
        var configuration = SiteConfiguration(root: root)
        configuration.includeVirtualTemplates = false
        return configuration
    }

    /// Build on a thread of its own and give up after `seconds`: a hang fails the test instead of
    /// stalling the run. Returns nil when the build did not finish in time.
    func build(seconds: Double = 20, configure: (inout SiteConfiguration) -> Void = { _ in }) -> BuildReport? {
        var configuration = configuration()
        configure(&configuration)
        let finished = DispatchSemaphore(value: 0)
        let box = ReportBox()
        let session = SiteSession(configuration: configuration)
        Thread.detachNewThread {
            box.report = session.build()
            finished.signal()
        }
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        guard var report = box.report else { return nil }
        report.diagnostics = report.diagnostics.map(relative)
        return report
    }

    /// A diagnostic with its path relative to the root (`.` for the root itself), whatever form the
    /// build gave it: relative to the working folder, or absolute.
    func relative(_ diagnostic: Diagnostic) -> Diagnostic {
        var d = diagnostic
        let absolute = URL(fileURLWithPath: d.path.hasPrefix("/") ? d.path : SiteRenderer.workingFolder + d.path).standardizedFileURL.path
        if absolute == root.path {
            d.path = "."
        } else if absolute.hasPrefix(root.path + "/") {
            d.path = String(absolute.dropFirst(root.path.count + 1))
        }
        return d
    }

    /// Every file below a folder (absolute or relative to the root), with its bytes, so a test can
    /// say the folder is exactly as it was.
    func snapshot(_ folder: String) -> [String: Data] {
        let base = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : root.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return files }
        for case let path as String in enumerator {
            let url = base.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = (try? Data(contentsOf: url)) ?? Data()
            } else {
                files[path + "/"] = Data()
            }
        }
        return files
    }
}

/// Carries a report from the build thread back to the test.
final class ReportBox: @unchecked Sendable {
    var report: BuildReport?
}
