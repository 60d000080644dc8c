/// How a Markdown document is read and written out.
///
/// The names follow markdown-it's options so that a fixture written for markdown-it can be run
/// with the same settings. Three profiles cover the common cases: the bare CommonMark spec,
/// markdown-it as the GOV.UK Eleventy plugin configures it, and the same with GOV.UK classes.
public struct MarkdownOptions: Sendable, Hashable {
    /// Keep raw HTML blocks and inline HTML (markdown-it `html`).
    public var html: Bool
    /// Render a soft line break as `<br>` (markdown-it `breaks`).
    public var breaks: Bool
    /// Smart quotes, dashes, ellipsis and (c) (r) (tm) (markdown-it `typographer`).
    public var typographer: Bool
    /// Turn bare URLs into links (markdown-it `linkify`).
    public var linkify: Bool
    /// Indented code blocks; Eleventy switches them off for page bodies.
    public var indentedCode: Bool
    /// Close void elements XHTML-style (`<br />`), as markdown-it `xhtmlOut`.
    public var xhtmlOut: Bool
    /// The class prefix of a fenced block's language (markdown-it `langPrefix`).
    public var langPrefix: String
    /// The extensions switched on.
    public var extensions: Set<MarkdownExtension>
    /// The markup the HTML renderer writes: plain markdown-it markup, or GOV.UK classes.
    public var markup: MarkdownMarkup
    /// How the `anchor` extension makes heading ids.
    public var anchor: AnchorStyle = .govuk

    public init(
        html: Bool = true,
        breaks: Bool = false,
        typographer: Bool = false,
        linkify: Bool = false,
        indentedCode: Bool = true,
        xhtmlOut: Bool = false,
        langPrefix: String = "language-",
        extensions: Set<MarkdownExtension> = [],
        markup: MarkdownMarkup = .plain
    ) {
        self.html = html
        self.breaks = breaks
        self.typographer = typographer
        self.linkify = linkify
        self.indentedCode = indentedCode
        self.xhtmlOut = xhtmlOut
        self.langPrefix = langPrefix
        self.extensions = extensions
        self.markup = markup
    }

    /// The bare CommonMark spec: no extensions, no typographer, no breaks, indented code on.
    public static let commonMark = MarkdownOptions(html: true, xhtmlOut: true)

    /// markdown-it with the GOV.UK Eleventy plugin's options and extensions, plain markup.
    public static let markdownIt = MarkdownOptions(
        html: true, breaks: true, typographer: true, linkify: false, indentedCode: true,
        extensions: MarkdownExtension.pluginDefaults
    )

    /// The GOV.UK Eleventy plugin's Markdown: markdown-it's settings with GOV.UK classes.
    public static let govuk: MarkdownOptions = {
        var options = MarkdownOptions.markdownIt
        options.markup = .govuk(GovukMarkup())
        return options
    }()
}

/// How heading ids are made by the `anchor` extension.
public enum AnchorStyle: String, Sendable, Hashable {
    /// markdown-it-anchor's defaults: `encodeURIComponent` of the lower-cased text with spaces as
    /// `-`, and `tabindex="-1"` on every heading.
    case markdownItAnchor
    /// The GOV.UK plugin's: npm `slugify` (strips `*+~.()'"!:@`, lower case), no tabindex unless
    /// the heading has a permalink.
    case govuk
}

/// An extension to CommonMark, each switchable on its own.
public enum MarkdownExtension: String, Sendable, Hashable, CaseIterable {
    case tables, strikethrough, anchor, attrs, deflist, footnote, abbr, ins, mark, sub, sup
    case figures, toc, alerts, govspeak

    /// The extensions the GOV.UK Eleventy plugin switches on.
    public static let pluginDefaults: Set<MarkdownExtension> = [
        .tables, .strikethrough, .anchor, .attrs, .deflist, .footnote, .abbr, .ins, .mark, .sub, .sup,
        .figures, .toc, .alerts, .govspeak,
    ]
}

/// Which markup the HTML renderer writes.
public enum MarkdownMarkup: Sendable, Hashable {
    /// markdown-it's own markup, no classes.
    case plain
    /// The GOV.UK Eleventy plugin's markup (`govuk-` classes).
    case govuk(GovukMarkup)
}

/// The GOV.UK renderer's options, named as the plugin names them.
public struct GovukMarkup: Sendable, Hashable {
    public enum Brand: String, Sendable, Hashable { case govuk, nhsuk }
    public enum HeadingsStartWith: String, Sendable, Hashable { case xl, l }

    public var brand: Brand
    public var headingsStartWith: HeadingsStartWith
    /// Calvert typography: ½ ± × ≤ ≥.
    public var calvert: Bool
    /// Govspeak callouts.
    public var govspeak: Bool
    /// Wrap heading text in a link to the heading itself.
    public var headingPermalinks: Bool

    public init(
        brand: Brand = .govuk, headingsStartWith: HeadingsStartWith = .xl, calvert: Bool = true,
        govspeak: Bool = true, headingPermalinks: Bool = false
    ) {
        self.brand = brand
        self.headingsStartWith = headingsStartWith
        self.calvert = calvert
        self.govspeak = govspeak
        self.headingPermalinks = headingPermalinks
    }
}
