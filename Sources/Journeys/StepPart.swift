/// What a screen, decision or outcome's builder block holds.
public enum StepPart: Sendable {
    case copy(Copy)
    case route(Route)
    case note(Note)
}

/// Builds a step's content: copy, routes (in priority order) and notes.
@resultBuilder
public enum StepBuilder {
    public static func buildExpression(_ h: Heading) -> [StepPart] { [.copy(Copy(.heading, h.text))] }
    public static func buildExpression(_ p: Paragraph) -> [StepPart] { [.copy(Copy(.paragraph, p.text))] }
    public static func buildExpression(_ e: ErrorMessage) -> [StepPart] { [.copy(Copy(.errorMessage, e.text))] }
    public static func buildExpression(_ b: Button) -> [StepPart] { [.copy(Copy(.button, b.text))] }
    public static func buildExpression(_ g: Go) -> [StepPart] { [.route(g.route)] }
    public static func buildExpression(_ n: Note) -> [StepPart] { [.note(n)] }
    public static func buildExpression(_ parts: [StepPart]) -> [StepPart] { parts }
    public static func buildBlock(_ parts: [StepPart]...) -> [StepPart] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[StepPart]]) -> [StepPart] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [StepPart]?) -> [StepPart] { parts ?? [] }
    public static func buildEither(first parts: [StepPart]) -> [StepPart] { parts }
    public static func buildEither(second parts: [StepPart]) -> [StepPart] { parts }
}

extension Step {
    init(id: String, title: String, kind: Kind, parts: [StepPart], source: SourceLocation) {
        var copy: [Copy] = [], routes: [Route] = [], notes: [Note] = []
        for part in parts {
            switch part {
            case .copy(let c): copy.append(c)
            case .route(let r): routes.append(r)
            case .note(let n): notes.append(n)
            }
        }
        self.init(id: id, title: title, kind: kind, copy: copy, routes: routes, notes: notes, source: source)
    }
}
