/// What a journey's builder block holds.
public enum JourneyPart: Sendable {
    case facts([Fact])
    case step(Step)
    case note(Note)
    case start(String)
    case region(String)
}

/// Builds a journey: facts, steps (screens, decisions, outcomes, regions of them), notes.
@resultBuilder
public enum JourneyBuilder {
    public static func buildExpression(_ f: Facts) -> [JourneyPart] { [.facts(f.facts)] }
    public static func buildExpression(_ s: Screen) -> [JourneyPart] { [.step(s.step)] }
    public static func buildExpression(_ d: Decision) -> [JourneyPart] { [.step(d.step)] }
    public static func buildExpression(_ o: Outcome) -> [JourneyPart] { [.step(o.step)] }
    public static func buildExpression(_ r: Region) -> [JourneyPart] { [.region(r.name)] + r.parts }
    public static func buildExpression(_ n: Note) -> [JourneyPart] { [.note(n)] }
    public static func buildExpression(_ s: Start) -> [JourneyPart] { [.start(s.id)] }
    public static func buildExpression(_ parts: [JourneyPart]) -> [JourneyPart] { parts }
    public static func buildBlock(_ parts: [JourneyPart]...) -> [JourneyPart] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[JourneyPart]]) -> [JourneyPart] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [JourneyPart]?) -> [JourneyPart] { parts ?? [] }
    public static func buildEither(first parts: [JourneyPart]) -> [JourneyPart] { parts }
    public static func buildEither(second parts: [JourneyPart]) -> [JourneyPart] { parts }
}
