import Foundation
import Journeys
import Testing
@testable import Site

/// The model the fixture posts under Fixtures/Journeys/ document.
let fixtureJourney = Journey("sign-in", title: "Sign in", version: 1) {
    Facts(Fact("has-account"), Fact("forgot-password"))
    Screen("start", title: "Start") { Go("sign-in") }
    Region("Identity provider") {
        Screen("sign-in", title: "Sign in") {
            Heading("Sign in to your account")
            ErrorMessage("Enter your email address")
            Go("forgot-password", when: Fact("forgot-password")).once()
            Go("create-account", when: .not(Fact("has-account")))
            Go("signed-in")
        }
        Screen("forgot-password", title: "Forgot password") { Go("sign-in") }
        Screen("create-account", title: "Create account") { Go("confirm-email") }
        Screen("confirm-email", title: "Confirm email") { Go("account-created") }
    }
    Outcome("signed-in", .success, title: "Signed in")
    Outcome("account-created", .success, title: "Account created") {
        Heading("Account created")
        Paragraph("You can now sign in.")
    }
}
let fixtureCatalog = JourneyCatalog([fixtureJourney])

/// The diagnostics of a fixture post; the files that "exist" are every screenshot but forgot-password's.
func fixtureDiagnostics(_ name: String) throws -> [Diagnostic] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("Journeys/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    return JourneyPostCheck.diagnostics(text: text, path: name, url: "/posts/\(name.dropLast(3))/", catalog: fixtureCatalog) { file in
        !file.hasSuffix("sign-in--forgot-password.png")
    }
}

/// (id, line, column) of every diagnostic, for compact assertions.
func positions(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.id ?? "-"):\($0.line):\($0.column)" }
}

@Test func aPagePassingEveryCheckHasNoDiagnostics() throws {
    #expect(try fixtureDiagnostics("passes.md").map(\.description) == [])
}

@Test func aPageNamingNoJourneyIsNotChecked() throws {
    #expect(try fixtureDiagnostics("not-checked.md") == [])
}

@Test func d1UnknownJourneyAndVersion() throws {
    let unknown = try fixtureDiagnostics("d1-unknown-journey.md")
    #expect(positions(unknown) == ["D1:3:1"])
    #expect(unknown.first?.path == "d1-unknown-journey.md")
    #expect(unknown.first?.message.contains("did you mean 'sign-in'") == true)
    #expect(unknown.first?.description.hasPrefix("d1-unknown-journey.md:3:1: error[D1]: no journey 'sign-on'") == true)
    let version = try fixtureDiagnostics("d1-unknown-version.md")
    #expect(positions(version) == ["D1:4:3"])
    #expect(version.first?.message.contains("no version 7") == true)
}

@Test func d2ScreenshotsMapToScreensAndExist() throws {
    let found = try fixtureDiagnostics("d2-screenshots.md")
    #expect(found.allSatisfy { $0.id == "D2" })
    #expect(positions(found) == ["D2:9:7", "D2:11:7", "D2:13:7", "D2:15:7"])
    #expect(found[0].message.contains("'register', which is not a screen"))
    #expect(found[1].severity == .warning)
    #expect(found[1].message.contains("/posts/d2-screenshots/sign-in--forgot-password.png"))
    #expect(found[2].message.contains("maps to no screen"))
    #expect(found[3].message.contains("no error message for 'forgot-password'"))
}

@Test func d3ImpossiblePathSaysWhatTheModelAllows() throws {
    let found = try fixtureDiagnostics("d3-impossible-path.md")
    #expect(positions(found) == ["D3:8:21"])
    #expect(found.first?.message == "the model does not go from 'sign-in' to 'confirm-email'; after 'sign-in' it allows: forgot-password, create-account, signed-in")
}

@Test func d3FlagsExpectedInvalidPendingHistoricalAndUnknownSteps() throws {
    let found = try fixtureDiagnostics("d3-flags.md")
    #expect(positions(found) == ["D3:5:1", "D3:9:1", "D3:18:12"])
    #expect(found[0].severity == .error && found[0].message.contains("expected-invalid"))
    #expect(found[1].severity == .warning && found[1].message.contains("remove 'pending'"))
    #expect(found[2].message.contains("did you mean 'create-account'"))
}

