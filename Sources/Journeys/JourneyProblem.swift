/// A problem a check found, with the check's id (`M3`, `D5`) and where to fix it.
public struct JourneyProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case warning, error
    }

    public var id: String
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ id: String, _ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.id = id
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:column: error[M3]: message`, as rustc and Gauge print it.
    public var description: String { "\(location): \(severity.rawValue)[\(id)]: \(message)" }
}
