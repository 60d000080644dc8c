import Journeys
import Templates

/// What the site knows of one page that the journey checks need: its data with source positions,
/// its Markdown body, and a way to ask whether a file the page refers to will exist.
struct JourneyPageInput: Sendable {
    /// The page's path as diagnostics show it.
    var path: String
    /// The page's merged data (front matter over the data cascade).
    var data: TemplateObject
    /// Where front matter values are, by dotted key path (`screenshots.items.0.src`).
    var positions: [String: SourcePosition]
    /// The Markdown body, and the file line it starts on.
    var body: String
    var bodyLine: Int
    /// The page's URL (`/section/post/`), against which relative screenshot paths resolve.
    var url: String
    /// Whether the built site will have a file at this site path (`/section/post/x.png`).
    var siteHasFile: @Sendable (String) -> Bool
}

/// The journey checks of one page (D1–D9): a page that names no journey is not checked.
///
/// Walking skeleton: no page is checked until the journeys module's post checks land.
func journeyDiagnostics(for page: JourneyPageInput, catalog: JourneyCatalog) -> [Diagnostic] {
    []
}