@Test func d4DocumentedPathWithFactsIsTheModelsPath() throws {
    let found = try fixtureDiagnostics("d4-facts.md")
    #expect(positions(found) == ["D4:7:21", "D4:11:8"])
    #expect(found[0].message == "with has-account, forgot-password the model takes start -> sign-in -> forgot-password -> sign-in -> signed-in, not the documented path")
    #expect(found[1].message.contains("'has-acount' is not a fact"))
}

@Test func d5CompletePathEndsAtAnOutcome() throws {
    let found = try fixtureDiagnostics("d5-incomplete.md")
    #expect(positions(found) == ["D5:6:21"])
    #expect(found.first?.message.contains("goes on to: confirm-email") == true)
}

@Test func d6PageDocumentingNothingIsWarned() throws {
    let found = try fixtureDiagnostics("d6-nothing-documented.md")
    #expect(positions(found) == ["D6:3:1"])
    #expect(found.first?.severity == .warning)
}

@Test func d7LinksResolveToScreensAndOutcomes() throws {
    let found = try fixtureDiagnostics("d7-links.md")
    #expect(positions(found) == ["D7:6:8", "D7:6:47"])
    #expect(found[1].message.contains("a step but not an outcome"))
}

@Test func d8QuotedCopyEqualsTheModel() throws {
    let found = try fixtureDiagnostics("d8-quotes.md")
    #expect(positions(found) == ["D8:7:3", "D8:14:5", "D8:21:5"])
    #expect(found[2].message == "quoted error message ‘Enter your pasword’ is not an error message of any screen of journey 'sign-in'")
    #expect(found[0].message.contains("the model has ‘Sign in to your account’"))
    #expect(found[1].message.contains("‘with your email address’"))
}

@Test func d9ConsecutiveScreenshotsFollowARoute() throws {
    let found = try fixtureDiagnostics("d9-gallery.md").filter { $0.id == "D9" }
    #expect(positions(found) == ["D9:9:7", "D9:15:7"])
    #expect(found.allSatisfy { $0.severity == .warning })
    #expect(found[0].message.contains("add 'from: <screen>'"))
    #expect(found[1].message.contains("does not follow 'confirm-email'"))
}

@Test func pageDataHasCoverageAndPaths() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("Journeys/passes.md")
    let data = try #require(JourneyPostCheck.pageData(text: try String(contentsOf: url, encoding: .utf8), path: "passes.md", catalog: fixtureCatalog))
    #expect(data[member: "id"].stringValue == "sign-in")
    #expect(data[member: "coverage"][member: "summary"].stringValue == "screens 4 of 5, outcomes 2 of 2, routes 4 of 7")
    #expect(data[member: "outcomes"][member: "0"][member: "outcome"].stringValue == "signed-in")
    #expect(data[member: "paths"][member: "rows"][member: "0"][member: "1"][member: "text"].stringValue == "start → sign-in → signed-in")
    #expect(data[member: "coverage"][member: "text"].stringValue.contains("screens 4 of 5"))
}

@Test func catalogDiagnosticsPointAtTheModel() {
    let broken = Journey("broken", title: "Broken") { Screen("a", title: "A") }
    let found = journeyCatalogDiagnostics(catalog: JourneyCatalog([broken]))
    #expect(found.map(\.id) == ["M3"])
    #expect(found.first?.path.hasSuffix("JourneyChecksTests.swift") == true)
}

@Test func aJourneyKeyThatIsNotAnIdIsReportedNotSkipped() {
    let found = JourneyPostCheck.diagnostics(text: "---\ntitle: x\njourney: 5\n---\n", path: "x.md", catalog: fixtureCatalog)
    #expect(positions(found) == ["D1:3:1"])
}

@Test func brokenFrontMatterStillGivesADiagnosticAndNoJourneyCheck() {
    let found = JourneyPostCheck.diagnostics(text: "---\njourney: [unclosed\n---\n", path: "x.md", catalog: fixtureCatalog)
    #expect(found.count == 1)
    #expect(found.first?.id == nil)
}
