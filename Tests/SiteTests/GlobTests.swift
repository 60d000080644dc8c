import Testing
@testable import Site

/// A glob of one `*` between literal text is matched without backtracking; on pseudo-random
/// patterns and paths it answers as the general matcher does.
@Test func globShortcutAnswersAsTheGeneralMatcher() {
    let patternPieces = ["a", "b", "/", "*", ".md", "{a,b}", "?", "**", "posts/", "-"]
    let pathPieces = ["a", "b", "/", ".md", "posts/", "-", "ab", ""]
    var state: UInt64 = 3
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33)
    }
    var checked = 0
    for _ in 0..<400 {
        let glob = Glob((0..<(1 + next() % 5)).map { _ in patternPieces[next() % patternPieces.count] }.joined())
        for _ in 0..<20 {
            let path = (0..<(next() % 6)).map { _ in pathPieces[next() % pathPieces.count] }.joined()
            #expect(glob.matches(path) == glob.matchesWithoutShortcut(path), "\(glob.pattern) on \(path)")
            checked += 1
        }
    }
    #expect(checked == 8_000)
    #expect(Glob("posts/section/*.md").matches("posts/section/post-1.md"))
    #expect(!Glob("posts/section/*.md").matches("posts/section/a/post-1.md"))
    #expect(Glob("posts/section/*.md").matches("posts/section/.md"))
    #expect(!Glob("posts/*.md").matches("posts.md"))
}
