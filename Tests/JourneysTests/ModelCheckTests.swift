import Journeys
import Testing

/// One fixture model per check M1–M7, each tripping it; `line` is where the diagnostic must point.
private func problems(_ id: String, in journey: Journey) -> [JourneyProblem] {
    journey.check().filter { $0.id == id }
}

@Test func m1RouteToMissingStep() throws {
    let line = #line + 2
    let journey = Journey("m1", title: "M1") {
        Screen("a", title: "A") { Go("outcom") }
        Outcome("outcome", .success, title: "Done")
    }
    let found = problems("M1", in: journey)
    #expect(found.count == 1)
    let problem = try #require(found.first)
    #expect(problem.location.line == line)
    #expect(problem.location.file.hasSuffix("ModelCheckTests.swift"))
    #expect(problem.message.contains("'outcom'"))
    #expect(problem.message.contains("did you mean 'outcome'"))
    #expect(problem.severity == .error)
}

@Test func m1UndeclaredFactAndDuplicateStep() {
    let journey = Journey("m1b", title: "M1") {
        Screen("a", title: "A") { Go("done", when: Fact("undeclared")); Go("done") }
        Outcome("done", .success, title: "Done")
        Outcome("done", .success, title: "Done again")
    }
    let messages = problems("M1", in: journey).map(\.message)
    #expect(messages.contains { $0.contains("fact 'undeclared'") })
    #expect(messages.contains { $0.contains("defined twice") })
}

@Test func m2UnreachableStep() throws {
    let line = #line + 4
    let journey = Journey("m2", title: "M2") {
        Screen("a", title: "A") { Go("done") }
        Outcome("done", .success, title: "Done")
        Screen("orphan", title: "Orphan") { Go("done") }
    }
    let problem = try #require(problems("M2", in: journey).first)
    #expect(problem.location.line == line)
    #expect(problem.message.contains("'orphan'"))
}

@Test func m3DeadEnd() throws {
    let line = #line + 3
    let journey = Journey("m3", title: "M3") {
        Screen("a", title: "A") { Go("done", when: Fact("f")); Go("stuck") }
        Screen("stuck", title: "Stuck")
        Outcome("done", .success, title: "Done")
        Facts(Fact("f"))
    }
    let problem = try #require(problems("M3", in: journey).first)
    #expect(problem.location.line == line)
    #expect(problem.message.contains("'stuck' is a dead end"))
}

@Test func m4CycleWithNoExit() throws {
    let line = #line + 4
    let journey = Journey("m4", title: "M4") {
        Facts(Fact("f"))
        Screen("a", title: "A") { Go("done", when: Fact("f")); Go("b") }
        Screen("b", title: "B") { Go("c") }
        Screen("c", title: "C") { Go("b") }
        Outcome("done", .success, title: "Done")
    }
    let found = problems("M4", in: journey)
    let messages = found.map(\.message)
    #expect(messages.allSatisfy { $0.contains("cycle with no exit") })
    #expect(found.map(\.location.line).contains(line))
    #expect(found.count == 2)
}

@Test func m5OtherwiseNotLastAndTwoOtherwises() throws {
    let line = #line + 4
    let journey = Journey("m5", title: "M5") {
        Facts(Fact("f"))
        Screen("a", title: "A") {
            Go("x")
            Go("y", when: Fact("f"))
        }
        Screen("b", title: "B") { Go("x"); Go("y") }
        Outcome("x", .success, title: "X")
        Outcome("y", .blocked, title: "Y")
    }
    let found = problems("M5", in: journey)
    #expect(found.count == 2)
    #expect(found.first?.location.line == line)
    #expect(found.first?.message.contains("must come last") == true)
    #expect(found.last?.message.contains("2 routes without a condition") == true)
}

@Test func m5SameConditionTwice() {
    let journey = Journey("m5b", title: "M5") {
        Facts(Fact("f"))
        Screen("a", title: "A") { Go("x", when: Fact("f")); Go("y", when: Fact("f")); Go("x") }
        Outcome("x", .success, title: "X")
        Outcome("y", .blocked, title: "Y")
    }
    #expect(problems("M5", in: journey).count == 1)
}

@Test func m6NoRouteAppliesAndLoops() throws {
    let stuckLine = #line + 3
    let journey = Journey("m6", title: "M6") {
        Facts(Fact("f"), Fact("g"))
        Screen("a", title: "A") { Go("done", when: Fact("f")); Go("b", when: Fact("g")) }
        Screen("b", title: "B") { Go("c") }
        Screen("c", title: "C") { Go("b", when: Fact("g")); Go("done") }
        Outcome("done", .success, title: "Done")
    }
    let found = problems("M6", in: journey)
    let stuck = try #require(found.first { $0.message.contains("none of its routes applies") })
    #expect(stuck.location.line == stuckLine)
    #expect(stuck.message.contains("not f, not g"))
    #expect(found.contains { $0.message.contains("goes round a cycle") })
}

@Test func m7DeadBranchAndUnreachedOutcome() throws {
    let line = #line + 5
    let journey = Journey("m7", title: "M7") {
        Facts(Fact("f"))
        Screen("a", title: "A") {
            Go("b", when: Fact("f"))
            Go("never", when: .all(Fact("f"), Fact("f")))
            Go("b")
        }
        Screen("b", title: "B") { Go("done") }
        Outcome("done", .success, title: "Done")
        Outcome("never", .blocked, title: "Never")
    }
    let found = problems("M7", in: journey)
    #expect(found.count == 2)
    #expect(found.first?.location.line == line)
    #expect(found.first?.message.contains("dead branch") == true)
    #expect(found.last?.message.contains("outcome 'never'") == true)
}

@Test func tooManyFactsIsAWarningNotAHang() {
    let facts = (0..<21).map { Fact("f\($0)") }
    let journey = Journey("big", title: "Big", parts: [.facts(facts), .step(Outcome("done", .success, title: "Done").step)], source: SourceLocation(file: "x", line: 1))
    let found = journey.check()
    #expect(found.count == 1)
    #expect(found.first?.severity == .warning)
}

@Test func descriptionIsRustcStyle() {
    let problem = JourneyProblem("M3", at: SourceLocation(file: "a.swift", line: 3, column: 5), "dead end")
    #expect(problem.description == "a.swift:3:5: error[M3]: dead end")
}
