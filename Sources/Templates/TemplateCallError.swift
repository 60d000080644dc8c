/// An error raised by a filter, test, macro or function without knowing where in a template it was
/// called; the renderer turns it into a `TemplateError` at the call.
///
/// Filters and globals registered by other modules may throw it (or any error) to report bad input.
public struct TemplateCallError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, without a location.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
