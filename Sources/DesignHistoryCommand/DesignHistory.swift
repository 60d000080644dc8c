import ArgumentParser

/// `design-history`: build, check and preview a design history.
@main
struct DesignHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design-history",
        abstract: "Build, check and preview a GOV.UK design history.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, JourneysCommand.self, MarkdownCommand.self]
    )
}
