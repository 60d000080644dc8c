import Foundation
import Templates
import Site

/// The page the preview serves instead of the site's pages while the build fails: every
/// diagnostic as `path:line:column: error: message`, and the live-reload script, so the tab
/// recovers by itself once the file is fixed.
enum ErrorPage {
    static func html(diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        var items = ""
        for diagnostic in errors + warnings {
            items += "<li class=\"\(diagnostic.severity.rawValue)\"><code>\(escape("\(diagnostic.path):\(diagnostic.line):\(diagnostic.column)"))</code>"
            items += " <strong>\(escape(diagnostic.id.map { "\(diagnostic.severity.rawValue)[\($0)]" } ?? diagnostic.severity.rawValue))</strong>: "
            items += "\(escape(diagnostic.message))</li>\n"
        }
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Build failed: \(count) – design-history preview</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #0b0c0c; }
        h1 { font-size: 1.5rem; border-left: 6px solid #d4351c; padding-left: 0.75rem; }
        ol { padding-left: 1.25rem; }
        li { margin: 0.75rem 0; font-family: ui-monospace, monospace; white-space: pre-wrap; }
        li.error strong { color: #d4351c; }
        li.warning strong { color: #a55b00; }
        </style>
        </head>
        <body>
        <main>
        <h1>The site did not build: \(count)</h1>
        <p>Fix the file and save it; this page reloads by itself.</p>
        <ol>
        \(items)</ol>
        </main>
        </body>
        </html>

        """
    }

    /// Text for the page, escaped as the template engine escapes it.
    static func escape(_ text: String) -> String {
        TemplateValue.escapeHTML(text)
    }
}
