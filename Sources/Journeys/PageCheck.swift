/// The checks on a page that documents a journey (D1–D9), and what the page documents of it.
public struct PageCheck: Sendable {
    public let page: JourneyPage
    /// The journey (version) the page names, if it exists.
    public private(set) var journey: Journey?
    public private(set) var problems: [JourneyProblem] = []
    /// Step ids the page documents (screenshots, checked paths, links, quotes).
    public private(set) var documentedSteps: Set<String> = []
    /// Route numbers (`Journey.routes` order) the page's checked paths take.
    public private(set) var documentedRoutes: Set<Int> = []
    /// The checked, complete or partial, paths: what a diagram highlights.
    public private(set) var validPaths: [[String]] = []
    public private(set) var body: PageBody

    /// Check a page against the catalog. A page that names no journey has no problems.
    public init(page: JourneyPage, catalog: JourneyCatalog) {
        self.page = page
        // A page that names no journey is not read at all.
        guard let reference = page.reference else {
            self.body = PageBody(markdown: "", path: page.path, firstLine: page.bodyLine)
            return
        }
        self.body = PageBody(markdown: page.body, path: page.path, firstLine: page.bodyLine)
        // D1: the journey (and version) exists.
        if let version = reference.version {
            journey = catalog[reference.id, version: version]
            if journey == nil, let latest = catalog[reference.id] {
                let versions = catalog.journeys.filter { $0.id == reference.id }.map { String($0.version) }.joined(separator: ", ")
                problems.append(JourneyProblem("D1", at: reference.location, "journey '\(reference.id)' has no version \(version) (versions: \(versions); latest: \(latest.version))"))
                return
            }
        } else {
            journey = catalog[reference.id]
        }
        guard let journey else {
            let ids = catalog.latest.map(\.id)
            problems.append(JourneyProblem("D1", at: reference.location, "no journey '\(reference.id)'\(Journey.suggestion(reference.id, among: ids)) (journeys: \(ids.joined(separator: ", ")))"))
            return
        }
        checkScreenshots(journey)
        for path in body.paths { checkPath(path, journey) }
        checkLinks(journey)
        checkQuotes(journey)
        if documentedSteps.isEmpty && body.paths.isEmpty {
            problems.append(JourneyProblem("D6", .warning, at: reference.location, "the page names journey '\(journey.id)' but documents none of it: add screenshots of its screens, a path block or links"))
        }
    }

    /// "k of n" figures for the page.
    public var coverage: Coverage {
        let screens = journey?.screens ?? [], outcomes = journey?.outcomes ?? []
        return Coverage(
            screens: screens.count { documentedSteps.contains($0.id) }, totalScreens: screens.count,
            outcomes: outcomes.count { documentedSteps.contains($0.id) }, totalOutcomes: outcomes.count,
            routes: documentedRoutes.count, totalRoutes: journey?.routes.count ?? 0)
    }

    // MARK: D2, D9: screenshots

    /// The screen a screenshot shows, by `screen:` or by the file-name convention, and whether it
    /// shows the error state.
    static func screen(of shot: ScreenshotReference, journey: Journey) -> (id: String, error: Bool)? {
        if let screen = shot.screen { return (screen, shot.errorState) }
        let file = shot.src.split(separator: "/").last.map(String.init) ?? shot.src
        let stem = file.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        guard let separator = stem.firstRange(of: "--") else { return nil }
        guard stem[..<separator.lowerBound] == journey.id else { return nil }
        let screen = String(stem[separator.upperBound...])
        if journey[step: screen] == nil, screen.hasSuffix("-error") { return (String(screen.dropLast(6)), true) }
        return (screen, shot.errorState)
    }

