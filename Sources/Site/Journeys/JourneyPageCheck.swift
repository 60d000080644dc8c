import Journeys
import Templates

/// What the site knows of one page that the journey support needs: its data with source positions,
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

// The three points where the site calls into journey support. The site module calls them; the
// journeys work fills them in. Walking skeleton: no page names a journey yet.

/// After loading, before rendering: data added to the page as `journey` (diagram, coverage, paths),
/// or nil for a page that names no journey.
func journeyPageData(for page: JourneyPageInput, catalog: JourneyCatalog) -> TemplateValue? {
    nil
}

/// Global data `journeys`: every journey with its diagram and the pages that document it, for the
/// journey index page.
func journeyGlobalData(catalog: JourneyCatalog, pages: [JourneyPageInput]) -> TemplateValue {
    .array([])
}

/// The journey checks of one page (D1–D9): a page that names no journey is not checked.
func journeyDiagnostics(for page: JourneyPageInput, catalog: JourneyCatalog) -> [Diagnostic] {
    []
}
