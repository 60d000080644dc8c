import Testing
@testable import Preview

@Suite struct RequestHeadTests {
    @Test func parsesARequestLineAndFields() throws {
        let bytes = Array("GET /posts/a%20b/?x=1 HTTP/1.1\r\nHost: example\r\nIf-None-Match:  \"abc\" \r\nConnection: close\r\n\r\n".utf8)
        let end = try #require(RequestHead.end(in: bytes))
        #expect(end == bytes.count)
        let head = try RequestHead.parse(bytes[0..<end])
        #expect(head.method == "GET")
        #expect(head.target == "/posts/a%20b/?x=1")
        #expect(head.version == "HTTP/1.1")
        #expect(head.field("if-none-match") == "\"abc\"")
        #expect(head.keepsAlive == false)
    }

    @Test func bareLineFeedsAndKeepAliveDefaults() throws {
        let bytes = Array("HEAD / HTTP/1.0\nConnection: keep-alive\n\nrest".utf8)
        let end = try #require(RequestHead.end(in: bytes))
        #expect(String(decoding: bytes[end...], as: UTF8.self) == "rest")
        let head = try RequestHead.parse(bytes[0..<end])
        #expect(head.keepsAlive)
        let plain = try RequestHead.parse(Array("GET / HTTP/1.0\r\n\r\n".utf8)[...])
        #expect(!plain.keepsAlive)
    }

    @Test func anIncompleteHeadHasNoEnd() {
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: localhost\r\n".utf8)) == nil)
        #expect(RequestHead.end(in: []) == nil)
    }

    @Test(arguments: [
        "", "\r\n", "GET\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/2\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n",
        "GE T / HTTP/1.1\r\n\r\n", "GET /a b HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty\r\n\r\n", "GET / HTTP/1.1\r\nX: a\u{7F}b\r\n\r\n", "GET /\u{00E9} HTTP/1.1\r\n\r\n",
    ])
    func malformedHeadsThrow(text: String) {
        #expect(throws: RequestHeadError.self) { try RequestHead.parse(Array(text.utf8)[...]) }
    }

    @Test func arbitraryBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = RequestHead.end(in: bytes)
            _ = try? RequestHead.parse(bytes[...])
        }
    }

    @Test func targetsInAbsoluteFormAreReducedToTheirPath() {
        #expect(PreviewConnection.target("http://localhost:8080/a/b?c=d")?.path() == "/a/b")
        #expect(PreviewConnection.target("http://localhost:8080/a/b?c=d")?.query() == "c=d")
        #expect(PreviewConnection.target("http://localhost")?.path() == "/")
        #expect(PreviewConnection.target("*") == nil)
        #expect(PreviewConnection.target("/x#frag")?.path() == "/x")
        #expect(PreviewConnection.queryValue("since", in: "a=1&since=abc-2") == "abc-2")
    }
}
