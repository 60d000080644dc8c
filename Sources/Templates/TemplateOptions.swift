/// Options of an environment.
public struct TemplateOptions: Sendable {
    /// Escape every `{{ }}` output that is not marked safe. Off in the design-history profile, as the
    /// GOV.UK Eleventy plugin sets it.
    public var autoescape: Bool
    /// How deep includes, imports, layouts, blocks and macro calls may nest before rendering stops
    /// with an error: this is what turns an include loop or runaway recursion into a diagnostic.
    public var recursionLimit: Int
    /// Drop the first line break after a block tag (`%}`), as Nunjucks' `trimBlocks`, so that a line
    /// holding only `{% if %}` or `{% set %}` leaves no empty line behind. Not after `}}` or `#}`.
    /// Off by default, as in Nunjucks; on in the design-history profile, as the GOV.UK plugin sets it.
    public var trimBlocks: Bool
    /// Drop the spaces and tabs before a block tag (`{%`) when only they precede it on its line, as
    /// Nunjucks' `lstripBlocks`, so an indented tag leaves no indentation behind. Not before `{{` or
    /// `{#`. Off by default, as in Nunjucks; on in the design-history profile.
    public var lstripBlocks: Bool

    /// Nunjucks' defaults: autoescaping on, `trimBlocks` and `lstripBlocks` off. The design-history
    /// profile turns autoescaping off and both whitespace options on.
    public init(autoescape: Bool = true, recursionLimit: Int = 100, trimBlocks: Bool = false, lstripBlocks: Bool = false) {
        self.autoescape = autoescape
        self.recursionLimit = recursionLimit
        self.trimBlocks = trimBlocks
        self.lstripBlocks = lstripBlocks
    }
}
