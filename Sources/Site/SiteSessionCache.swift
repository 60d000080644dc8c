import Foundation
import Templates

/// What the last successful build worked out that a rebuild changing only templates' own text can
/// take as it was: the global and directory data, the layouts, the copies, and for every template
/// its cascade's diagnostics and layout, its pages before navigation, what each page's checks
/// found and each page's collection item (and when no page shows anything new, the navigation).
///
/// Why: a save in the preview changes one post. Loading data, expanding 500 templates' pages and
/// checking 500 pages' links again took most of a rebuild; none of it can differ for templates
/// whose file did not change while no data file, layout, include or configuration did. A rebuild
/// that changes anything else, or adds or removes a template, does everything and records anew.
struct SiteSessionCache {
    /// Whether the rest holds a successful build's results.
    var valid = false
    /// Every template's file path, in the order of the build's templates.
    var templateKeys: [String] = []
    var globalData = TemplateObject()
    var globalDiagnostics: [Diagnostic] = []
    var directoryData: [String: TemplateObject] = [:]
    var directoryDiagnostics: [Diagnostic] = []
    /// By template index: the cascade's diagnostics (template data files) and the layout it names.
    var cascadeDiagnostics: [[Diagnostic]] = []
    var layoutNames: [String?] = []
    /// The layouts loaded and parsed for those names, and what loading and parsing reported.
    var layoutNameSet: Set<String> = []
    var layouts: [String: LayoutFile] = [:]
    var parsedLayouts: [String: Template] = [:]
    var layoutDiagnostics: [Diagnostic] = []
    /// By template index: whether it paginates collections, and its pages and diagnostics from
    /// expansion (before conflicts are resolved and navigation is added).
    var deferred: Set<Int> = []
    var expansions: [(pages: [Page], diagnostics: [Diagnostic])] = []
    var copies: [SiteSession.CopyJob] = []
    var copyDiagnostics: [Diagnostic] = []
    /// Every copy's source path, to tell whether a changed template is also copied.
    var copySources: Set<String> = []
    /// Every file the site had, which the checks resolve links against.
    var siteFiles: Set<String> = []
    /// By page key (`inputPath#pageNumber`): what the page's checks found (journeys apart), and
    /// its collection item with its rendered content.
    var checks: [String: [Diagnostic]] = [:]
    var items: [String: TemplateValue] = [:]
    /// Every file a rendered page read besides its template (layouts, includes), from the pages'
    /// dependencies: a changed template among them is also an include or a layout, so such a
    /// rebuild does everything.
    var dependencyFiles: Set<String> = []
    /// What the navigation reported (parents that are no page's key).
    var navigationDiagnostics: [Diagnostic] = []
}
