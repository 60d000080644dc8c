import DesignHistoryJourneys
import Foundation
import Site
import Journeys
import Testing

@Test func journeyIdsAreUnique() {
    let ids = DesignHistoryJourneys.catalog.journeys.map { "\($0.id)@\($0.version)" }
    #expect(Set(ids).count == ids.count)
}

@Test(arguments: DesignHistoryJourneys.catalog.journeys.map(\.id))
func everyModelPassesEveryModelCheck(id: String) throws {
    let journey = try #require(DesignHistoryJourneys.catalog[id])
    let problems = journey.check().map(\.description)
    #expect(problems == [])
}

@Test func dfeSignInCarriesTheCopyThePostsQuote() throws {
    let journey = try #require(DesignHistoryJourneys.catalog["dfe-sign-in"])
    #expect(journey[step: "ask-for-an-account"]?.copy(.heading) == ["Ask for an account to claim funding for mentor training"])
    #expect(journey[step: "tell-us-which-organisation"]?.copy(.heading) == ["Tell us which organisation you’re part of"])
    // Every screenshot of the seed posts names a screen of the model by the file-name convention.
    for screen in ["sign-in", "forgot-password", "create-account", "confirm-email", "create-password", "resend-verification-code", "verification-code-resent", "registration-complete"] {
        #expect(journey[step: screen]?.kind == .screen, "\(screen)")
    }
}

@Test func dfeSignInRunsAsThePostsDescribe() throws {
    let journey = try #require(DesignHistoryJourneys.catalog["dfe-sign-in"])
    let newUser = journey.run(given: ["known-to-service", "linked-to-organisation"])
    #expect(newUser.steps == ["invitation-email", "sign-in", "create-account", "confirm-email", "create-password", "registration-complete", "invitation-email", "sign-in", "service-account", "signed-in"])
    #expect(journey.run(given: ["has-account"]).end == .outcome("ask-for-an-account"))
    #expect(journey.run(given: ["has-account", "known-to-service"]).end == .outcome("tell-us-which-organisation"))
}

@Test func aytqRunsAsThePostDescribes() throws {
    let journey = try #require(DesignHistoryJourneys.catalog["aytq-first-sign-in"])
    let researched = journey.run(given: ["has-one-login", "already-verified"])
    #expect(researched.steps.suffix(6) == ["verified-connect-interruption", "national-insurance-number", "trn", "unable-to-connect-interruption", "unable-to-connect-check-answers", "support-success"])
    #expect(journey.run(given: ["identity-verified", "auto-matched"]).end == .outcome("quals-landing-page"))
}

/// The repository's seed posts, read from Content/ beside the package.
enum SeedPosts {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let all = [
        "Content/posts/claim-funding-for-mentors/2023-12-19-signing-in-to-the-service.md",
        "Content/posts/manage-school-placements/2023-12-01-signing-in-to-the-service.md",
        "Content/posts/ecf-v2/2024-08-19-exploring-using-dfe-sign-in.md",
        "Content/posts/qualifications-service/2024-04-03-signing-in-for-the-first-time-using-govuk-one-login.md",
    ]

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The post's diagnostics; screenshot files are taken to exist (the seeds carry no images).
    static func diagnostics(_ path: String, catalog: JourneyCatalog = DesignHistoryJourneys.catalog, text: String? = nil) throws -> [Diagnostic] {
        JourneyPostCheck.diagnostics(text: try text ?? Self.text(path), path: path, url: "/posts/x/", catalog: catalog)
    }
}

@Test(arguments: SeedPosts.all)
func seedPostPassesEveryJourneyCheck(path: String) throws {
    #expect(try SeedPosts.diagnostics(path).map(\.description) == [])
    #expect(try SeedPosts.text(path).contains("journey"))
}

/// The whole design history built (without writing) with this repository's models: every seed post
/// names its journey and the build finds no journey problem at all.
@Test func buildingTheRepositoryFindsNoJourneyProblem() throws {
    let report = SiteBuilder(configuration: SiteConfiguration(root: SeedPosts.root), journeys: DesignHistoryJourneys.catalog).build(write: false)
    let journeyProblems = report.diagnostics.filter { ($0.id ?? "").hasPrefix("D") || ($0.id ?? "").hasPrefix("M") }
    #expect(journeyProblems.map(\.description) == [])
    #expect(report.errors == 0)
    #expect(journeyCatalogDiagnostics(catalog: DesignHistoryJourneys.catalog).isEmpty)
}
