import Journeys

extension Fact {
    static let isSchoolUser = Fact("school-user", "school user", otherwise: "lead provider or appropriate body")
    static let choosesDfESignIn = Fact("chooses-dfe-sign-in", "chooses DfE Sign-in", otherwise: "chooses a one-time password")
    static let hasServiceAccess = Fact("has-service-access", "has access to ECF2 in DfE Sign-in", otherwise: "no access yet")
    static let emailOnList = Fact("email-on-list", "email on the organisation’s list", otherwise: "email not on the list")
}

extension DesignHistoryJourneys {
    /// Access to the ECF2 service (post of August 2024): an exploration, so parts are proposals.
    public static let ecf2Access = Journey("ecf2-access", title: "Accessing the ECF2 service", version: 1) {
        Facts(.isSchoolUser, .choosesDfESignIn, .hasServiceAccess, .emailOnList)
        Note.proposed

        Screen("sign-in-start", title: "Sign in to ECF2") {
            Go("choose-sign-in-method", when: .not(.isSchoolUser))
            Go("dfe-sign-in")
        }
        Screen("choose-sign-in-method", title: "How do you want to sign in?") {
            Note.proposed
            Go("dfe-sign-in", when: .choosesDfESignIn)
            Go("enter-email")
        }
        Screen("enter-email", title: "Enter your email address") {
            Note.proposed
            Go("enter-one-time-password")
        }
        Screen("enter-one-time-password", title: "Enter the one-time password") {
            Note.proposed
            Go("check-email-against-list")
        }
        Region("DfE Sign-in") {
            Screen("dfe-sign-in", title: "Sign in with DfE Sign-in") {
                Go("check-email-against-list", when: .not(.isSchoolUser))
                Go("check-service-access")
            }
            Decision("check-service-access", title: "Does DfE Sign-in give the user access to ECF2?") {
                Go("ecf2-home", when: .hasServiceAccess)
                Go("request-access")
            }
            Screen("request-access", title: "Request access to the service") {
                Paragraph("An approver at the school grants access without help from DfE support.")
                Go("access-requested")
            }
        }
        Decision("check-email-against-list", title: "Is the email on the list the service holds?") {
            Note.proposed
            Go("ecf2-home", when: .emailOnList)
            Go("not-on-list")
        }
        Outcome("ecf2-home", .success, title: "ECF2 service home")
        Outcome("access-requested", .other("waiting for an approver"), title: "Access requested from the school’s approver")
        Outcome("not-on-list", .blocked, title: "Not on the list: support adds the user") {
            Note.proposed
        }
    }
}
