/// How a journey ends: what an outcome means for the user.
public enum OutcomeKind: Sendable, Hashable, CustomStringConvertible {
    case success
    case supportRequested
    case blocked
    case exited
    case other(String)

    public var description: String {
        switch self {
        case .success: "success"
        case .supportRequested: "support requested"
        case .blocked: "blocked"
        case .exited: "exited"
        case .other(let name): name
        }
    }
}
