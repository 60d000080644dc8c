import Foundation
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

// The points where the site calls into journey support:
//
// - `journeyCatalogDiagnostics(catalog:)` once per build (the model checks M1–M7);
// - `journeyDiagnostics(for:catalog:)` for each page (D1–D9);
// - `journeyPageData(for:catalog:)` for each page, as its `journey` data;
// - `journeyGlobalData(catalog:pages:)` once, as the global `journeys` data.
//
// `journeyDiagnostics` and `journeyPageData` run the same check; a caller that wants both can call
// `journeyPage(for:catalog:)` once and pass its `check` to `journeyPageData(check:)`. Missing
// screenshot files are left to the site's own check (D2 checks which screen a screenshot shows).

/// The journey check of one page (parse its references once, then read diagnostics and data from it).
func journeyPage(for page: JourneyPageInput, catalog: JourneyCatalog) -> PageCheck {
    PageCheck(page: page.journeyPage(checkingFiles: false), catalog: catalog)
}

/// After loading, before rendering: data added to the page as `journey` (diagram, coverage, paths),
/// or nil for a page that names no journey.
func journeyPageData(for page: JourneyPageInput, catalog: JourneyCatalog) -> TemplateValue? {
    journeyPageData(check: journeyPage(for: page, catalog: catalog))
}

/// The `journey` data of a page already checked.
func journeyPageData(check: PageCheck) -> TemplateValue? {
    guard let journey = check.journey else { return nil }
    return JourneyTemplateData.page(journey: journey, check: check)
}

/// Global data `journeys`: every journey with its diagram and the pages that document it, for the
/// journey index page.
func journeyGlobalData(catalog: JourneyCatalog, pages: [JourneyPageInput]) -> TemplateValue {
    let checks = pages.map { journeyPage(for: $0, catalog: catalog) }
    return JourneyTemplateData.global(catalog: catalog, pages: zip(pages, checks).map { ($0.url, $0.data["title"]?.stringValue ?? $0.url, $1) })
}

/// The journey checks of one page (D1–D9): a page that names no journey is not checked.
func journeyDiagnostics(for page: JourneyPageInput, catalog: JourneyCatalog) -> [Diagnostic] {
    journeyPage(for: page, catalog: catalog).problems.map(Diagnostic.init(problem:))
}

/// The model checks (M1–M7) of every journey in the catalog, pointing at the models' Swift source.
public func journeyCatalogDiagnostics(catalog: JourneyCatalog) -> [Diagnostic] {
    catalog.journeys.flatMap { $0.check() }.map(Diagnostic.init(problem:))
}

extension Diagnostic {
    /// A journey check's problem as a build diagnostic (paths under the working folder made relative).
    init(problem: JourneyProblem) {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let file = problem.location.file.hasPrefix(cwd) ? String(problem.location.file.dropFirst(cwd.count)) : problem.location.file
        self.init(problem.severity == .error ? .error : .warning, path: file, line: problem.location.line, column: problem.location.column, message: problem.message, id: problem.id)
    }
}

extension JourneyPageInput {
    /// The page as the journey checks see it: its `journey:` key, its screenshots, its body. The site
    /// reports missing screenshot files of every page itself, so in a build D2 leaves files alone.
    func journeyPage(checkingFiles: Bool) -> JourneyPage {
        func location(_ key: String, fallback: SourceLocation? = nil) -> SourceLocation {
            if let p = positions[key] { return SourceLocation(file: path, line: p.line, column: p.column) }
            return fallback ?? SourceLocation(file: path, line: 1, column: 1)
        }
        var reference: JourneyReference?
        switch data["journey"] {
        case .string(let id)?:
            reference = JourneyReference(id: id, location: location("journey"))
        case .object(let object)?:
            let version = object["version"].flatMap { value -> Int? in
                if case .number(let n) = value, n == n.rounded(), abs(n) < 1e9 { return Int(n) }
                return Int(value.stringValue)
            }
            reference = JourneyReference(id: object["id"]?.stringValue ?? "", version: version, location: location("journey.id", fallback: location("journey")))
        case nil, .null?, .undefined?:
            reference = nil
        case let other?:
            // A value that is not an id still names a journey: D1 reports it rather than skip the page.
            reference = JourneyReference(id: other.stringValue, location: location("journey"))
        }
        var screenshots: [ScreenshotReference] = []
        if case .array(let items)? = data["screenshots"].map({ $0[member: "items"] }) {
            for (i, item) in items.enumerated() {
                guard case .object(let object) = item else { continue }
                let key = "screenshots.items.\(i)"
                var screen: String?
                var isScreen = true
                switch object["screen"] {
                case .bool(false)?: isScreen = false
                case .string(let id)?: screen = id
                default: break
                }
                screenshots.append(ScreenshotReference(
                    src: object["src"]?.stringValue ?? "",
                    screen: screen,
                    isScreen: isScreen,
                    errorState: object["state"]?.stringValue == "error",
                    from: object["from"].map(\.stringValue),
                    location: location("\(key).src", fallback: location(key)),
                    screenLocation: positions["\(key).screen"].map { _ in location("\(key).screen") },
                    fromLocation: positions["\(key).from"].map { _ in location("\(key).from") }))
            }
        }
        return JourneyPage(path: path, reference: reference, screenshots: screenshots, body: body, bodyLine: bodyLine, url: url, siteHasFile: checkingFiles ? siteHasFile : nil)
    }
}
