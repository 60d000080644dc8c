/// A journey drawn as SVG, DOT and Mermaid, with a page's documented path highlighted.
///
/// The SVG is laid out by `DiagramLayout` and is byte-for-byte the same for the same model, so it can
/// be checked in as a golden file and diffed in review.
public struct JourneyDiagram: Sendable {
    public let journey: Journey
    public let layout: DiagramLayout
    /// Steps and routes (route numbers) to highlight: what the page documents.
    public var highlightedSteps: Set<String>
    public var highlightedRoutes: Set<Int>

    public init(journey: Journey, highlightedSteps: Set<String> = [], highlightedRoutes: Set<Int> = []) {
        self.journey = journey
        self.layout = DiagramLayout(journey: journey)
        self.highlightedSteps = highlightedSteps
        self.highlightedRoutes = highlightedRoutes
    }

    /// The highlight for a page's checked paths.
    public init(journey: Journey, highlighting check: PageCheck) {
        self.init(journey: journey, highlightedSteps: Set(check.validPaths.joined()), highlightedRoutes: check.documentedRoutes)
    }

    /// The id an element of the diagram has, so a post's `#screen-x` link jumps to it.
    public static func anchor(_ step: Step) -> String {
        switch step.kind {
        case .screen: "screen-\(step.id)"
        case .decision: "decision-\(step.id)"
        case .outcome: "outcome-\(step.id)"
        }
    }

    // MARK: SVG

