import Foundation
import Testing
@testable import Site

/// The site writer's copies, modes, swap and removal, on real files in a temporary folder.
@Suite struct SiteWriterTests {
    private func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    private func writer(_ site: RobustSite) throws -> SiteWriter {
        try SiteWriter(output: site.root.appendingPathComponent("Site"), protecting: [site.root.appendingPathComponent("Content")])
    }

    /// A link is copied as the file it points at: a regular file with the target's bytes.
    @Test func aSymbolicLinkIsCopiedAsItsTarget() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("the real bytes\n", to: "elsewhere/real.css")
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Assets"), withIntermediateDirectories: true)
        let link = site.root.appendingPathComponent("Assets/link.css")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../elsewhere/real.css")
        let writer = try writer(site)
        try writer.prepare()
        try writer.makeFolders(["styles/link.css"])
        try writer.copy(link, to: "styles/link.css")
        try writer.commit()
        let copied = site.root.appendingPathComponent("Site/styles/link.css").path
        #expect(kind(copied) == S_IFREG)
        #expect(site.read("Site/styles/link.css") == "the real bytes\n")
    }

    /// The copy has the source's permission bits, including ones the umask would take off.
    @Test(arguments: [0o644, 0o755, 0o600, 0o666, 0o775] as [mode_t])
    func aCopyKeepsTheSourcesMode(_ permissions: mode_t) throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("#!/bin/sh\n", to: "Assets/tool.sh")
        let source = site.root.appendingPathComponent("Assets/tool.sh")
        #expect(chmod(source.path, permissions) == 0)
        let writer = try writer(site)
        try writer.prepare()
        try writer.copy(source, to: "tool.sh")
        try writer.commit()
        #expect(mode(site.root.appendingPathComponent("Site/tool.sh").path) == permissions)
        #expect(site.read("Site/tool.sh") == "#!/bin/sh\n")
    }

    /// Copies of more than one buffer's worth, and of nothing, are whole.
    @Test(arguments: [0, 1, 65_536, 300_001])
    func aCopyHasEveryByte(_ size: Int) throws {
        let site = try RobustSite()
        defer { site.remove() }
        let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try site.write(bytes, to: "Assets/blob.bin")
        let writer = try writer(site)
        try writer.prepare()
        try writer.makeFolders(["deep/er/blob.bin"])
        try writer.copy(site.root.appendingPathComponent("Assets/blob.bin"), to: "deep/er/blob.bin")
        try writer.commit()
        #expect(FileManager.default.contents(atPath: site.root.appendingPathComponent("Site/deep/er/blob.bin").path) == bytes)
    }

    /// A second copy to the same path replaces the first; a folder is copied whole; a missing folder
    /// is made even when `makeFolders` was not told of it.
    @Test func copiesReplaceAndFoldersAreCopiedWhole() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("first\n", to: "Assets/first.txt")
        try site.write("second\n", to: "Assets/second.txt")
        try site.write("inside\n", to: "Assets/folder/inside.txt")
        let writer = try writer(site)
        try writer.prepare()
        try writer.copy(site.root.appendingPathComponent("Assets/first.txt"), to: "unlisted/same.txt")
        try writer.copy(site.root.appendingPathComponent("Assets/second.txt"), to: "unlisted/same.txt")
        try writer.copy(site.root.appendingPathComponent("Assets/folder"), to: "copied")
        try writer.commit()
        #expect(site.read("Site/unlisted/same.txt") == "second\n")
        #expect(site.read("Site/copied/inside.txt") == "inside\n")
    }

    /// A named pipe is refused at once (not opened for a writer that never comes) and a missing
    /// source is an error; paths with `..` are refused.
    @Test func pipesMissingFilesAndEscapesAreRefused() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Assets"), withIntermediateDirectories: true)
        let pipe = site.root.appendingPathComponent("Assets/pipe")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        try site.write("x\n", to: "Assets/x.txt")
        let writer = try writer(site)
        try writer.prepare()
        defer { writer.abandon() }
        #expect(throws: SiteWriterError.self) { try writer.copy(pipe, to: "pipe") }
        #expect(throws: SiteWriterError.self) { try writer.copy(site.root.appendingPathComponent("Assets/missing"), to: "missing") }
        #expect(throws: SiteWriterError.self) { try writer.copy(site.root.appendingPathComponent("Assets/x.txt"), to: "a/../../x.txt") }
        #expect(throws: SiteWriterError.self) { try writer.write("page", to: "../escaped.html") }
        #expect(!site.exists("escaped.html") && !site.exists("x.txt"))
    }

    /// A pipe named as a passthrough file fails the build with a diagnostic, and the site of the
    /// last good build stays byte for byte, with no staging folder left.
    @Test func aFailedWriteLeavesTheOldSite() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("---\ntitle: A\n---\nA\n", to: "Content/a.md")
        try site.write("body {}\n", to: "Assets/site.css")
        let first = try #require(site.build { $0.passthrough = [("Assets/site.css", "site.css")] })
        #expect(first.errors == 0, "\(first.diagnostics)")
        let good = site.snapshot("Site")
        #expect(good.keys.contains("site.css"))
        #expect(mkfifo(site.root.appendingPathComponent("Assets/pipe.css").path, 0o644) == 0)
        try site.write("---\ntitle: A2\n---\nChanged\n", to: "Content/a.md")
        let second = try #require(site.build(seconds: 20) { $0.passthrough = [("Assets/site.css", "site.css"), ("Assets/pipe.css", "pipe.css")] },
                                  "the build blocked on a pipe")
        #expect(second.errors == 1, "\(second.diagnostics)")
        let error = second.diagnostics.first { $0.severity == .error }
        #expect(error?.message.contains("not a regular file") == true, "\(second.diagnostics)")
        #expect(error?.line == 1)
        #expect(site.snapshot("Site") == good)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("building") || $0.contains(".old-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Swapping in a new site removes the old one, and a link in the old site to a folder outside
    /// it is removed as a link: what it points at is never touched.
    @Test func theOldSiteIsRemovedWithoutFollowingLinks() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("keep me\n", to: "outside/precious.txt")
        try site.write("old page\n", to: "Site/old/index.html")
        try site.write("old\n", to: "Site/old/deeper/still/file.txt")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Site/old/out").path,
                                                   withDestinationPath: site.root.appendingPathComponent("outside").path)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Site/file-link").path,
                                                   withDestinationPath: site.root.appendingPathComponent("outside/precious.txt").path)
        let writer = try writer(site)
        try writer.prepare()
        try writer.makeFolders(["new/index.html"])
        try writer.write("new page", to: "new/index.html")
        try writer.commit()
        #expect(site.snapshot("Site") == ["new/": Data(), "new/index.html": Data("new page".utf8)])
        #expect(site.read("outside/precious.txt") == "keep me\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A staging folder an interrupted build left behind is cleared, not built on.
    @Test func aLeftoverStagingFolderIsCleared() throws {
        let site = try RobustSite()
        defer { site.remove() }
        let writer = try writer(site)
        try FileManager.default.createDirectory(atPath: writer.stagingPath + "/stale/deep", withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: writer.stagingPath + "/stale/deep/file"))
        try writer.prepare()
        try writer.write("fresh", to: "index.html")
        try writer.commit()
        #expect(site.snapshot("Site") == ["index.html": Data("fresh".utf8)])
    }

    /// Paths are cleaned as before the fast path: empty and `.` parts dropped, `..` refused, and
    /// names that merely contain dots kept.
    @Test func relativePathsAreNormalized() throws {
        let cases: [(String, String?)] = [
            ("a/b.html", "a/b.html"), ("./a//b/", "a/b"), ("/abs/x", "abs/x"), ("a/.../b", "a/.../b"),
            (".hidden/.x", ".hidden/.x"), ("...", "..."), ("a.", "a."), ("", ""), (".", ""),
            ("a/../b", nil), ("..", nil), ("x/..", nil), ("../x", nil),
        ]
        for (path, expected) in cases {
            let result = try? SiteWriter.normalized(path)
            #expect(result == expected, "\(path)")
        }
    }

    /// Folders are made for every file, parents included, whatever order the files come in.
    @Test func foldersAreMadeWithTheirParents() throws {
        let site = try RobustSite()
        defer { site.remove() }
        let writer = try writer(site)
        try writer.prepare()
        let files = ["z/y/x/w.html", "a/b.html", "a-b/c.html", "a/b/c/d.html", "./q//r/s.html", "top.html"]
        try writer.makeFolders(files)
        for file in files { try writer.write("page", to: file) }
        try writer.commit()
        for file in ["z/y/x/w.html", "a/b.html", "a-b/c.html", "a/b/c/d.html", "q/r/s.html", "top.html"] {
            #expect(site.read("Site/" + file) == "page", "\(file)")
        }
    }

    /// An old site of many folders is removed on several threads, links in it as links, and
    /// nothing of it is left.
    @Test func aLargeOldSiteIsRemovedWhole() throws {
        let site = try RobustSite()
        defer { site.remove() }
        try site.write("keep me\n", to: "outside/precious.txt")
        for post in 0..<60 {
            for file in ["index.html", "a.png", "deep/b.png"] {
                try site.write("\(post) \(file)\n", to: "Site/section/post-\(post)/\(file)")
            }
            try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Site/section/post-\(post)/out").path,
                                                       withDestinationPath: site.root.appendingPathComponent("outside").path)
        }
        try site.write("tag\n", to: "Site/tags/one/index.html")
        let writer = try writer(site)
        try writer.prepare()
        try writer.write("new", to: "index.html")
        try writer.commit()
        #expect(site.snapshot("Site") == ["index.html": Data("new".utf8)])
        #expect(site.read("outside/precious.txt") == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == ["Site", "outside"])
    }
}
