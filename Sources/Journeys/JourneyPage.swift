/// What a post says about a journey, gathered by the site from its front matter and body: the input
/// of the post checks (D1–D9). A page with no `reference` names no journey and is not checked.
public struct JourneyPage: Sendable {
    /// The page's file as diagnostics show it.
    public var path: String
    /// The `journey:` front matter key, if any.
    public var reference: JourneyReference?
    /// The `screenshots.items` of the front matter, in order.
    public var screenshots: [ScreenshotReference]
    /// The Markdown body and the file line it starts on.
    public var body: String
    public var bodyLine: Int
    /// The page's URL (`/section/post/`), against which relative screenshot paths resolve.
    public var url: String
    /// Whether the built site will have a file at this site path; nil when the caller checks
    /// screenshot files itself (the site does, for every page), so D2 checks only the screens.
    public var siteHasFile: (@Sendable (String) -> Bool)?

    public init(path: String, reference: JourneyReference?, screenshots: [ScreenshotReference] = [], body: String = "", bodyLine: Int = 1, url: String = "/", siteHasFile: (@Sendable (String) -> Bool)? = nil) {
        self.path = path
        self.reference = reference
        self.screenshots = screenshots
        self.body = body
        self.bodyLine = bodyLine
        self.url = url
        self.siteHasFile = siteHasFile
    }
}

/// `journey: dfe-sign-in`, or `journey: {id: dfe-sign-in, version: 1}` to pin a version.
public struct JourneyReference: Sendable, Hashable {
    public var id: String
    public var version: Int?
    public var location: SourceLocation

    public init(id: String, version: Int? = nil, location: SourceLocation) {
        self.id = id
        self.version = version
        self.location = location
    }
}

/// One screenshot item: its file, and the screen it shows if the item names it (`screen:`), else the
/// file-name convention `<journey>--<screen>[-error].png` applies.
public struct ScreenshotReference: Sendable, Hashable {
    public var src: String
    /// `screen: <id>`; nil to use the file-name convention.
    public var screen: String?
    /// `screen: false`: the image is not of a screen (a diagram, a photo), so it is not checked.
    public var isScreen: Bool
    /// `state: error` (or the `-error` file-name suffix): the screen shown with its error messages.
    public var errorState: Bool
    /// `from: <id>`: the step this screenshot follows, for galleries that jump between branches.
    public var from: String?
    public var location: SourceLocation
    public var screenLocation: SourceLocation?
    public var fromLocation: SourceLocation?

    public init(src: String, screen: String? = nil, isScreen: Bool = true, errorState: Bool = false, from: String? = nil, location: SourceLocation, screenLocation: SourceLocation? = nil, fromLocation: SourceLocation? = nil) {
        self.src = src
        self.screen = screen
        self.isScreen = isScreen
        self.errorState = errorState
        self.from = from
        self.location = location
        self.screenLocation = screenLocation
        self.fromLocation = fromLocation
    }
}
