/// Eleventy's filters and the GOV.UK Eleventy plugin's that design histories use.
enum DesignHistoryFilters {
    static func register(in environment: inout TemplateEnvironment) {
    }
}
