import Journeys

extension Fact {
    static let hasOneLogin = Fact("has-one-login", "has a GOV.UK One Login", otherwise: "no GOV.UK One Login")
    static let alreadyVerified = Fact("already-verified", "identity already verified", otherwise: "identity not yet verified")
    static let identityVerified = Fact("identity-verified", "verifies identity", otherwise: "cannot verify identity")
    static let autoMatched = Fact("auto-matched", "record connected automatically", otherwise: "record not found automatically")
    static let ninoMatched = Fact("nino-matched", "NI number matches", otherwise: "no match on NI number")
    static let trnMatched = Fact("trn-matched", "TRN matches", otherwise: "no match on TRN")
}

extension DesignHistoryJourneys {
    /// Signing in for the first time to Access your teaching qualifications with GOV.UK One Login
    /// (post of April 2024, a prototype tested in research).
    public static let aytqFirstSignIn = Journey("aytq-first-sign-in", title: "Signing in for the first time using GOV.UK One Login", version: 1) {
        Facts(.hasOneLogin, .alreadyVerified, .identityVerified, .autoMatched, .ninoMatched, .trnMatched)

        Screen("start", title: "Access your teaching qualifications") {
            Paragraph("Sign in with GOV.UK One Login to access your teaching qualifications.")
            Go("one-login-sign-in")
        }
        Region("GOV.UK One Login") {
            Screen("one-login-sign-in", title: "Sign in with GOV.UK One Login") {
                Go("create-one-login", when: .not(.hasOneLogin))
                Go("identity-check")
            }
            Screen("create-one-login", title: "Create your GOV.UK One Login") {
                Go("verify-identity")
            }
            Decision("identity-check", title: "Has the user verified their identity?") {
                Go("find-teaching-record", when: .alreadyVerified)
                Go("verify-identity")
            }
            Screen("verify-identity", title: "Prove your identity") {
                Go("find-teaching-record", when: .identityVerified)
                Go("unable-to-verify-interruption")
            }
        }
        Screen("unable-to-verify-interruption", title: "We could not verify your identity") {
            Note.notIncludedInResearch
            Go("identity-support-request")
        }
        Screen("identity-support-request", title: "Get support to access your teaching qualifications") {
            Paragraph("name")
            Paragraph("previous names")
            Paragraph("date of birth")
            Paragraph("National Insurance number - if they know it")
            Paragraph("teacher reference number (TRN) - if they know it")
            Paragraph("proof of identity")
            Note.notIncludedInResearch
            Go("support-success")
        }
        Decision("find-teaching-record", title: "Can we connect the teaching record automatically?") {
            Go("connect-success", when: .autoMatched)
            Go("verified-connect-interruption")
        }
        Screen("verified-connect-interruption", title: "You’ve signed in and verified your identity: we need more information") {
            Go("national-insurance-number")
        }
        Screen("national-insurance-number", title: "Do you have a National Insurance number?") {
            Heading("Do you have a National Insurance number?")
            Go("connect-success", when: .ninoMatched)
            Go("trn")
        }
        Screen("trn", title: "Do you have a teacher reference number (TRN)?") {
            Heading("Do you have a teacher reference number (TRN)?")
            Go("connect-success", when: .trnMatched)
            Go("unable-to-connect-interruption")
        }
        Screen("unable-to-connect-interruption", title: "We could not find your teaching record") {
            Go("unable-to-connect-check-answers")
        }
        Screen("unable-to-connect-check-answers", title: "Check your answers before you get support") {
            Button("Get support")
            Go("support-success")
        }
        Screen("connect-success", title: "Your GOV.UK One Login is connected to your teaching record") {
            Note.notIncludedInResearch
            Go("quals-landing-page")
        }
        Outcome("quals-landing-page", .success, title: "Your teaching qualifications")
        Outcome("support-success", .supportRequested, title: "Support request submitted")
    }
}
