/// Options of an environment.
public struct TemplateOptions: Sendable {
    /// Escape every `{{ }}` output that is not marked safe. Off in the design-history profile, as the
    /// GOV.UK Eleventy plugin sets it.
    public var autoescape: Bool
    /// How deep includes, imports, layouts, blocks and macro calls may nest before rendering stops
    /// with an error: this is what turns an include loop or runaway recursion into a diagnostic.
    public var recursionLimit: Int

    /// Nunjucks' default is autoescaping on; the design-history profile turns it off.
    public init(autoescape: Bool = true, recursionLimit: Int = 100) {
        self.autoescape = autoescape
        self.recursionLimit = recursionLimit
    }
}
