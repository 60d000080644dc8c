import Foundation
import Templates
import Testing
@testable import Site

/// Layouts rendered directly with a hand-made context, for data a fixture site cannot produce
/// on its own (a journey from the journeys check).
@Suite struct LayoutComponentTests {
    static func environment() -> TemplateEnvironment {
        SiteRenderer(configuration: SiteConfiguration(root: FileManager.default.temporaryDirectory)).environment
    }

    static func object(_ pairs: [(String, TemplateValue)]) -> TemplateValue { .object(TemplateObject(pairs)) }

    static let journey = object([
        ("title", .string("Signing in")),
        ("svg", .safe(#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Signing in: journey diagram"></svg>"#)),
        ("diagramWidth", .number(1258)),
        ("coverage", object([("summary", .string("screens 2 of 2, outcomes 1 of 2"))])),
        ("steps", .array([
            object([("id", .string("start")), ("title", .string("Sign in"))]),
            object([("id", .string("home")), ("title", .string("Service home"))]),
            object([("id", .string("help")), ("title", .string("Get help <now>"))]),
        ])),
        ("paths", .array([
            object([("outcome", .string("home")), ("title", .string("Service home")), ("kind", .string("success")),
                    ("paths", .array([
                        object([("steps", .array([.string("start"), .string("home")])), ("facts", .string("has-account"))]),
                        object([("steps", .array([.string("start"), .string("help"), .string("home")])), ("facts", .string("not has-account"))]),
                    ]))]),
        ])),
    ])

    @Test func postShowsTheJourneyAfterTheContent() throws {
        let context = TemplateObject([
            ("title", .string("A post")), ("content", .safe("<p class=\"govuk-body\">Body</p>")),
            ("page", Self.object([("url", .string("/a-post/")), ("date", .date(Date(timeIntervalSince1970: 1_701_388_800)))])),
            ("options", Self.object([("titleSuffix", .string("History"))])),
            ("journey", Self.journey),
        ])
        let html = try Self.environment().render(templateNamed: "layouts/post.njk", context: context)
        let body = try #require(html.range(of: "Body</p>"))
        let journey = try #require(html.range(of: #"<section class="app-journey" id="journey""#))
        #expect(body.upperBound <= journey.lowerBound, "the journey comes after the content")
        #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" role="img""#), "the diagram is not escaped")
        // A wide diagram scrolls rather than shrink its labels past reading: the region says how wide
        // it is drawn, and can be scrolled from the keyboard.
        #expect(html.contains(#"<div class="app-journey__diagram" style="--app-diagram-width: 1258px; --app-diagram-min-width: 1132px" tabindex="0" role="region" aria-label="Signing in: journey diagram">"#))
        #expect(html.contains("screens 2 of 2, outcomes 1 of 2"))
        #expect(html.contains(#"<th scope="row" class="govuk-table__header" rowspan="2">Service home"#))
        #expect(html.contains("Sign in → Get help &lt;now&gt; → Service home"), "step titles, escaped")
        #expect(html.contains("<time datetime=\"2023-12-01T00:00:00Z\">1 December 2023</time>"))
        #expect(html.contains("<title>A post - History</title>"))
    }

    /// The body's classes: the page's own `bodyClasses` and its theme's class, either alone, both
    /// with a space, none without a class list at all.
    @Test(arguments: [
        (nil, nil, #"<body class="govuk-template__body">"#),
        ("app-wide", nil, #"<body class="govuk-template__body app-wide">"#),
        (nil, "dark", #"<body class="govuk-template__body app-theme--dark">"#),
        ("app-wide", "dark", #"<body class="govuk-template__body app-wide app-theme--dark">"#),
    ] as [(String?, String?, String)])
    func bodyClassesJoinThePageClassesAndTheTheme(bodyClasses: String?, theme: String?, expected: String) throws {
        var pairs: [(String, TemplateValue)] = [("title", .string("A page")), ("content", .safe("Body")),
                                                ("page", Self.object([("url", .string("/a-page/"))]))]
        if let bodyClasses { pairs.append(("bodyClasses", .string(bodyClasses))) }
        if let theme { pairs.append(("theme", .string(theme))) }
        let html = try Self.environment().render(templateNamed: "layouts/page.njk", context: TemplateObject(pairs))
        #expect(html.contains(expected))
    }

    @Test func aPageWithoutAJourneyHasNoJourneySection() throws {
        let context = TemplateObject([("title", .string("A post")), ("content", .safe("Body")),
                                      ("page", Self.object([("url", .string("/a-post/"))]))])
        let html = try Self.environment().render(templateNamed: "layouts/post.njk", context: context)
        #expect(!html.contains("app-journey"))
        #expect(html.contains("<title>A post</title>"))
    }

    /// Text parameters are escaped, `html` parameters are not, whichever autoescape mode the site uses.
    @Test(arguments: [true, false])
    func componentsEscapeTextButNotHTML(autoescape: Bool) throws {
        var environment = Self.environment()
        environment.options.autoescape = autoescape
        let source = """
        {% from "govuk/components/inset-text/macro.njk" import govukInsetText %}{% from "govuk/components/tag/macro.njk" import govukTag %}\
        {{ govukInsetText({ text: "a <b> & c" }) }}|{{ govukTag({ html: "<em>new</em>" }) }}
        """
        let html = try environment.render(source: source, path: "test.njk", context: TemplateObject())
        #expect(html.contains("a &lt;b&gt; &amp; c"))
        #expect(html.contains(#"<strong class="govuk-tag"><em>new</em></strong>"#))
    }

    @Test(arguments: [
        (TemplateObject(), #"<span class="govuk-header__logotype">GOV.UK</span>"#),
        (TemplateObject([("organisationName", .string("Department for Education"))]), #"<span class="govuk-header__logotype">Department for Education</span>"#),
        (TemplateObject([("logotype", Self.object([("text", .string("HMPPS & co"))]))]), #"<span class="govuk-header__logotype">HMPPS &amp; co</span>"#),
        (TemplateObject([("organisationLogo", .bool(false))]), ""),
    ])
    func headerLogotypeFollowsTheOptions(header: TemplateObject, expected: String) throws {
        let context = TemplateObject([("title", .string("Page")), ("content", .safe("")),
                                      ("options", Self.object([("header", .object(header))]))])
        let html = try Self.environment().render(templateNamed: "layouts/base.njk", context: context)
        if expected.isEmpty {
            #expect(!html.contains("govuk-header__logotype"))
        } else {
            #expect(html.contains(expected))
        }
    }
}
