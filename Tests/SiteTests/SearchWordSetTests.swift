import Testing
@testable import Site

/// The tokenizer's set of words seen: each word is new exactly once, through table growth, when
/// equal words sit at different places of the text.
@Test func searchWordSetAdmitsEachWordOnce() {
    let words = (0..<3_000).map { "w\($0 * 7919 % 3_001)" } + ["a", "ab", "ba", "é", "e\u{301}"]
    // Every word twice in one text, the second copies after all the first ones.
    var text = Array((words + words).joined().utf8)
    var set = SearchWordSet(expectedWords: 4)
    text.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        var start = 0
        for (round, word) in (words + words).enumerated() {
            let count = word.utf8.count
            let hash = SearchWordSet.hash(UnsafeBufferPointer(start: base + start, count: count))
            #expect(set.insert(at: start, count: count, hash: hash, in: base) == (round < words.count), "\(word)")
            start += count
        }
    }
}

@Test func searchTokensOfALongPageAreEachWordOnceInOrder() {
    let words = (0..<2_000).map { "word\($0)" }
    let html = "<p>" + (words + words.reversed()).joined(separator: " ") + " <b>a</b> WORD1 Word2 x&amp;y</p>"
    #expect(LayoutFilters.searchTokens(html) == words)
}
