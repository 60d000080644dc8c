import Foundation
import Templates

/// One output of a template: a template writes one page, or one per pagination chunk.
struct Page: Sendable {
    /// Index of its template in the session's templates.
    var template: Int
    /// The data the page renders with: the cascade, computed data, `page`, `pagination`.
    var data: TemplateObject
    /// Relative to the output folder; nil with `permalink: false`.
    var outputPath: String?
    /// `page.url`; nil with `permalink: false`.
    var url: String?
    var date: Date
    var pageNumber: Int
    var tags: [String]
    var inCollections: Bool
    /// Where the permalink came from, for the "two pages write one file" error.
    var displayPath: String
    var inputPath: String
    var isVirtual: Bool
}
