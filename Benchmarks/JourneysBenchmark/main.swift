// The Journeys benchmark: model checks (M1–M7, every combination of facts run) of every journey of
// this repository and of a synthetic journey with 12 facts (4,096 combinations), plus a seed diagram
// layout. Run with:
//   swift run -c release --scratch-path .build-release JourneysBenchmark
import DesignHistoryJourneys
import Journeys

/// A journey with `facts` facts: screen i asks fact i and goes to one of two screens, which both go
/// on to screen i+1, so every combination takes a different path through 2 × facts + 1 screens.
func synthetic(facts count: Int) -> Journey {
    let facts = (0..<count).map { Fact("fact-\($0)") }
    var parts: [JourneyPart] = [.facts(facts)]
    let here = SourceLocation(file: "synthetic", line: 1)
    for i in 0..<count {
        let next = i + 1 < count ? "ask-\(i + 1)" : "decide"
        parts.append(.step(Step(id: "ask-\(i)", title: "Question \(i)", kind: .screen, routes: [
            Route("yes-\(i)", condition: .fact(facts[i]), source: here), Route("no-\(i)", condition: nil, source: here),
        ], source: here)))
        parts.append(.step(Step(id: "yes-\(i)", title: "Yes \(i)", kind: .screen, routes: [Route(next, condition: nil, source: here)], source: here)))
        parts.append(.step(Step(id: "no-\(i)", title: "No \(i)", kind: .screen, routes: [Route(next, condition: nil, source: here)], source: here)))
    }
    parts.append(.step(Step(id: "decide", title: "Decide", kind: .decision, routes: [
        Route("success", condition: .all([.fact(facts[0]), .fact(facts[count - 1])]), source: here),
        Route("blocked", condition: nil, source: here),
    ], source: here)))
    parts.append(.step(Step(id: "success", title: "Success", kind: .outcome(.success), source: here)))
    parts.append(.step(Step(id: "blocked", title: "Blocked", kind: .outcome(.blocked), source: here)))
    return Journey("synthetic-\(count)", title: "Synthetic", parts: parts, source: here)
}

func median(_ samples: [Duration]) -> Duration {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
}

func milliseconds(_ d: Duration) -> String {
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    let hundredths = Int(ms * 100 + 0.5)
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) ms"
}

func measure(_ name: String, runs: Int = 21, _ body: () -> Int) {
    var samples: [Duration] = []
    var sink = 0
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let start = clock.now
        sink &+= body()
        samples.append(clock.now - start)
    }
    print("\(name): median \(milliseconds(median(samples))) over \(runs) runs (min \(milliseconds(samples.min()!)), max \(milliseconds(samples.max()!)))  [\(sink)]")
}

let big = synthetic(facts: 12)
let every = DesignHistoryJourneys.catalog.journeys + [big]
let combinations = every.map(\.combinationCount).reduce(0, +)
print("journeys: \(every.map { "\($0.id) (\($0.facts.count) facts)" }.joined(separator: ", ")); \(combinations) combinations in all")
precondition(big.combinationCount == 4096)
precondition(big.check().isEmpty, "the synthetic journey must pass its model checks")

measure("model checks M1–M7 of every journey, exhaustive (goal < 100 ms)") {
    every.map { $0.check().count }.reduce(0, +)
}
measure("exhaustive runs of the 12-fact journey") { big.exhaustiveRuns().count }
measure("paths per outcome of every journey") { every.map { $0.pathsPerOutcome().count }.reduce(0, +) }
measure("diagram layout and SVG of the three seed journeys") {
    DesignHistoryJourneys.catalog.journeys.map { JourneyDiagram(journey: $0).svg.utf8.count }.reduce(0, +)
}