    private mutating func checkScreenshots(_ journey: Journey) {
        var previous: String?
        for shot in page.screenshots {
            if let siteHasFile = page.siteHasFile, !shot.src.contains("://"), !siteHasFile(resolve(shot.src)) {
                problems.append(JourneyProblem("D2", .warning, at: shot.location, "screenshot '\(shot.src)' does not exist (looked for \(resolve(shot.src)))"))
            }
            guard shot.isScreen else { continue }
            guard let (id, error) = Self.screen(of: shot, journey: journey) else {
                let file = shot.src.split(separator: "/").last.map(String.init) ?? shot.src
                let other = file.firstRange(of: "--").map { String(file[..<$0.lowerBound]) }
                let why = other.map { "its file name names journey '\($0)', not '\(journey.id)'" } ?? "it has no 'screen:' and its file name does not follow '\(journey.id)--<screen>.png'"
                problems.append(JourneyProblem("D2", at: shot.location, "screenshot '\(shot.src)' maps to no screen of journey '\(journey.id)': \(why) (add 'screen: <id>', or 'screen: false' for an image that is not a screen)"))
                previous = nil
                continue
            }
            let at = shot.screenLocation ?? shot.location
            guard let step = journey[step: id], !step.isDecision else {
                problems.append(JourneyProblem("D2", at: at, "screenshot '\(shot.src)' shows '\(id)', which is not a screen of journey '\(journey.id)'\(Journey.suggestion(id, among: journey.steps.map(\.id)))"))
                previous = nil
                continue
            }
            if error && step.copy(.errorMessage).isEmpty {
                problems.append(JourneyProblem("D2", at: at, "screenshot '\(shot.src)' shows '\(id)' with an error, but the model has no error message for '\(id)'"))
            }
            documentedSteps.insert(id)
            // D9: consecutive screenshots follow a route (through decisions), or say where they follow from.
            if let from = shot.from {
                if journey[step: from] == nil {
                    problems.append(JourneyProblem("D9", .warning, at: shot.fromLocation ?? at, "'from: \(from)' is not a step of journey '\(journey.id)'\(Journey.suggestion(from, among: journey.steps.map(\.id)))"))
                } else if !journey.visibleNext(after: from).contains(id) {
                    problems.append(JourneyProblem("D9", .warning, at: shot.fromLocation ?? at, "'\(id)' does not follow '\(from)' in the model; after '\(from)' come: \(journey.visibleNext(after: from).joined(separator: ", "))"))
                }
            } else if let previous, previous != id, !journey.visibleNext(after: previous).contains(id) {
                problems.append(JourneyProblem("D9", .warning, at: at, "screenshot of '\(id)' follows one of '\(previous)', but no route leads from '\(previous)' to '\(id)' (after '\(previous)' come: \(journey.visibleNext(after: previous).joined(separator: ", "))); add 'from: <screen>' to say which screen it follows"))
            }
            previous = id
        }
    }

    /// A screenshot's site path: relative to the page's URL unless absolute.
    func resolve(_ src: String) -> String {
        if src.hasPrefix("/") { return src }
        var base = page.url
        if !base.hasSuffix("/") { base = base.lastIndex(of: "/").map { String(base[...$0]) } ?? "/" }
        var parts = base.split(separator: "/").map(String.init)
        for part in src.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return "/" + parts.joined(separator: "/")
    }

    // MARK: D3, D4, D5: documented paths

