/// A user journey as an executable flow model: screens, the routes between them, and outcomes.
///
/// Walking skeleton: a journey is a named list of screens until the DSL and checks land.
public struct Journey: Sendable, Identifiable {
    public let id: String
    public let title: String
    public let screens: [Screen]

    public init(_ id: String, title: String, screens: [Screen] = []) {
        self.id = id
        self.title = title
        self.screens = screens
    }
}

/// A screen of a journey: an id, a title, and the copy the service shows.
public struct Screen: Sendable, Hashable {
    public let id: String
    public let title: String

    public init(_ id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// The journey models a site is checked against, handed to the site by whoever builds it.
public struct JourneyCatalog: Sendable {
    public let journeys: [Journey]

    public init(_ journeys: [Journey] = []) {
        self.journeys = journeys
    }

    public subscript(id: String) -> Journey? {
        journeys.first { $0.id == id }
    }
}
