import Foundation

/// Writing: passthrough copies and built-in assets listed before rendering (so checks know every
/// file the site will have), then everything written into a staging folder and swapped in.
extension SiteSession {
    /// A file to copy into the site: source, and path relative to the output.
    struct CopyJob: Sendable {
        var source: URL
        var target: String
    }

    /// The built-in assets (copied to the site root first, so a site's own files replace them) and
    /// the configuration's passthrough copies. A source that is a glob keeps folder structure.
    func copyJobs(diagnostics: inout [Diagnostic]) -> [CopyJob] {
        var jobs: [CopyJob] = []
        if let assets = BuiltInLayouts.assetsURL {
            let folder = BuiltInLayouts.assetsOutputFolder.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            walk(assets, relative: "", skipped: []) { relative, url in jobs.append(CopyJob(source: url, target: folder.isEmpty ? relative : folder + "/" + relative)) }
        }
        let fm = FileManager.default
        for (from, to) in configuration.passthrough {
            let target = to.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
            func join(_ relative: String) -> String { target.isEmpty ? relative : target + "/" + relative }
            if from.contains("*") || from.contains("{") {
                // A glob relative to the root: matching files keep their path below the glob's fixed part.
                let glob = Glob(from)
                let fixed = from.split(separator: "/").prefix { !$0.contains("*") && !$0.contains("{") }.joined(separator: "/")
                walk(configuration.root.appendingPathComponent(fixed), relative: fixed, skipped: [configuration.outputURL.path]) { relative, url in
                    if glob.matches(relative) {
                        let below = fixed.isEmpty ? relative : String(relative.dropFirst(fixed.count + 1))
                        jobs.append(CopyJob(source: url, target: join(below)))
                    }
                }
                continue
            }
            let source = configuration.root.appendingPathComponent(from)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
                if configuration.passthroughDeclared {
                    let file = configuration.file.map(displayPath) ?? "design-history.yml"
                    diagnostics.append(Diagnostic(.warning, path: file, message: "passthrough source '\(from)' does not exist"))
                }
                continue
            }
            if isDirectory.boolValue {
                walk(source, relative: "", skipped: [configuration.outputURL.path]) { relative, url in jobs.append(CopyJob(source: url, target: join(relative))) }
            } else {
                jobs.append(CopyJob(source: source, target: target.isEmpty || to.hasSuffix("/") || to == "." ? join(source.lastPathComponent) : target))
            }
        }
        return jobs
    }

    /// Write pages and copies into a staging folder beside the output and swap it in. Returns the
    /// number of files copied; a failure leaves the previous site as it was.
    func write(pages: [(path: String, content: PageOutput)], copies: [CopyJob], diagnostics: inout [Diagnostic]) -> Int {
        let writer: SiteWriter
        do {
            writer = try SiteWriter(output: configuration.outputURL, protecting: [configuration.inputURL, configuration.root])
        } catch {
            diagnostics.append(Diagnostic(.error, path: configuration.output, message: "\(error)"))
            return 0
        }
        do {
            try writer.prepare()
            // Later copies replace earlier ones; pages replace copies.
            var lastCopy: [String: Int] = [:]
            for (index, job) in copies.enumerated() { lastCopy[job.target] = index }
            let pagePaths = Set(pages.map(\.path))
            let chosen = copies.indices.filter { lastCopy[copies[$0].target] == $0 && !pagePaths.contains(copies[$0].target) }
            try writer.makeFolders(chosen.map { copies[$0].target } + pages.map(\.path))
            let failures = Parallel.map(chosen) { index -> String? in
                do { try writer.copy(copies[index].source, to: copies[index].target); return nil } catch { return "\(copies[index].target): \(error)" }
            }
            let pageFailures = Parallel.map(pages.indices.map { $0 }) { index -> String? in
                do { try writer.write(pages[index].content, to: pages[index].path); return nil } catch { return "\(pages[index].path): \(error)" }
            }
            if let failure = (failures + pageFailures).compactMap({ $0 }).first {
                throw SiteWriterError(message: failure)
            }
            try writer.commit()
            return chosen.count
        } catch {
            writer.abandon()
            diagnostics.append(Diagnostic(.error, path: configuration.output, message: "cannot write the site: \(error)"))
            return 0
        }
    }
}
