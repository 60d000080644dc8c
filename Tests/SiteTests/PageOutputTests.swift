import Foundation
import Testing
@testable import Site

/// A page's output is text or bytes (see `PageOutput`); the writer and a rebuild's comparison
/// look only at its bytes.
struct PageOutputTests {
    @Test func textAndBytesOfTheSamePageAreEqual() {
        let page = "<p>café → ü</p>"
        let text = PageOutput(page), bytes = PageOutput(utf8: Array(page.utf8))
        #expect(text == bytes)
        #expect(bytes.text == page)
        #expect(bytes.withUTF8 { Array($0) } == Array(page.utf8))
        #expect(PageOutput("") == PageOutput(utf8: []))
    }

    @Test func canonicallyEquivalentTextsAreDifferentFiles() {
        // "é" as one scalar and as e + combining acute: equal strings, different bytes, so a
        // rebuild must write the file again.
        let composed = PageOutput("caf\u{E9}"), decomposed = PageOutput("cafe\u{301}")
        #expect("caf\u{E9}" == "cafe\u{301}")
        #expect(composed != decomposed)
        #expect(PageOutput(utf8: Array("ab".utf8)) != PageOutput(utf8: Array("abc".utf8)))
    }
}
