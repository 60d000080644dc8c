import Journeys

extension Fact {
    static let hasDfESignInAccount = Fact("has-account", "has a DfE Sign-in account", otherwise: "no DfE Sign-in account")
    static let forgotPassword = Fact("forgot-password", "forgot password")
    static let asksForNewCode = Fact("asks-for-new-code", "asks for a new code")
    static let knownToService = Fact("known-to-service", "known to the service", otherwise: "not known to the service")
    static let linkedToOrganisation = Fact("linked-to-organisation", "linked to an organisation", otherwise: "not linked to an organisation")
    static let inSeveralOrganisations = Fact("several-organisations", "in several organisations with one email")
}

extension DesignHistoryJourneys {
    /// Signing in to a Becoming a teacher service with DfE Sign-in: one journey shared by Claim funding
    /// for mentor training and Manage school placements (posts of December 2023). The in-service
    /// messages carry Claim funding for mentor training's copy.
    public static let dfeSignIn = Journey("dfe-sign-in", title: "Signing in to the service with DfE Sign-in", version: 1) {
        Facts(.hasDfESignInAccount, .forgotPassword, .asksForNewCode, .knownToService, .linkedToOrganisation, .inSeveralOrganisations)
        Note("Signed-in sessions time out after 20 minutes of inactivity.")

        Screen("invitation-email", title: "Invitation email with a link to sign in") {
            Paragraph("Someone from the user’s organisation or BAT support invites them; the email links to the service.")
            Go("sign-in")
        }
        Region("DfE Sign-in") {
            Screen("sign-in", title: "Sign in") {
                Heading("Sign in")
                ErrorMessage("Enter your email address")
                ErrorMessage("Enter your password")
                Button("Sign in")
                Go("forgot-password", when: .forgotPassword).once()
                Go("create-account", when: .not(.hasDfESignInAccount)).once()
                Go("service-account")
            }
            Screen("forgot-password", title: "Forgot password") {
                Heading("Forgotten your password?")
                ErrorMessage("Enter your email address")
                Button("Send reset link")
                Go("sign-in")
            }
            Screen("create-account", title: "Create account") {
                Heading("Create a DfE Sign-in account")
                ErrorMessage("Enter your first name")
                ErrorMessage("Enter your last name")
                ErrorMessage("Enter your email address")
                Button("Continue")
                Go("confirm-email")
            }
            Screen("confirm-email", title: "Confirm email") {
                Heading("Confirm your email address")
                ErrorMessage("Enter your verification code")
                Button("Continue")
                Go("resend-verification-code", when: .asksForNewCode).once()
                Go("create-password")
            }
            Screen("resend-verification-code", title: "Resend verification code") {
                Heading("Resend verification code")
                ErrorMessage("Enter your email address")
                Button("Resend code")
                Go("verification-code-resent")
            }
            Screen("verification-code-resent", title: "Verification code resent") {
                Heading("Verification code sent")
                Go("confirm-email")
            }
            Screen("create-password", title: "Create password") {
                Heading("Create your password")
                ErrorMessage("Enter a password")
                ErrorMessage("Passwords do not match")
                Button("Continue")
                Go("registration-complete")
            }
            Screen("registration-complete", title: "Registration complete") {
                Heading("Registration complete")
                Note.knownIssue("DfE Sign-in forgets which service the user was signing in to: they go back to the invitation email.")
                Go("invitation-email")
            }
        }
        Decision("service-account", title: "Does the service know the user?") {
            Go("ask-for-an-account", when: .not(.knownToService))
            Go("tell-us-which-organisation", when: .not(.linkedToOrganisation))
            Go("choose-organisation", when: .inSeveralOrganisations)
            Go("signed-in")
        }
        Screen("choose-organisation", title: "Choose an organisation") {
            Paragraph("A user invited by several organisations with the same email chooses which organisation to work on.")
            Go("signed-in")
        }
        Outcome("signed-in", .success, title: "Signed in to the service")
        Outcome("ask-for-an-account", .blocked, title: "Ask for an account") {
            Heading("Ask for an account to claim funding for mentor training")
            Paragraph("Although you have a DfE Sign-in account, you also need an account for this service.")
        }
        Outcome("tell-us-which-organisation", .blocked, title: "Tell us which organisation you’re part of") {
            Heading("Tell us which organisation you’re part of")
            Paragraph("You’ve successfully signed in to your DfE account, but your email address is not currently linked to an organisation. This can happen if:")
            Paragraph("the email address you used is different to the one we sent the invitation email to")
            Paragraph("you haven't yet been invited by someone in your organisation")
            Paragraph("another user in your organisation has removed your account")
            Paragraph("To access your organisation’s placements, ensure you’ve signed in with the correct email address. If it looks right, you’ll need to email us instead to tell us which organisation you need access to.")
        }
    }
}
