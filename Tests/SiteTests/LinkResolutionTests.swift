import Testing
@testable import Site

/// How the checks read a link or image reference of a page.
@Test(arguments: [
    ("/a/b/", "/post/", "/", "/a/b/"),
    ("  /a/b/\t", "/post/", "/", "/a/b/"),
    ("\u{A0}shot.png\u{A0}", "/post/", "/", "/post/shot.png"),
    ("../x.png", "/section/post/", "/", "/section/x.png"),
    ("/prefix/a/", "/post/", "/prefix/", "/a/"),
])
func referencesResolveToSitePaths(target: String, page: String, prefix: String, expected: String) {
    #expect(SiteSession.resolve(target, against: page, pathPrefix: prefix) == expected)
}

@Test(arguments: ["", "  ", "#top", "//cdn.example/x.png", "https://example.com/", "mailto:x@example.com", "{{ url }}/x", "a{% if x %}b"])
func referencesOutsideTheSiteOrTemplatedAreNotFollowed(target: String) {
    #expect(SiteSession.resolve(target, against: "/post/", pathPrefix: "/") == nil)
}

@Test func sitePathsAreFoundAsFilesOrFolderIndexes() {
    let files: Set<String> = ["a/index.html", "x y.png", "b.png", "index.html"]
    #expect(SiteSession.siteHas("/a/", files: files))
    #expect(SiteSession.siteHas("/a", files: files))
    #expect(SiteSession.siteHas("/x%20y.png?v=2#z", files: files))
    #expect(SiteSession.siteHas("/b.png", files: files))
    #expect(SiteSession.siteHas("/", files: files))
    #expect(!SiteSession.siteHas("/c.png", files: files))
}

/// `screenshots:` with its items not indented under it is found with either line ending.
@Test(arguments: ["\n", "\r\n"])
func misindentedScreenshotsAreFoundWhateverTheLineEnding(newline: String) {
    let text = ["---", "title: A", "screenshots:", "items:", "  - text: One", "---", "Body"].joined(separator: newline)
    var diagnostics: [Diagnostic] = []
    let frontMatter = FrontMatter(text: text, path: "a.md", diagnostics: &diagnostics)
    let warnings = SiteSession.indentationWarnings(frontMatter, path: "a.md")
    #expect(warnings.map { "\($0.line):\($0.column)" } == ["3:1"], "\(warnings)")
}
