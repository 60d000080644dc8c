import Foundation
import Testing
@testable import Site

/// This repository's own design history, built as `swift run design-history build` builds it.
@Suite struct ContentTests {
    static var repositoryRoot: URL {
        var folder = URL(fileURLWithPath: #filePath)
        while folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
        }
        return folder
    }

    @Test func postsKeepTheURLsTheyHaveToday() throws {
        let session = SiteSession(configuration: SiteConfiguration(root: Self.repositoryRoot))
        let report = session.build(write: false)
        let urls = Set(session.builtURLs)
        for url in [
            "/claim-funding-for-mentors/signing-in-to-the-service/",
            "/manage-school-placements/signing-in-to-the-service/",
            "/ecf-v2/exploring-using-dfe-sign-in/",
            "/qualifications-service/signing-in-for-the-first-time-using-govuk-one-login/",
            "/", "/claim-funding-for-mentors/", "/manage-school-placements/", "/ecf-v2/", "/qualifications-service/",
        ] {
            #expect(urls.contains(url), "\(url) missing from \(urls.sorted())")
        }
        // Every screenshot the seed posts name is a placeholder image of Content/images.
        #expect(!report.diagnostics.contains { $0.message.hasPrefix("screenshot") }, "\(report.diagnostics)")
        // Each section page lists its section's post.
        #expect(session.titles(ofCollection: "ecf-v2") == ["Exploring using DfE sign-in for accessing the service"])
        let section = try #require(session.page(url: "/ecf-v2/"))
        let items = section.data["pagination"]?[member: "items"]
        #expect(items?[member: "0"][member: "url"].stringValue == "/ecf-v2/exploring-using-dfe-sign-in/")
        // Breadcrumbs: Home, then the section.
        let post = try #require(session.page(url: "/ecf-v2/exploring-using-dfe-sign-in/"))
        let crumbs = post.data["navigation"]?[member: "breadcrumbs"]
        #expect(crumbs?[member: "0"][member: "title"].stringValue == "design-history")
        #expect(crumbs?[member: "1"][member: "title"].stringValue == "Register early career teachers")
        #expect(crumbs?[member: "1"][member: "url"].stringValue == "/ecf-v2/")
    }
}