    private mutating func checkPath(_ path: DocumentedPath, _ journey: Journey) {
        for word in path.unreadable {
            problems.append(JourneyProblem("D3", at: word.location, "'\(word.text)' is not a path flag (flags: \(DocumentedPath.Flag.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        if path.has(.historical) { return }
        guard !path.steps.isEmpty else {
            problems.append(JourneyProblem("D3", at: path.location, "the journey block documents no steps: write them as 'a -> b -> c'"))
            return
        }
        let failure = impossibility(of: path, in: journey)
        if path.has(.pending) {
            if failure == nil {
                problems.append(JourneyProblem("D3", .warning, at: path.location, "this path is marked pending, but the model now allows it: remove 'pending'"))
            }
            return
        }
        if path.has(.expectedInvalid) {
            if failure == nil {
                problems.append(JourneyProblem("D3", at: path.location, "this path is marked expected-invalid, but the model allows it"))
            }
            return
        }
        if let failure {
            problems.append(failure)
            return
        }
        // The path is possible: it documents its steps and routes.
        let ids = path.steps.map(\.text)
        documentedSteps.formUnion(ids)
        for (a, b) in zip(ids, ids.dropFirst()) { documentedRoutes.formUnion(routeNumbers(from: a, to: b, in: journey)) }
        validPaths.append(ids)
        // D5: a complete path ends at an outcome.
        if !path.has(.partial), let last = path.steps.last, journey[step: last.text]?.isOutcome != true {
            let next = journey.visibleNext(after: last.text)
            problems.append(JourneyProblem("D5", at: last.location, "the path ends at '\(last.text)', which is not an outcome (the model goes on to: \(next.joined(separator: ", "))); continue it, or mark the block partial"))
        }
        // D4: with facts, exactly the path the model takes.
        if let given = path.given { checkFacts(given, path: path, journey) }
    }

    /// Why the model does not allow a path (D3), or nil if it does.
    private func impossibility(of path: DocumentedPath, in journey: Journey) -> JourneyProblem? {
        for token in path.steps where journey[step: token.text] == nil {
            return JourneyProblem("D3", at: token.location, "'\(token.text)' is not a step of journey '\(journey.id)'\(Journey.suggestion(token.text, among: journey.steps.map(\.id)))")
        }
        if !path.has(.partial), let first = path.steps.first, let start = journey.startID, first.text != start {
            return JourneyProblem("D3", at: first.location, "a complete path starts where the journey starts, '\(start)', not at '\(first.text)'; mark the block partial to document a stretch")
        }
        for (a, b) in zip(path.steps, path.steps.dropFirst()) {
            let direct = journey[step: a.text]?.routes.map(\.target) ?? []
            let next = journey.visibleNext(after: a.text)
            if !direct.contains(b.text) && !next.contains(b.text) {
                let allowed = next.isEmpty ? "nothing: it is an outcome" : next.joined(separator: ", ")
                return JourneyProblem("D3", at: b.location, "the model does not go from '\(a.text)' to '\(b.text)'; after '\(a.text)' it allows: \(allowed)")
            }
        }
        return nil
    }

    /// D4: with `given:` facts (the named facts hold, `not x` and every fact not named do not), the
    /// documented path is exactly the one the model takes, or a stretch of it for a partial path.
    private mutating func checkFacts(_ given: [DocumentedPath.Given], path: DocumentedPath, _ journey: Journey) {
        var values = FactValues()
        for item in given {
            guard let index = journey.facts.firstIndex(where: { $0.id == item.fact }) else {
                problems.append(JourneyProblem("D4", at: item.location, "'\(item.fact)' is not a fact of journey '\(journey.id)'\(Journey.suggestion(item.fact, among: journey.facts.map(\.id))) (facts: \(journey.facts.map(\.id).joined(separator: ", ")))"))
                return
            }
            values[index] = item.holds
        }
        let documented = path.steps.map(\.text).filter { journey[step: $0]?.isDecision != true }
        let run = journey.run(values)
        let taken = run.steps.filter { journey[step: $0]?.isDecision != true }
        if path.has(.partial) ? Self.contains(taken, documented) : taken == documented { return }
        var divergence = 0
        while divergence < min(taken.count, documented.count) && taken[divergence] == documented[divergence] { divergence += 1 }
        let token = path.has(.partial) ? path.steps.first : path.steps.filter { journey[step: $0.text]?.isDecision != true }[safe: min(divergence, documented.count - 1)]
        problems.append(JourneyProblem("D4", at: token?.location ?? path.location, "with \(journey.describe(values)) the model takes \(taken.joined(separator: " -> ")), not the documented path"))
    }

    private static func contains(_ whole: [String], _ part: [String]) -> Bool {
        guard part.count <= whole.count else { return false }
        if part.isEmpty { return true }
        for start in 0...(whole.count - part.count) where Array(whole[start..<(start + part.count)]) == part { return true }
        return false
    }

    /// The routes from `a` to `b`, directly or through decisions.
    private func routeNumbers(from a: String, to b: String, in journey: Journey) -> [Int] {
        let all = journey.routes
        var numbers: [Int] = []
        var frontier = [a], seen: Set<String> = [a]
        while let current = frontier.popLast() {
            for (number, entry) in all.enumerated() where entry.from.id == current {
                let target = entry.route.target
                if target == b { numbers.append(number) }
                else if journey[step: target]?.isDecision == true, seen.insert(target).inserted {
                    numbers.append(number)
                    frontier.append(target)
                }
            }
        }
        return numbers
    }

    // MARK: D7: links

    private mutating func checkLinks(_ journey: Journey) {
        for link in body.links {
            let step = journey[step: link.id]
            switch link.kind {
            case .screen where step != nil && step?.isOutcome == false && step?.isDecision == false,
                 .outcome where step?.isOutcome == true:
                documentedSteps.insert(link.id)
            default:
                let candidates = journey.steps.filter { link.kind == .outcome ? $0.isOutcome : $0.kind == .screen }.map(\.id)
                let what = step == nil ? "not a step" : "a step but not \(link.kind == .outcome ? "an outcome" : "a screen")"
                problems.append(JourneyProblem("D7", at: link.location, "link to #\(link.kind.rawValue)-\(link.id): '\(link.id)' is \(what) of journey '\(journey.id)'\(Journey.suggestion(link.id, among: candidates))"))
            }
        }
    }

    // MARK: D8: quoted copy

    private mutating func checkQuotes(_ journey: Journey) {
        for quote in body.quotes {
            let owners = journey.steps.filter { $0.copy(.heading).contains(quote.heading.text) }
            if owners.isEmpty && quote.heading.text == Self.errorSummaryTitle {
                checkErrorSummary(quote, journey)
                continue
            }
            guard let step = owners.first else {
                let headings = journey.steps.flatMap { $0.copy(.heading) }
                let near = Self.nearest(quote.heading.text, in: headings)
                problems.append(JourneyProblem("D8", at: quote.heading.location, "quoted heading ‘\(quote.heading.text)’ is not the copy of any screen of journey '\(journey.id)'\(near.map { "; the model has ‘\($0)’" } ?? "")"))
                continue
            }
            documentedSteps.insert(step.id)
            let texts = step.copy.filter { $0.kind != .heading }.map(\.text)
            for line in quote.lines where !texts.contains(line.text) {
                let near = Self.nearest(line.text, in: texts).map { "; the model has ‘\($0)’" }
                let all = texts.isEmpty ? "; the model has no other copy for it" : "; the model's copy of '\(step.id)' is: " + texts.prefix(3).map { "‘\($0)’" }.joined(separator: ", ") + (texts.count > 3 ? ", …" : "")
                problems.append(JourneyProblem("D8", at: line.location, "quoted copy of '\(step.id)' does not match the model: ‘\(line.text)’\(near ?? all)"))
            }
        }
    }

    /// The title of a GOV.UK error summary: a quote under it lists error messages, of any screen.
    static let errorSummaryTitle = "There is a problem"

    private mutating func checkErrorSummary(_ quote: QuotedCopy, _ journey: Journey) {
        let messages = journey.steps.flatMap { $0.copy(.errorMessage) }
        for line in quote.lines {
            let owners = journey.steps.filter { $0.copy(.errorMessage).contains(line.text) }
            if owners.isEmpty {
                let near = Self.nearest(line.text, in: messages)
                problems.append(JourneyProblem("D8", at: line.location, "quoted error message ‘\(line.text)’ is not an error message of any screen of journey '\(journey.id)'\(near.map { "; the model has ‘\($0)’" } ?? "")"))
            } else {
                documentedSteps.formUnion(owners.map(\.id))
            }
        }
    }

    /// The candidate closest to `text`, if any is reasonably close.
    static func nearest(_ text: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            if let d = EditDistance.between(text, candidate, limit: max(3, text.utf8.count / 3)), d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
