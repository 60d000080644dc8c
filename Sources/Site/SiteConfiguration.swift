import Foundation
import Yams

/// What a design history sets: folders, passthrough copies and options.
///
/// Read from an optional `design-history.yml`; without one the defaults build this repository:
/// `Content/` to `Site/`, with `Assets/` copied to the site root.
public struct SiteConfiguration: Sendable {
    /// The folder the configuration's relative paths are read from.
    public var root: URL
    public var input: String = "Content"
    public var output: String = "Site"
    /// Relative to the input folder, as Eleventy's `dir.layouts`.
    public var layouts: String = "_layouts"
    /// Relative to the input folder, as Eleventy's `dir.includes`.
    public var includes: String = "_includes"
    /// Relative to the input folder, as Eleventy's `dir.data`.
    public var data: String = "_data"
    /// Source folder (relative to root) to target folder (relative to the output).
    public var passthrough: [(from: String, to: String)] = [("Assets", ".")]

    public init(root: URL) {
        self.root = root
    }

    public var inputURL: URL { root.appendingPathComponent(input).standardizedFileURL }
    public var outputURL: URL { root.appendingPathComponent(output).standardizedFileURL }

    /// Read a configuration file; its folder is the root.
    public static func load(from file: URL) throws(ConfigurationError) -> SiteConfiguration {
        var configuration = SiteConfiguration(root: file.deletingLastPathComponent())
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw ConfigurationError(path: file.path, line: 1, column: 1, message: "cannot read the configuration: \(error.localizedDescription)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ConfigurationError(path: file.path, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        guard let mapping = node?.mapping else { return configuration }
        for (key, value) in mapping {
            switch key.string {
            case "input": configuration.input = value.string ?? configuration.input
            case "output": configuration.output = value.string ?? configuration.output
            case "layouts": configuration.layouts = value.string ?? configuration.layouts
            case "includes": configuration.includes = value.string ?? configuration.includes
            case "data": configuration.data = value.string ?? configuration.data
            case "passthrough":
                configuration.passthrough = (value.mapping ?? [:]).compactMap { from, to in
                    guard let from = from.string, let to = to.string else { return nil }
                    return (from, to)
                }
            default:
                throw ConfigurationError(path: file.path, line: key.mark.map { $0.line } ?? 1, column: key.mark.map { $0.column } ?? 1, message: "unknown key '\(key.string ?? "")'")
            }
        }
        return configuration
    }
}

/// A configuration file that cannot be used, with where.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
