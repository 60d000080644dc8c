import Foundation
import Testing
@testable import Preview

/// Collects what a watcher reports.
final class ChangeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func add(_ new: [String]) { lock.withLock { paths += new } }
    var all: [String] { lock.withLock { paths } }
}

/// Each path's latest report: settled or not.
final class SettledLog: @unchecked Sendable {
    private let lock = NSLock()
    private var settled: [String: Bool] = [:]
    func note(_ changes: FileChanges) { lock.withLock { for path in changes.paths { settled[path] = changes.settled.contains(path) } } }
    func latest(_ path: String) -> Bool? { lock.withLock { settled[path] } }
}

@Suite struct WatcherTests {
    static func makeFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/posts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/Site"), withIntermediateDirectories: true)
        return root
    }

    @Test(arguments: [false, true])
    func watchersReportWritesNewFoldersAndConfigurationButNotIgnoredOrHiddenFiles(polling: Bool) async throws {
        let root = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("design-history.yml")
        try "input: Content\n".write(to: config, atomically: true, encoding: .utf8)
        let list = WatchList(folders: [root.appendingPathComponent("Content")], files: [config], ignored: [root.appendingPathComponent("Content/Site")])
        let watcher = list.makeWatcher(polling: polling, interval: .milliseconds(30))
        #expect((watcher is PollingWatcher) == polling)
        let log = ChangeLog()
        try watcher.start { log.add($0) }
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(50))

        let post = root.appendingPathComponent("Content/posts/a.md")
        try "one".write(to: post, atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: 120) { log.all.contains(post.path) })
        // Editors that save by writing a temporary file and renaming it over the old one.
        let seen = log.all.filter { $0 == post.path }.count
        try await Task.sleep(for: .milliseconds(polling ? 60 : 10))
        try "one, saved again".write(to: post, atomically: true, encoding: .utf8)
        #expect(await eventually(timeout: 120) { log.all.filter { $0 == post.path }.count > seen })

        try "ignored".write(to: root.appendingPathComponent("Content/Site/index.html"), atomically: false, encoding: .utf8)
        try "hidden".write(to: root.appendingPathComponent("Content/posts/.a.md.swp"), atomically: false, encoding: .utf8)
        try "output: Out\n".write(to: config, atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: 120) { log.all.contains(config.path) })

        let folder = root.appendingPathComponent("Content/new")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(80))
        let nested = folder.appendingPathComponent("b.md")
        try "two".write(to: nested, atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: 120) { log.all.contains(nested.path) })
        #expect(!log.all.contains { $0.contains("/Site/") || $0.hasSuffix(".swp") })
    }

    /// A write that ends in a close, a save by rename and a deletion each end settled; a file
    /// held open after writing does not until it is closed.
    @Test func inotifySaysWhenAWriteIsOver() async throws {
        let root = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let watcher = WatchList(folders: [root.appendingPathComponent("Content")]).makeWatcher()
        guard watcher is InotifyWatcher else { return }  // no inotify here: nothing settles
        let log = SettledLog()
        try watcher.start(reporting: { log.note($0) })
        defer { watcher.stop() }
        func state(_ path: String) -> Bool? { log.latest(path) }
        try await Task.sleep(for: .milliseconds(50))

        let post = root.appendingPathComponent("Content/posts/a.md")
        try "one".write(to: post, atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: 120) { state(post.path) == true })
        try "two".write(to: post, atomically: true, encoding: .utf8)  // a temporary file renamed over it
        #expect(await eventually(timeout: 120) { state(post.path) == true })

        let held = root.appendingPathComponent("Content/posts/held.md")
        #expect(FileManager.default.createFile(atPath: held.path, contents: nil))
        let handle = try FileHandle(forWritingTo: held)
        #expect(await eventually(timeout: 120) { state(held.path) == true })  // created and closed
        handle.write(Data("still writing".utf8))
        #expect(await eventually(timeout: 120) { state(held.path) == false })
        try handle.close()
        #expect(await eventually(timeout: 120) { state(held.path) == true })

        try FileManager.default.removeItem(at: post)
        #expect(await eventually(timeout: 120) { state(post.path) == true })
    }

    @Test(arguments: [false, true])
    func aWatchedFolderRemovedAndMadeAgainIsStillWatched(polling: Bool) async throws {
        let root = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        let watcher = WatchList(folders: [content]).makeWatcher(polling: polling, interval: .milliseconds(30))
        let log = ChangeLog()
        try watcher.start { log.add($0) }
        defer { watcher.stop() }
        try FileManager.default.removeItem(at: content)
        try await Task.sleep(for: .milliseconds(150))
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(250))
        let post = content.appendingPathComponent("again.md")
        try "back".write(to: post, atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: 120) { log.all.contains(post.path) })
    }

    @Test func watchListKeepsToItsFolders() {
        let list = WatchList(folders: [URL(fileURLWithPath: "/w/Content")], files: [URL(fileURLWithPath: "/w/design-history.yml")], ignored: [URL(fileURLWithPath: "/w/Content/_site")])
        #expect(list.matters("/w/Content/posts/a.md"))
        #expect(list.matters("/w/design-history.yml"))
        #expect(!list.matters("/w/other.yml"))
        #expect(!list.matters("/w/Content/_site/index.html"))
        #expect(!list.matters("/w/Content/posts/.a.md.swp"))
        #expect(!list.matters("/w/Content/posts/a.md~"))
        #expect(!list.matters("/w/ContentOther/a.md"))
    }

    @Test func staleModelsAreNoticed() throws {
        let root = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let executable = root.appendingPathComponent("design-history")
        let sources = root.appendingPathComponent("Sources/DesignHistoryJourneys")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        let model = sources.appendingPathComponent("Models.swift")
        try "// model".write(to: model, atomically: true, encoding: .utf8)
        try "binary".write(to: executable, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: model.path)
        let check = StaleModelsCheck(sources: sources, executable: executable)
        #expect(check.note() == nil)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: model.path)
        #expect(check.newerSource()?.lastPathComponent == "Models.swift")
        #expect(check.note()?.contains("Models.swift") == true)
    }
}

@Test func theScratchOutputIsNewAndInMemoryWhereThereIsSome() {
    let scratch = PreviewOutput.scratchFolder()
    #expect(!FileManager.default.fileExists(atPath: scratch.path))
    #expect(scratch.lastPathComponent.hasPrefix("design-history-preview-"))
    if FileManager.default.isWritableFile(atPath: "/dev/shm") { #expect(scratch.path.hasPrefix("/dev/shm/")) }
    #expect(PreviewOutput.scratchFolder() != scratch)
}
