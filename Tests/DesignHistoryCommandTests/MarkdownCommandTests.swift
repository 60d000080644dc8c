import Foundation
import Testing

/// The `markdown` subcommand, run as the built binary.
@Suite struct MarkdownCommandTests {
    @Test func commonMarkProfileIsTheBareSpec() throws {
        let result = try CommandRunner.run(["markdown", "--profile", "commonmark"], input: "Hello \"world\" -- ok\nnext\n\n    code\n")
        #expect(result.status == 0)
        #expect(result.stdout == "<p>Hello &quot;world&quot; -- ok\nnext</p>\n<pre><code>code\n</code></pre>\n")
    }

    @Test func markdownItProfileHasThePluginOptions() throws {
        let result = try CommandRunner.run(["markdown", "--profile", "markdown-it"], input: "Hello \"world\" -- ok\nnext\n")
        #expect(result.stdout == "<p>Hello “world” – ok<br>\nnext</p>\n")
    }

    @Test func govukIsTheDefaultProfile() throws {
        let result = try CommandRunner.run(["markdown"], input: "## Title\n\nText with [a link](/x).\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("<h2 class=\"govuk-heading-l\" id=\"title\">Title</h2>"))
        #expect(result.stdout.contains("<p class=\"govuk-body\">Text with <a class=\"govuk-link\" href=\"/x\">a link</a>.</p>"))
    }

    @Test func optionsAdjustTheProfile() throws {
        let result = try CommandRunner.run(
            ["markdown", "--profile", "markdown-it", "--option", "breaks=false", "--option", "typographer=false", "--option", "xhtmlOut=true"],
            input: "a \"b\"\nc  \nd\n")
        #expect(result.stdout == "<p>a &quot;b&quot;\nc<br />\nd</p>\n")
    }

    @Test func extensionsReplaceTheProfileSet() throws {
        let input = "| a |\n| - |\n| b |\n\n~~gone~~\n"
        let none = try CommandRunner.run(["markdown", "--profile", "markdown-it", "--extensions", ""], input: input)
        #expect(!none.stdout.contains("<table>"))
        #expect(!none.stdout.contains("<s>"))
        let some = try CommandRunner.run(["markdown", "--profile", "commonmark", "--extensions", "tables,strikethrough"], input: input)
        #expect(some.stdout.contains("<table>"))
        #expect(some.stdout.contains("<s>gone</s>"))
    }

    @Test func readsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("markdown-command-\(UUID().uuidString).md")
        try Data("*hi*\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CommandRunner.run(["markdown", "--profile", "commonmark", url.path])
        #expect(result.stdout == "<p><em>hi</em></p>\n")
    }

    @Test func badOptionsAreReportedClearly() throws {
        let unknown = try CommandRunner.run(["markdown", "--option", "nope=true"], input: "x")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("error: unknown option 'nope'"))
        let value = try CommandRunner.run(["markdown", "--option", "breaks=maybe"], input: "x")
        #expect(value.stderr.contains("error: option 'breaks' needs true or false"))
        let ext = try CommandRunner.run(["markdown", "--extensions", "tables,wiki"], input: "x")
        #expect(ext.stderr.contains("error: unknown extension 'wiki'"))
        let missing = try CommandRunner.run(["markdown", "/nonexistent/file.md"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/file.md:1:1: error: cannot read the file"))
    }

    @Test func inlineModeHasNoParagraph() throws {
        let result = try CommandRunner.run(["markdown", "--profile", "commonmark", "--inline"], input: "*a* b")
        #expect(result.stdout == "<em>a</em> b")
    }
}
