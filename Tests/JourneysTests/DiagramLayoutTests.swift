import Journeys
import Testing

/// Random journeys (steps, regions, forward and backward routes with labels): the layout must never
/// draw a box over a box, a label over a box or label, or a region over a step that is not its own.
@Test func randomJourneysLayOutWithoutOverlaps() {
    var seed: UInt64 = 0x2545F4914F6CDD1D
    func random(_ n: Int) -> Int {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        return Int(seed % UInt64(max(1, n)))
    }
    let here = SourceLocation(file: "random", line: 1)
    var failures: [String] = []
    for trial in 0..<150 {
        let count = 3 + random(14)
        let regions = ["Region A", "Region B"]
        let fact = Fact("f")
        var steps: [Step] = []
        for i in 0..<count {
            let isOutcome = i >= count - 2
            var routes: [Route] = []
            if !isOutcome {
                let targets = (0..<(1 + random(3))).map { _ in random(3) == 0 ? random(count) : min(count - 1, i + 1 + random(4)) }
                for (k, target) in targets.enumerated() {
                    let condition: Condition? = k == targets.count - 1 ? nil : (random(2) == 0 ? .fact(fact) : Condition.not(fact).named(String(repeating: "long label ", count: 1 + random(3))))
                    routes.append(Route("s\(target)", condition: condition, source: here))
                }
            }
            let kind: Step.Kind = isOutcome ? .outcome(.success) : (random(4) == 0 ? .decision : .screen)
            let region = random(3) == 0 ? regions[random(2)] : nil
            steps.append(Step(id: "s\(i)", title: String(repeating: "Title words ", count: 1 + random(4)), kind: kind, routes: routes, region: region, source: here))
        }
        let journey = Journey("random-\(trial)", title: "Random", parts: [.facts([fact]), .region("Region A"), .region("Region B")] + steps.map { .step($0) }, source: here)
        let layout = DiagramLayout(journey: journey)
        if !layout.overlaps.isEmpty { failures.append("trial \(trial): \(layout.overlaps.prefix(3))") }
        for node in layout.nodes where node.box.minX < 0 || node.box.maxX > layout.width || node.box.minY < 0 || node.box.maxY > layout.height {
            failures.append("trial \(trial): \(node.step.id) outside the drawing")
        }
        #expect(JourneyDiagram(journey: journey).svg == JourneyDiagram(journey: journey).svg)
    }
    #expect(failures == [])
}
