/// What a build did: counts for the summary line, and every diagnostic.
public struct BuildReport: Sendable {
    public var pages: Int = 0
    public var filesCopied: Int = 0
    public var diagnostics: [Diagnostic] = []
    public var seconds: Double = 0

    public init() {}

    public var warnings: Int { diagnostics.count { $0.severity == .warning } }
    public var errors: Int { diagnostics.count { $0.severity == .error } }

    /// The one summary line `build` prints.
    public var summary: String {
        let time = String(format: "%.2f", seconds)
        return "\(pages) pages, \(filesCopied) files copied, \(warnings) warnings, \(errors) errors in \(time)s"
    }
}

import Foundation
