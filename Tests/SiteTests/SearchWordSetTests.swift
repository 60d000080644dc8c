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

/// The tokenizer's rules written as plainly as possible, one byte at a time with a mode, as the
/// model the table-driven scan must agree with.
private func modelWords(_ bytes: [UInt8]) -> [[UInt8]] {
    var words: [[UInt8]] = [], seen: Set<[UInt8]> = [], word: [UInt8] = []
    func finish() {
        if word.count > 1, seen.insert(word).inserted { words.append(word) }
        word = []
    }
    var inTag = false, inEntity = false, i = 0
    while i < bytes.count {
        let b = bytes[i]
        if inTag {
            if b == UInt8(ascii: ">") { inTag = false }
            i += 1
            continue
        }
        if inEntity {
            if b == UInt8(ascii: ";") || b == UInt8(ascii: " ") || b == UInt8(ascii: "<") { inEntity = false }
            if b != UInt8(ascii: "<") { i += 1 }
            continue
        }
        switch b {
        case UInt8(ascii: "<"): finish(); inTag = true
        case UInt8(ascii: "&"): finish(); inEntity = true
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(b + 32)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(b)
        case UInt8(ascii: "'"): break
        case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80:
            if bytes[i + 2] != 0x99 { finish() }
            i += 2
        case 0xC2 where i + 1 < bytes.count: finish(); i += 1
        case 0x80...0xFF: word.append(b)
        default: finish()
        }
        i += 1
    }
    finish()
    return words
}

/// The scan finds the model's words, in order, on pseudo-random pages of tags, entities, quotes,
/// punctuation and words, and on raw bytes that are not UTF-8 (cut sequences at the end).
@Test func searchTokenizerAgreesWithItsModel() {
    let pieces: [[UInt8]] = ["<", ">", "&", ";", " ", "ab", "Ab", "1", "'", "’", "“", "é", "\u{A0}", "x", "<p class=\"a\">", "&amp;",
                             "€", "─", "word", "WORD", "\n"].map { Array($0.utf8) } + [[0xE2], [0xE2, 0x80], [0xC2], [0xFF], [0]]
    var state: UInt64 = 42
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33)
    }
    var pages: [[UInt8]] = [[], Array("<".utf8), Array("&".utf8), Array("ab<".utf8), Array("ab&".utf8), [0x61, 0x62, 0xE2], [0x61, 0xC2]]
    for _ in 0..<3_000 { pages.append((0..<(1 + next() % 16)).flatMap { _ in pieces[next() % pieces.count] }) }
    for page in pages {
        var found: [[UInt8]] = []
        page.withUnsafeBufferPointer { bytes in
            SearchTokenizer.forEachWord(in: bytes) { word, _ in found.append(Array(word)) }
        }
        #expect(found == modelWords(page), "\(page)")
    }
}

/// The search index's tokens as JSON, written straight into a string for pages of ASCII words
/// and through the array for others, list what `searchTokens` finds, on pages of many short words
/// (the most JSON for the fewest bytes) and on pages with words of other characters.
@Test func searchTokensJSONIsTheTokensAsJSON() {
    var pages = ["", "a", "ab", "ab cd", "<p>ab</p>", "Café au lait", "naïve ÉCOLE", "x&amp;y"]
    // Every two-letter word once, one space apart: the densest JSON a page can give.
    let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    pages.append(letters.flatMap { a in letters.map { b in String([a, b]) } }.joined(separator: " "))
    pages.append(letters.flatMap { a in letters.map { b in String([a, b]) } }.joined(separator: "."))
    for page in pages {
        let expected = "[" + LayoutFilters.searchTokens(page).map(LayoutFilters.jsonString).joined(separator: ",") + "]"
        #expect(LayoutFilters.searchTokensJSON(page) == expected, "\(page.prefix(40))")
    }
}
