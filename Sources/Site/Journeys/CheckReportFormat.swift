import Foundation
import Templates

/// How `design-history check` writes its diagnostics: for people, for scripts, for GitHub Actions
/// annotations, and for CI systems that read JUnit XML.
public enum CheckReportFormat: String, Sendable, CaseIterable {
    case human, json, github, junit

    /// The whole report as text. `color` adds ANSI colours to the human format only.
    public func render(_ diagnostics: [Diagnostic], files: [String] = [], color: Bool = false) -> String {
        switch self {
        case .human: Self.human(diagnostics, color: color)
        case .json: Self.json(diagnostics)
        case .github: Self.github(diagnostics)
        case .junit: Self.junit(diagnostics, files: files)
        }
    }

    static func counts(_ diagnostics: [Diagnostic]) -> (errors: Int, warnings: Int) {
        (diagnostics.count { $0.severity == .error }, diagnostics.count { $0.severity == .warning })
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func human(_ diagnostics: [Diagnostic], color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        for d in diagnostics {
            let label = d.id.map { "\(d.severity.rawValue)[\($0)]" } ?? d.severity.rawValue
            out += paint("\(d.path):\(d.line):\(d.column):", "1") + " " + paint(label + ":", d.severity == .error ? "1;31" : "1;33") + " " + d.message + "\n"
        }
        let (errors, warnings) = counts(diagnostics)
        let summary = "\(plural(errors, "error")), \(plural(warnings, "warning"))"
        out += errors > 0 ? paint("check failed: " + summary, "1;31") : paint("check passed: " + summary, "1;32")
        return out + "\n"
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        // A JSON string literal, written by the template engine's JSON writer.
        func string(_ s: String) -> String { TemplateValue.string(s).json() ?? "\"\"" }
        let (errors, warnings) = counts(diagnostics)
        let items = diagnostics.map { d in
            "    {\"severity\": \(string(d.severity.rawValue)), \"id\": \(d.id.map(string) ?? "null"), \"path\": \(string(d.path)), \"line\": \(d.line), \"column\": \(d.column), \"message\": \(string(d.message))}"
        }
        return "{\n  \"errors\": \(errors),\n  \"warnings\": \(warnings),\n  \"diagnostics\": [\n\(items.joined(separator: ",\n"))\(items.isEmpty ? "" : "\n")  ]\n}\n"
    }

    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=D3::message`.
    static func github(_ diagnostics: [Diagnostic]) -> String {
        func data(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ s: String) -> String { data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        return diagnostics.map { d in
            let title = d.id.map { ",title=\(property($0))" } ?? ""
            return "::\(d.severity == .error ? "error" : "warning") file=\(property(d.path)),line=\(d.line),col=\(d.column)\(title)::\(data(d.message))\n"
        }.joined()
    }

    /// JUnit XML: one test case per checked file, failing with its errors; warnings go to system-out.
    static func junit(_ diagnostics: [Diagnostic], files: [String]) -> String {
        func xml(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var names = files
        for d in diagnostics where !names.contains(d.path) { names.append(d.path) }
        let failing = Set(diagnostics.filter { $0.severity == .error }.map(\.path))
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"design-history check\" tests=\"\(names.count)\" failures=\"\(failing.count)\">\n"
        out += "  <testsuite name=\"design-history check\" tests=\"\(names.count)\" failures=\"\(failing.count)\" errors=\"0\">\n"
        for name in names {
            let mine = diagnostics.filter { $0.path == name }
            out += "    <testcase classname=\"design-history.check\" name=\"\(xml(name))\""
            if mine.isEmpty { out += "/>\n"; continue }
            out += ">\n"
            for d in mine where d.severity == .error {
                out += "      <failure type=\"\(xml(d.id ?? "error"))\" message=\"\(xml(d.message))\">\(xml(d.description))</failure>\n"
            }
            let warnings = mine.filter { $0.severity == .warning }
            if !warnings.isEmpty { out += "      <system-out>\(xml(warnings.map(\.description).joined(separator: "\n")))</system-out>\n" }
            out += "    </testcase>\n"
        }
        return out + "  </testsuite>\n</testsuites>\n"
    }
}
