import ArgumentParser
import DesignHistoryJourneys
import Foundation
import Preview
import Site

/// `design-history serve`: build the site, serve it, rebuild on every change and reload the
/// browser tabs that show it.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build and serve the site, rebuilding and reloading the browser on every change."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on; anything but loopback exposes the preview to the network.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0 picks a free one).") var port = 8080
    @Option(help: "Serve the site below this path (default: the configuration's pathPrefix option, else /).") var pathPrefix: String?
    @Flag(help: "Open the site in the default browser.") var open = false
    @Flag(help: "Poll for changes instead of using the operating system's file notifications.") var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var configuration = try site.configuration()
        // Without --output the preview builds into a scratch folder in memory (see PreviewOutput).
        let scratch = site.output == nil ? PreviewOutput.scratchFolder() : nil
        if let scratch { configuration.output = scratch.path }
        let (config, input, output) = (site.config, site.input, scratch?.path ?? site.output)
        let configFile = Self.configurationFile(config)
        let rebuilder = SessionRebuild(configurationFile: configFile) {
            let configuration = try Self.loadConfiguration(config: config, input: input, output: output)
            return SiteBuilder(configuration: configuration, journeys: DesignHistoryJourneys.catalog).session()
        }
        let models = configuration.root.appendingPathComponent("Sources/DesignHistoryJourneys")
        let stale = Bundle.main.executableURL.map { StaleModelsCheck(sources: models, executable: $0) }

        var options = PreviewSession.Options()
        options.host = host
        options.port = UInt16(port)
        options.pathPrefix = pathPrefix ?? configuration.pathPrefix
        options.pathPrefixFollowsConfiguration = pathPrefix == nil
        options.polling = poll
        let session = PreviewSession(
            output: configuration.outputURL,
            watch: Self.watchList(for: configuration, configFile: configFile, models: models),
            rebuilder: rebuilder, options: options, staleModels: stale,
            log: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        )
        let url: URL
        do { url = try await session.start() } catch {
            FileHandle.standardError.write(Data("error: cannot serve on \(host):\(port): \(error.localizedDescription)\n".utf8))
            await session.stop()
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
            throw ExitCode(1)
        }
        let builtIn = scratch.map { " from \($0.path)" } ?? ""
        FileHandle.standardOutput.write(Data("Serving \(url.absoluteString)\(builtIn) (watching for changes; Ctrl-C to stop)\n".utf8))
        if open { Self.openBrowser(url) }
        await Self.waitForInterrupt()
        await session.stop()
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        throw ExitCode.success
    }

    /// The configuration file, if one is used: `--config`, else `design-history.yml` if present.
    static func configurationFile(_ config: String?) -> URL? {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let config { return URL(fileURLWithPath: config, relativeTo: cwd).standardizedFileURL }
        let file = cwd.appendingPathComponent("design-history.yml")
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// `SiteOptions.configuration()` for rebuilds: the error is thrown for the browser to show,
    /// not printed and turned into an exit code.
    static func loadConfiguration(config: String?, input: String?, output: String?) throws -> SiteConfiguration {
        var configuration = try configurationFile(config).map { try SiteConfiguration.load(from: $0) }
            ?? SiteConfiguration(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // As in SiteOptions: folders given on the command line are relative to the working folder.
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let input { configuration.input = URL(fileURLWithPath: input, relativeTo: cwd).standardizedFileURL.path }
        if let output { configuration.output = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL.path }
        return configuration
    }

    /// Input (with layouts, includes and data wherever they are), passthrough sources, the
    /// configuration file and the journey model sources; never the output.
    static func watchList(for configuration: SiteConfiguration, configFile: URL?, models: URL) -> WatchList {
        let input = configuration.inputURL
        var folders = [input]
        folders += [configuration.layoutsURL, configuration.includesURL, configuration.dataURL]
        for (from, _) in configuration.passthrough {
            folders.append(configuration.root.appendingPathComponent(from).standardizedFileURL)
        }
        folders.append(models)
        var unique: [URL] = []
        for folder in folders where FileManager.default.fileExists(atPath: folder.path) {
            // Skip folders already inside another watched folder.
            if folders.contains(where: { $0 != folder && folder.path.hasPrefix($0.path + "/") }) { continue }
            if !unique.contains(folder) { unique.append(folder) }
        }
        return WatchList(folders: unique, files: configFile.map { [$0] } ?? [], ignored: [configuration.outputURL])
    }

    /// Until Ctrl-C or a termination signal, so the scratch folder can be removed on the way out.
    static func waitForInterrupt() async {
        let numbers = [SIGINT, SIGTERM]
        for number in numbers { signal(number, SIG_IGN) }
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = numbers.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        for source in sources { source.cancel() }
    }

    static func openBrowser(_ url: URL) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        process.arguments = [url.absoluteString]
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url.absoluteString]
        #endif
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("note: cannot open a browser (\(error.localizedDescription)); open \(url.absoluteString) yourself\n".utf8))
        }
    }
}


