import DesignHistoryJourneys
import Foundation
import Journeys
import Site
import Testing

/// Mutation tests: break the model (or the post) the way drift happens, and the seed post that
/// documents it must fail with the right diagnostic at the right line.
private let claim = "Content/posts/claim-funding-for-mentors/2023-12-19-signing-in-to-the-service.md"
private let manage = "Content/posts/manage-school-placements/2023-12-01-signing-in-to-the-service.md"
private let aytq = "Content/posts/qualifications-service/2024-04-03-signing-in-for-the-first-time-using-govuk-one-login.md"

/// The catalog with the DfE Sign-in model changed.
private func catalog(mutating transform: ([Step]) -> [Step]) -> JourneyCatalog {
    let dfe = DesignHistoryJourneys.dfeSignIn
    return JourneyCatalog([dfe.replacing(steps: transform(dfe.steps)), DesignHistoryJourneys.ecf2Access, DesignHistoryJourneys.aytqFirstSignIn])
}

/// The 1-based line of the first line of `text` containing `needle`.
private func line(of needle: String, in text: String) throws -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return try #require(lines.firstIndex { $0.contains(needle) }) + 1
}

private func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error } }

@Test(arguments: [claim, manage])
func changingARouteFailsThePathThatTakesIt(post: String) throws {
    let mutated = catalog { steps in
        steps.map { step in
            guard step.id == "confirm-email" else { return step }
            var routes = step.routes
            routes[1].target = "registration-complete" // confirm-email no longer leads to create-password
            return step.replacing(routes: routes)
        }
    }
    let text = try SeedPosts.text(post)
    let found = errors(try SeedPosts.diagnostics(post, catalog: mutated))
    #expect(found.count == 1)
    let d3 = try #require(found.first)
    #expect(d3.id == "D3")
    #expect(d3.line == (try line(of: "confirm-email -> create-password", in: text)))
    #expect(d3.message == "the model does not go from 'confirm-email' to 'create-password'; after 'confirm-email' it allows: resend-verification-code, registration-complete")
    // The gallery's create-password screenshot no longer follows confirm-email either.
    #expect(try SeedPosts.diagnostics(post, catalog: mutated).contains { $0.id == "D9" && $0.message.contains("'create-password'") })
}

@Test func removingAScreenFailsItsScreenshotsAndPaths() throws {
    let mutated = catalog { steps in
        steps.filter { $0.id != "forgot-password" }.map { step in
            step.id == "sign-in" ? step.replacing(routes: step.routes.filter { $0.target != "forgot-password" }) : step
        }
    }
    let text = try SeedPosts.text(claim)
    let found = errors(try SeedPosts.diagnostics(claim, catalog: mutated))
    #expect(found.map(\.id) == ["D2", "D2"])
    #expect(found.map(\.line) == [try line(of: "src: dfe-sign-in--forgot-password.png", in: text), try line(of: "src: dfe-sign-in--forgot-password-error.png", in: text)])
    #expect(found[0].message.contains("shows 'forgot-password', which is not a screen of journey 'dfe-sign-in'"))
}

@Test func changingQuotedCopyFailsTheQuote() throws {
    let mutated = catalog { steps in
        steps.map { step in
            guard step.id == "ask-for-an-account" else { return step }
            return step.replacing(copy: [Copy(.heading, "Ask for an account to claim funding for mentor training"), Copy(.paragraph, "You need an account for this service as well as a DfE Sign-in account.")])
        }
    }
    let text = try SeedPosts.text(claim)
    let found = errors(try SeedPosts.diagnostics(claim, catalog: mutated))
    #expect(found.count == 1)
    #expect(found.first?.id == "D8")
    #expect(found.first?.line == (try line(of: "> Although you have a DfE Sign-in account", in: text)))
    #expect(found.first?.column == 3)
    #expect(found.first?.message.contains("the model's copy of 'ask-for-an-account' is: ‘You need an account for this service as well as a DfE Sign-in account.’") == true)

    let heading = catalog { steps in
        steps.map { step in
            step.id == "tell-us-which-organisation" ? step.replacing(copy: step.copy.map { $0.kind == .heading ? Copy(.heading, "Tell us which organisation you are part of") : $0 }) : step
        }
    }
    let headingErrors = errors(try SeedPosts.diagnostics(claim, catalog: heading))
    #expect(headingErrors.map(\.id) == ["D8"])
    #expect(headingErrors.first?.line == (try line(of: "> **Tell us which organisation", in: text)))
}

