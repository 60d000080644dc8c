import Journeys
import Testing

extension Fact {
    static let hasAccount = Fact("has-account", "has an account", otherwise: "no account")
    static let forgotPassword = Fact("forgot-password", "forgot password")
    static let wantsNewCode = Fact("wants-new-code", "asks for a new code")
}

/// A small sign-in journey with a once-only loop, used by the run and model tests.
let signIn = Journey("sign-in", title: "Sign in") {
    Facts(.hasAccount, .forgotPassword, .wantsNewCode)
    Screen("start", title: "Start") { Go("sign-in") }
    Region("Identity provider") {
        Screen("sign-in", title: "Sign in") {
            Heading("Sign in")
            ErrorMessage("Enter your email address")
            Go("forgot-password", when: .forgotPassword).once()
            Go("create-account", when: .not(.hasAccount))
            Go("signed-in")
        }
        Screen("forgot-password", title: "Forgot password") { Go("sign-in") }
        Screen("create-account", title: "Create account") { Go("confirm-email") }
        Screen("confirm-email", title: "Confirm email") {
            Go("resend-code", when: .wantsNewCode).once()
            Go("account-created")
        }
        Screen("resend-code", title: "Resend code") { Go("confirm-email") }
    }
    Outcome("signed-in", .success, title: "Signed in")
    Outcome("account-created", .success, title: "Account created")
}

@Test func catalogFindsLatestVersionAndPinnedVersion() {
    let v1 = Journey("j", title: "Old", version: 1) { Outcome("done", .success, title: "Done") }
    let v2 = Journey("j", title: "New", version: 2) { Outcome("done", .success, title: "Done") }
    let catalog = JourneyCatalog([v1, v2])
    #expect(catalog["j"]?.title == "New")
    #expect(catalog["j", version: 1]?.title == "Old")
    #expect(catalog["other"] == nil)
    #expect(catalog.latest.count == 1)
}

@Test func builderKeepsDocumentOrderRegionsAndCopy() {
    #expect(signIn.steps.map(\.id) == ["start", "sign-in", "forgot-password", "create-account", "confirm-email", "resend-code", "signed-in", "account-created"])
    #expect(signIn.startID == "start")
    #expect(signIn.regions == ["Identity provider"])
    #expect(signIn[step: "sign-in"]?.region == "Identity provider")
    #expect(signIn[step: "start"]?.region == nil)
    #expect(signIn[step: "sign-in"]?.copy(.errorMessage) == ["Enter your email address"])
    #expect(signIn[step: "sign-in"]?.routes.map(\.target) == ["forgot-password", "create-account", "signed-in"])
    #expect(signIn[step: "sign-in"]?.routes[1].label == "no account")
}

@Test func runFollowsFirstMatchingRouteAndOnceRoutesOnlyOnce() {
    #expect(signIn.run(given: ["has-account"]).steps == ["start", "sign-in", "signed-in"])
    let forgot = signIn.run(given: ["has-account", "forgot-password"])
    #expect(forgot.steps == ["start", "sign-in", "forgot-password", "sign-in", "signed-in"])
    #expect(forgot.end == .outcome("signed-in"))
    let newAccount = signIn.run(given: ["wants-new-code"])
    #expect(newAccount.steps == ["start", "sign-in", "create-account", "confirm-email", "resend-code", "confirm-email", "account-created"])
}

@Test func shortestAndSimplePaths() {
    let shortest = signIn.shortestPaths()
    #expect(shortest["signed-in"] == ["start", "sign-in", "signed-in"])
    #expect(shortest["account-created"] == ["start", "sign-in", "create-account", "confirm-email", "account-created"])
    let simple = signIn.simplePaths()
    #expect(simple.contains(["start", "sign-in", "create-account", "confirm-email", "resend-code"]) == false)
    #expect(simple.count == 2)
    #expect(signIn.simplePaths(limit: 1).count == 1)
}

@Test func exhaustiveRunsCoverEveryCombination() {
    let runs = signIn.exhaustiveRuns()
    #expect(runs.count == 8)
    #expect(runs.allSatisfy { $0.reachedOutcome })
    #expect(signIn.check().isEmpty)
}

@Test func describeAndValuesRoundTrip() {
    let values = signIn.values(given: ["has-account", "wants-new-code"])
    #expect(signIn.describe(values) == "has-account, not forgot-password, wants-new-code")
    #expect(signIn.holding(values).map(\.id) == ["has-account", "wants-new-code"])
}
