import ArgumentParser
import Foundation
import Markdown

/// `design-history markdown`: render Markdown from a file or standard input to HTML.
///
/// A profile sets everything at once; `--option` and `--extensions` adjust it, with markdown-it's
/// names, so a test written for markdown-it with given options runs here with the same ones.
struct MarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Render Markdown to HTML on standard output.",
        discussion: """
        Options (--option NAME=VALUE, repeatable): \(MarkdownOptions.optionNames.joined(separator: ", ")).
        Extensions (--extensions a,b,c replaces the profile's set): \(MarkdownExtension.allCases.map(\.rawValue).joined(separator: ", ")).
        """
    )

    @Option(help: "commonmark, markdown-it or govuk.") var profile: String = "govuk"
    @Option(name: .customLong("option"), help: "NAME=VALUE, e.g. breaks=false (repeatable).") var options: [String] = []
    @Option(help: "Comma-separated extensions, replacing the profile's (empty for none).") var extensions: String?
    @Flag(help: "Render inline only, without paragraphs (markdown-it renderInline).") var inline = false
    @Argument(help: "The Markdown file (default: standard input).") var file: String?

    func run() throws {
        var settings: MarkdownOptions
        do {
            settings = try MarkdownOptions.profile(named: profile)
            if let extensions { try settings.setExtensions(extensions) }
            for option in options {
                guard let equals = option.firstIndex(of: "=") else {
                    throw MarkdownOptionError(message: "option '\(option)' needs the form NAME=VALUE")
                }
                try settings.setOption(String(option[..<equals]), to: String(option[option.index(after: equals)...]))
            }
        } catch {
            FileHandle.standardError.write(Data("design-history: error: \(error)\n".utf8))
            throw ExitCode(64)
        }
        let data: Data
        if let file {
            guard let contents = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("\(file):1:1: error: cannot read the file\n".utf8))
                throw ExitCode(66)
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let text = String(decoding: data, as: UTF8.self)
        let html = inline ? MarkdownDocument.inlineHTML(text, options: settings) : MarkdownDocument.html(text, options: settings)
        FileHandle.standardOutput.write(Data(html.utf8))
    }
}