@Test func changingAnErrorMessageThatAScreenshotShowsFailsIt() throws {
    // Without error messages, the '-error' screenshots of create-password show nothing the model has.
    let mutated = catalog { steps in
        steps.map { $0.id == "create-password" ? $0.replacing(copy: $0.copy.filter { $0.kind != .errorMessage }) : $0 }
    }
    let text = try SeedPosts.text(claim)
    let found = errors(try SeedPosts.diagnostics(claim, catalog: mutated))
    #expect(found.map(\.id) == ["D2"])
    #expect(found.first?.line == (try line(of: "src: dfe-sign-in--create-password-error.png", in: text)))
}

@Test func editingThePostsPathFailsIt() throws {
    let text = try SeedPosts.text(claim)
    let edited = text.replacingOccurrences(of: "confirm-email -> create-password", with: "confirm-email -> registration-complete")
    let found = errors(try SeedPosts.diagnostics(claim, text: edited))
    #expect(found.map(\.id) == ["D3"])
    #expect(found.first?.message.contains("after 'confirm-email' it allows: resend-verification-code, create-password") == true)
}

@Test func editingThePostsFactsFailsThePath() throws {
    let text = try SeedPosts.text(aytq)
    let edited = text.replacingOccurrences(of: "given: has-one-login, already-verified\nstart", with: "given: has-one-login, already-verified, trn-matched\nstart")
    #expect(edited != text)
    let found = errors(try SeedPosts.diagnostics(aytq, text: edited))
    #expect(found.map(\.id) == ["D4"])
    #expect(found.first?.message.hasPrefix("with has-one-login, already-verified, not identity-verified, not auto-matched, not nino-matched, trn-matched the model takes start -> one-login-sign-in -> verified-connect-interruption -> national-insurance-number -> trn -> connect-success -> quals-landing-page") == true)
}

@Test func renamingTheJourneyOrPinningAMissingVersionFailsD1() throws {
    let text = try SeedPosts.text(manage)
    let renamed = errors(try SeedPosts.diagnostics(manage, text: text.replacingOccurrences(of: "journey: dfe-sign-in", with: "journey: dfe-signin")))
    #expect(renamed.map(\.id) == ["D1"])
    #expect(renamed.first?.line == (try line(of: "journey: dfe-sign-in", in: text)))
    let pinned = errors(try SeedPosts.diagnostics(manage, text: text.replacingOccurrences(of: "journey: dfe-sign-in", with: "journey:\n  id: dfe-sign-in\n  version: 2")))
    #expect(pinned.map(\.id) == ["D1"])
}

@Test func aChangedRouteFailsTheBuildOfBothPostsThatDocumentIt() {
    let mutated = catalog { steps in
        steps.map { step in
            guard step.id == "confirm-email" else { return step }
            var routes = step.routes
            routes[1].target = "registration-complete"
            return step.replacing(routes: routes)
        }
    }
    let report = SiteBuilder(configuration: SiteConfiguration(root: SeedPosts.root), journeys: mutated).build(write: false)
    let d3 = report.diagnostics.filter { $0.id == "D3" }
    #expect(d3.contains { $0.path.hasSuffix(claim) } && d3.contains { $0.path.hasSuffix(manage) })
    #expect(d3.allSatisfy { $0.path.hasSuffix(claim) || $0.path.hasSuffix(manage) })
    #expect(d3.allSatisfy { $0.severity == .error })
}
