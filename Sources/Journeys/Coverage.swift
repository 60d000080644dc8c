/// How much of a journey a page documents, "k of n" as Spin reports what it did not reach.
public struct Coverage: Sendable, Hashable {
    public var screens: Int
    public var totalScreens: Int
    public var outcomes: Int
    public var totalOutcomes: Int
    public var routes: Int
    public var totalRoutes: Int

    public init(screens: Int, totalScreens: Int, outcomes: Int, totalOutcomes: Int, routes: Int, totalRoutes: Int) {
        self.screens = screens
        self.totalScreens = totalScreens
        self.outcomes = outcomes
        self.totalOutcomes = totalOutcomes
        self.routes = routes
        self.totalRoutes = totalRoutes
    }

    /// "screens 11 of 13, outcomes 2 of 2, routes 9 of 20".
    public var summary: String {
        "screens \(screens) of \(totalScreens), outcomes \(outcomes) of \(totalOutcomes), routes \(routes) of \(totalRoutes)"
    }
}
