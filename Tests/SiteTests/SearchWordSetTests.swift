import Testing
@testable import Site

/// The tokenizer's set of words seen: each word is new exactly once, through table growth, whether
/// its hash is computed by the set or given by the tokenizer.
@Test func searchWordSetAdmitsEachWordOnce() {
    var set = SearchWordSet(expectedWords: 4)
    let words = (0..<3_000).map { "w\($0 * 7919 % 3_001)" } + ["a", "ab", "ba", "é", "e\u{301}"]
    for (round, word) in (words + words).enumerated() {
        var word = word
        let isNew = word.withUTF8 { bytes in
            if round % 2 == 0 { return set.insert(bytes) }
            var hash = SearchTokenizer.hashStart
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* SearchTokenizer.hashPrime }
            return set.insert(bytes, hash: hash)
        }
        #expect(isNew == (round < words.count), "\(word)")
    }
}

@Test func searchTokensOfALongPageAreEachWordOnceInOrder() {
    let words = (0..<2_000).map { "word\($0)" }
    let html = "<p>" + (words + words.reversed()).joined(separator: " ") + "</p>"
    #expect(LayoutFilters.searchTokens(html) == words)
}
