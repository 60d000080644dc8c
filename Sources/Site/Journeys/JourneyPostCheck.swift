import Journeys
import Templates

/// One post checked against journey models on its own, from its text: for tests of models against
/// posts, and for tools that check a single file without building the site.
public enum JourneyPostCheck {
    /// Front matter diagnostics and journey diagnostics (D1–D9) of a post.
    ///
    /// - Parameters:
    ///   - url: the page's URL, against which relative screenshot paths resolve.
    ///   - siteHasFile: whether the site will have a file at a site path; by default every file exists.
    public static func diagnostics(text: String, path: String, url: String = "/", catalog: JourneyCatalog, siteHasFile: @escaping @Sendable (String) -> Bool = { _ in true }) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let input = page(text: text, path: path, url: url, siteHasFile: siteHasFile, diagnostics: &diagnostics)
        return diagnostics + PageCheck(page: input.journeyPage(checkingFiles: true), catalog: catalog).problems.map(Diagnostic.init(problem:))
    }

    /// The `journey` data the post's page gets, or nil if it names no journey.
    public static func pageData(text: String, path: String, url: String = "/", catalog: JourneyCatalog) -> TemplateValue? {
        var diagnostics: [Diagnostic] = []
        return journeyPageData(for: page(text: text, path: path, url: url, siteHasFile: { _ in true }, diagnostics: &diagnostics), catalog: catalog)
    }

    static func page(text: String, path: String, url: String, siteHasFile: @escaping @Sendable (String) -> Bool, diagnostics: inout [Diagnostic]) -> JourneyPageInput {
        let frontMatter = FrontMatter(text: text, path: path, diagnostics: &diagnostics)
        return JourneyPageInput(path: path, data: frontMatter.data, positions: frontMatter.positions, body: frontMatter.body, bodyLine: frontMatter.bodyLine, url: url, siteHasFile: siteHasFile)
    }
}