    public var svg: String {
        let l = layout
        var out = ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-journey-diagram\" width=\"\(f(l.width))\" height=\"\(f(l.height))\" viewBox=\"0 0 \(f(l.width)) \(f(l.height))\" role=\"img\" aria-labelledby=\"journey-\(xml(journey.id))-title\" font-family=\"GDS Transport, arial, sans-serif\">\n"
        out += "<title id=\"journey-\(xml(journey.id))-title\">\(xml(journey.title)): journey diagram</title>\n"
        // Marker ids carry the journey's id: a page may show several diagrams, and ids must be unique.
        let arrow = "journey-\(xml(journey.id))-arrow"
        out += "<defs>"
        out += "<marker id=\"\(arrow)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#505a5f\"/></marker>"
        out += "<marker id=\"\(arrow)-on\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1d70b8\"/></marker>"
        out += "</defs>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        for region in l.regions {
            let b = region.box
            out += "<g class=\"region\"><rect x=\"\(f(b.minX))\" y=\"\(f(b.minY))\" width=\"\(f(b.width))\" height=\"\(f(b.height))\" rx=\"6\" fill=\"#f3f2f1\" stroke=\"#b1b4b6\" stroke-dasharray=\"6 4\"/>"
            out += "<text x=\"\(f(b.minX + 10))\" y=\"\(f(b.minY + 19))\" font-size=\"13\" font-weight=\"bold\" fill=\"#505a5f\">\(xml(region.name))</text></g>\n"
        }
        for edge in l.edges {
            let on = highlightedRoutes.contains(edge.route)
            out += "<path class=\"route\(on ? " route--documented" : "")\" d=\"\(path(edge.points))\" fill=\"none\" stroke=\"\(on ? "#1d70b8" : "#505a5f")\" stroke-width=\"\(on ? "3" : "1.5")\" marker-end=\"url(#\(arrow)\(on ? "-on" : ""))\"/>\n"
        }
        for edge in l.edges {
            guard let box = edge.labelBox else { continue }
            let on = highlightedRoutes.contains(edge.route)
            out += "<g class=\"route-label\"><rect x=\"\(f(box.minX))\" y=\"\(f(box.minY))\" width=\"\(f(box.width))\" height=\"\(f(box.height))\" rx=\"3\" fill=\"#ffffff\" stroke=\"\(on ? "#1d70b8" : "#b1b4b6")\"/>"
            for (i, line) in edge.label.enumerated() {
                out += "<text x=\"\(f(box.x))\" y=\"\(f(box.minY + 14 + Double(i) * DiagramLayout.labelLineHeight))\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(on ? "#1d70b8" : "#0b0c0c")\">\(xml(line))</text>"
            }
            out += "</g>\n"
        }
        for node in l.nodes { out += self.node(node) }
        out += "</svg>\n"
        return out
    }

    private func node(_ node: DiagramLayout.Node) -> String {
        let b = node.box, step = node.step
        let on = highlightedSteps.contains(step.id)
        let stroke = on ? "#1d70b8" : "#0b0c0c", width = on ? "3" : "1.5"
        var fill = "#ffffff"
        var shape = ""
        switch step.kind {
        case .screen:
            shape = "<rect x=\"\(f(b.minX))\" y=\"\(f(b.minY))\" width=\"\(f(b.width))\" height=\"\(f(b.height))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>"
        case .decision:
            fill = "#f3f2f1"
            let inset = 14.0
            let points = [(b.minX, b.y), (b.minX + inset, b.minY), (b.maxX - inset, b.minY), (b.maxX, b.y), (b.maxX - inset, b.maxY), (b.minX + inset, b.maxY)]
            shape = "<polygon points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>"
        case .outcome(let kind):
            switch kind {
            case .success: fill = "#cce2d8"
            case .supportRequested: fill = "#fff7bf"
            case .blocked: fill = "#f4cdc6"
            case .exited, .other: fill = "#e8f1f8"
            }
            shape = "<rect x=\"\(f(b.minX))\" y=\"\(f(b.minY))\" width=\"\(f(b.width))\" height=\"\(f(b.height))\" rx=\"\(f(min(b.height / 2, 18)))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>"
        }
        var out = "<g id=\"\(xml(Self.anchor(step)))\" class=\"step step--\(kindName(step))\(on ? " step--documented" : "")\">\(shape)"
        var y = b.minY + 14 + 12
        for line in node.lines {
            out += "<text x=\"\(f(b.x))\" y=\"\(f(y))\" font-size=\"13\" text-anchor=\"middle\" fill=\"#0b0c0c\">\(xml(line))</text>"
            y += DiagramLayout.lineHeight
        }
        out += "<text x=\"\(f(b.x))\" y=\"\(f(y))\" font-size=\"10\" font-family=\"monospace\" text-anchor=\"middle\" fill=\"#505a5f\">\(xml(step.id))</text>"
        y += 14
        let badges = (step.outcome.map { ["outcome: \($0)"] } ?? []) + step.notes.filter { $0.kind == .proposed || $0.kind == .notIncludedInResearch }.map(\.kind.rawValue)
        if !badges.isEmpty {
            out += "<text x=\"\(f(b.x))\" y=\"\(f(y))\" font-size=\"10\" font-style=\"italic\" text-anchor=\"middle\" fill=\"#6f3c00\">\(xml(badges.joined(separator: ", ")))</text>"
            y += 14
        }
        if step.notes.contains(where: { $0.kind == .knownIssue }) {
            out += "<text x=\"\(f(b.x))\" y=\"\(f(y))\" font-size=\"10\" font-style=\"italic\" text-anchor=\"middle\" fill=\"#942514\">known issue</text>"
        }
        let notes = step.notes.map(\.text).joined(separator: "; ")
        if !notes.isEmpty { out += "<title>\(xml(step.title)): \(xml(notes))</title>" }
        out += "</g>\n"
        return out
    }

    private func kindName(_ step: Step) -> String {
        switch step.kind {
        case .screen: "screen"
        case .decision: "decision"
        case .outcome: "outcome"
        }
    }

    /// Straight down through each row, smooth S-curves between rows.
    private func path(_ points: [(x: Double, y: Double)]) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(f(first.x)),\(f(first.y))"
        for (a, b) in zip(points, points.dropFirst()) {
            if a.x == b.x { d += " L\(f(b.x)),\(f(b.y))" } else {
                let mid = (a.y + b.y) / 2
                d += " C\(f(a.x)),\(f(mid)) \(f(b.x)),\(f(mid)) \(f(b.x)),\(f(b.y))"
            }
        }
        return d
    }

    private func f(_ value: Double) -> String {
        // Tenths, by integer arithmetic: the module links no maths library.
        let tenths = Int(value * 10 + (value < 0 ? -0.5 : 0.5))
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + "\(magnitude / 10).\(magnitude % 10)"
    }

    private func xml(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: DOT and Mermaid

    /// Graphviz DOT: regions as clusters, decisions as hexagons, outcomes as rounded boxes.
    public var dot: String {
        func q(_ s: String) -> String { "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\"" }
        func declaration(_ step: Step) -> String {
            let shape: String = switch step.kind {
            case .screen: "shape=box"
            case .decision: "shape=hexagon"
            case .outcome: "shape=box, style=\"rounded,filled\", fillcolor=\"#cce2d8\""
            }
            let on = highlightedSteps.contains(step.id) ? ", color=\"#1d70b8\", penwidth=3" : ""
            return "\(q(step.id)) [label=\(q(step.title)), \(shape)\(on)];"
        }
        var out = "digraph \(q(journey.id)) {\n  rankdir=TB;\n  node [fontname=\"Arial\"];\n  edge [fontname=\"Arial\", fontsize=10];\n"
        for step in journey.steps where step.region == nil { out += "  \(declaration(step))\n" }
        for (i, region) in journey.regions.enumerated() {
            out += "  subgraph cluster_\(i) {\n    label=\(q(region));\n    style=dashed;\n"
            for step in journey.steps where step.region == region { out += "    \(declaration(step))\n" }
            out += "  }\n"
        }
        for (number, entry) in journey.routes.enumerated() {
            var attributes: [String] = []
            if let label = entry.route.label ?? (entry.from.routes.count > 1 ? "otherwise" : nil) { attributes.append("label=\(q(label))") }
            if highlightedRoutes.contains(number) { attributes.append("color=\"#1d70b8\", penwidth=3") }
            out += "  \(q(entry.from.id)) -> \(q(entry.route.target))\(attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]");\n"
        }
        return out + "}\n"
    }

    /// Mermaid `flowchart TD`: regions as subgraphs, decisions as rhombi, outcomes as stadiums.
    public var mermaid: String {
        func id(_ s: String) -> String { s.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
        func text(_ s: String) -> String { "\"" + s.replacingAll("\"", with: "#quot;") + "\"" }
        func declaration(_ step: Step) -> String {
            switch step.kind {
            case .screen: "\(id(step.id))[\(text(step.title))]"
            case .decision: "\(id(step.id)){\(text(step.title))}"
            case .outcome: "\(id(step.id))([\(text(step.title))])"
            }
        }
        var out = "flowchart TD\n"
        for step in journey.steps where step.region == nil { out += "  \(declaration(step))\n" }
        for (i, region) in journey.regions.enumerated() {
            out += "  subgraph region\(i)[\(text(region))]\n"
            for step in journey.steps where step.region == region { out += "    \(declaration(step))\n" }
            out += "  end\n"
        }
        var linkIndex = 0, highlighted: [Int] = []
        for (number, entry) in journey.routes.enumerated() {
            let label = entry.route.label ?? (entry.from.routes.count > 1 ? "otherwise" : nil)
            out += "  \(id(entry.from.id)) -->\(label.map { "|\(text($0))|" } ?? "") \(id(entry.route.target))\n"
            if highlightedRoutes.contains(number) { highlighted.append(linkIndex) }
            linkIndex += 1
        }
        let documented = journey.steps.filter { highlightedSteps.contains($0.id) }.map { id($0.id) }
        if !documented.isEmpty {
            out += "  classDef documented stroke:#1d70b8,stroke-width:3px\n  class \(documented.joined(separator: ",")) documented\n"
        }
        if !highlighted.isEmpty { out += "  linkStyle \(highlighted.map(String.init).joined(separator: ",")) stroke:#1d70b8,stroke-width:3px\n" }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
