import Foundation
@testable import Preview
import Testing

/// Requests that try to leave the site or are not HTTP at all: refused with 4xx, and the server
/// keeps answering.
@Suite(.serialized) struct SafetyTests {
    @Test(arguments: [
        "/../../../../etc/passwd",
        "/posts/../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/posts%2f..%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/./index.html",
    ])
    func traversalIsForbidden(target: String) async throws {
        try await PreviewFixture.with { fixture in
            let response = try await HTTP.exchange("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", port: fixture.port)
            #expect(response.status == 403, "\(target)")
            #expect(!response.body.contains("root:"))
        }
    }

    @Test(arguments: ["/%00", "/index.html%00.css", "/%zz", "/%", "/%ff%fe", "/a%0a"])
    func undecodablePathsAreBadRequests(target: String) async throws {
        try await PreviewFixture.with { fixture in
            let response = try await HTTP.exchange("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", port: fixture.port)
            #expect(response.status == 400, "\(target)")
        }
    }

    @Test func absolutePathsStayInsideTheSite() async throws {
        try await PreviewFixture.with { fixture in
            for target in ["//etc/passwd", "/\(fixture.root.path)/Content/index.md", "http://evil.example/../etc/passwd"] {
                let response = try await HTTP.exchange("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", port: fixture.port)
                #expect(response.status == 404 || response.status == 403, "\(target)")
                #expect(!response.body.contains("root:") && !response.body.contains("title: Fixture"), "\(target)")
            }
        }
    }

    @Test func symlinksOutOfTheSiteAreForbidden() async throws {
        try await PreviewFixture.with { fixture in
            let secret = fixture.root.appendingPathComponent("secret.txt")
            try "top secret".write(to: secret, atomically: true, encoding: .utf8)
            let site = fixture.root.appendingPathComponent("Site")
            try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("leak.txt"), withDestinationURL: secret)
            try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("content"), withDestinationURL: fixture.root.appendingPathComponent("Content"))
            let file = try await fixture.get("/leak.txt")
            #expect(file.status == 403)
            #expect(!file.body.contains("top secret"))
            let folder = try await fixture.get("/content/index.md")
            #expect(folder.status == 403)
            let redirect = try await fixture.get("/content")
            #expect(redirect.status == 403 || redirect.status == 404)
            // A symlink that stays inside the site is fine.
            try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("home.html"), withDestinationURL: site.appendingPathComponent("index.html"))
            #expect(try await fixture.get("/home.html").status == 200)
        }
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "\u{01}\u{02}\u{03}\u{04}\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "GET /  HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET nopath HTTP/1.1\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n",
    ])
    func malformedRequestsGet400AndTheServerKeepsAnswering(request: String) async throws {
        try await PreviewFixture.with { fixture in
            let response = try await HTTP.exchange(request, port: fixture.port)
            #expect(response.status == 400, "\(request.prefix(40).debugDescription)")
            #expect(response.headers["connection"] == "close")
            #expect(try await fixture.get("/").status == 200)
        }
    }

    @Test func onLoopbackOnlyLoopbackNamesAreAnswered() async throws {
        try await PreviewFixture.with { fixture in
            for host in ["localhost", "localhost:\(fixture.port)", "127.0.0.1:\(fixture.port)", "[::1]:\(fixture.port)", "preview.localhost"] {
                #expect(try await HTTP.exchange("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: fixture.port).status == 200, "\(host)")
            }
            // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1.
            let rebound = try await HTTP.exchange("GET / HTTP/1.1\r\nHost: evil.example:\(fixture.port)\r\nConnection: close\r\n\r\n", port: fixture.port)
            #expect(rebound.status == 421)
            #expect(!rebound.body.contains("Fixture design history"))
            let missing = try await HTTP.exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", port: fixture.port)
            #expect(missing.status == 400)
            #expect(try await HTTP.exchange("GET / HTTP/1.0\r\n\r\n", port: fixture.port).status == 200, "HTTP/1.0 needs no Host")
        }
    }

    @Test func hostNamesAndLoopbackAddresses() {
        #expect(PreviewHandler.hostName("localhost:8080") == "localhost")
        #expect(PreviewHandler.hostName("[::1]:8080") == "[::1]")
        #expect(PreviewHandler.hostName("example.org") == "example.org")
        #expect(PreviewHandler.isLoopback("127.0.0.1") && PreviewHandler.isLoopback("::1") && PreviewHandler.isLoopback("localhost"))
        #expect(!PreviewHandler.isLoopback("0.0.0.0") && !PreviewHandler.isLoopback("192.168.1.2") && !PreviewHandler.isLoopback("evil.example"))
    }

    @Test func binaryGarbageAndOversizedHeadsAreRefused() async throws {
        try await PreviewFixture.with { fixture in
            var garbage: [UInt8] = (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
            garbage += Array("\r\n\r\n".utf8)
            let socket = try await RawSocket.connect(port: fixture.port)
            try await socket.send(garbage)
            let answer = RawResponse(await socket.receive(until: RawResponse.isComplete))
            #expect(answer?.status == 400)
            socket.close()

            let huge = try await HTTP.exchange("GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n", port: fixture.port)
            #expect(huge.status == 431)
            #expect(try await fixture.get("/").status == 200)
        }
    }
}
