import Foundation
import Journeys

/// Builds a design history into a static site: load, render, check, write.
///
/// A one-shot front to `SiteSession`, which the preview server keeps to rebuild incrementally.
public struct SiteBuilder: Sendable {
    public var configuration: SiteConfiguration
    public var journeys: JourneyCatalog

    public init(configuration: SiteConfiguration, journeys: JourneyCatalog = JourneyCatalog()) {
        self.configuration = configuration
        self.journeys = journeys
    }

    /// Build the site. With `write: false` every check runs but nothing is written.
    public func build(write: Bool = true) -> BuildReport {
        SiteSession(configuration: configuration, journeys: journeys, incremental: false).build(write: write)
    }

    /// A session for building again and again (the preview server's incremental rebuilds).
    public func session() -> SiteSession {
        SiteSession(configuration: configuration, journeys: journeys)
    }

    /// Eleventy's default permalink of an input path (relative to the input folder).
    static func outputPath(forInput relative: String) -> String {
        EleventyPath(relative).defaultOutputPath()
    }
}
