import Markdown
import Testing

/// `renderHTML(fencedBlock:)`: a caller writes some fenced blocks itself (a site's own block
/// languages); the others, and indented code, are written as code as usual.
@Suite struct FencedBlockRenderingTests {
    static let source = """
    Before.

    ```journey partial
    a -> b
    ```

    ```swift
    let x = 1
    ```

        indented journey

    After.
    """

    @Test func theCallerWritesTheBlocksItTakes() {
        let document = MarkdownDocument(parsing: Self.source, options: .markdownIt)
        var seen: [MarkdownCodeBlock] = []
        let html = document.renderHTML { block in
            seen.append(block)
            guard block.info.hasPrefix("journey") else { return nil }
            return "<div class=\"path\">\(block.content.count) bytes from line \(block.line)</div>"
        }
        #expect(seen.map(\.info) == ["journey partial", "swift"], "only fenced blocks are offered")
        #expect(seen.first?.content == "a -> b\n")
        #expect(html == """
        <p>Before.</p>
        <div class="path">7 bytes from line 3</div>
        <pre><code class="language-swift">let x = 1
        </code></pre>
        <pre><code>indented journey
        </code></pre>
        <p>After.</p>

        """)
    }

    @Test func declinedBlocksRenderAsWithoutTheHook() {
        let document = MarkdownDocument(parsing: Self.source, options: .govuk)
        #expect(document.renderHTML { _ in nil } == document.renderHTML())
    }
}
