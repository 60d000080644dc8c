import ArgumentParser
import Foundation
import Markdown

/// `design-history markdown`: render Markdown from a file or standard input to HTML.
struct MarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "markdown", abstract: "Render Markdown to HTML on standard output.")

    enum Profile: String, ExpressibleByArgument, CaseIterable { case commonmark, markdownIt = "markdown-it", govuk }

    @Option(help: "commonmark, markdown-it or govuk.") var profile: Profile = .govuk
    @Argument(help: "The Markdown file (default: standard input).") var file: String?

    func run() throws {
        let data = try file.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readDataToEndOfFile()
        let options: MarkdownOptions = switch profile {
        case .commonmark: .commonMark
        case .markdownIt: .markdownIt
        case .govuk: .govuk
        }
        FileHandle.standardOutput.write(Data(MarkdownDocument.html(String(decoding: data, as: UTF8.self), options: options).utf8))
    }
}
