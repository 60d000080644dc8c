/// The journey models a site is checked against, handed to the site by whoever builds it.
///
/// A catalog may hold several versions of one journey, so an older post can pin the version it documents.
public struct JourneyCatalog: Sendable {
    public let journeys: [Journey]

    public init(_ journeys: [Journey] = []) {
        self.journeys = journeys
    }

    /// The latest version of the journey with this id.
    public subscript(id: String) -> Journey? {
        journeys.filter { $0.id == id }.max { $0.version < $1.version }
    }

    /// One version of a journey.
    public subscript(id: String, version version: Int) -> Journey? {
        journeys.first { $0.id == id && $0.version == version }
    }

    /// The latest version of each journey, in catalog order.
    public var latest: [Journey] {
        var seen: Set<String> = []
        return journeys.compactMap { journey in
            guard seen.insert(journey.id).inserted else { return nil }
            return self[journey.id]
        }
    }
}
