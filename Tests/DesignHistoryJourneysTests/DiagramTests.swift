import DesignHistoryJourneys
import Foundation
import Journeys
import Testing

/// Golden files of the seed journeys' diagrams: re-record with `RECORD_GOLDEN=1 swift test` and
/// review the diff (and the PNG: see README, "Journeys").
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Golden")

    static func check(_ text: String, _ name: String) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; re-record with RECORD_GOLDEN=1 and review the diff")
    }
}

@Test(arguments: DesignHistoryJourneys.catalog.journeys.map(\.id))
func seedDiagramsHaveNoOverlaps(id: String) throws {
    let journey = try #require(DesignHistoryJourneys.catalog[id])
    let layout = DiagramLayout(journey: journey)
    #expect(layout.overlaps == [])
    #expect(layout.nodes.count == journey.steps.count)
    // Every box lies inside the drawing.
    for node in layout.nodes {
        #expect(node.box.minX >= 0 && node.box.maxX <= layout.width && node.box.minY >= 0 && node.box.maxY <= layout.height, "\(node.step.id)")
    }
    // Every region's box holds its steps.
    for region in layout.regions {
        for node in layout.nodes where node.step.region == region.name {
            #expect(node.box.minX >= region.box.minX && node.box.maxX <= region.box.maxX && node.box.minY >= region.box.minY && node.box.maxY <= region.box.maxY, "\(node.step.id)")
        }
    }
}

@Test(arguments: DesignHistoryJourneys.catalog.journeys.map(\.id))
func seedDiagramsMatchTheirGoldenFiles(id: String) throws {
    let journey = try #require(DesignHistoryJourneys.catalog[id])
    let diagram = JourneyDiagram(journey: journey)
    try Golden.check(diagram.svg, "\(id).svg")
    try Golden.check(diagram.dot, "\(id).dot")
    try Golden.check(diagram.mermaid, "\(id).mmd")
    #expect(JourneyDiagram(journey: journey).svg == diagram.svg)
}

@Test func diagramHighlightsTheDocumentedPathAndAnchorsScreens() throws {
    let journey = try #require(DesignHistoryJourneys.catalog["dfe-sign-in"])
    let diagram = JourneyDiagram(journey: journey, highlightedSteps: ["sign-in", "signed-in"], highlightedRoutes: [1])
    #expect(diagram.svg.contains("<g id=\"screen-sign-in\" class=\"step step--screen step--documented\">"))
    #expect(diagram.svg.contains("<g id=\"outcome-signed-in\" class=\"step step--outcome step--documented\">"))
    #expect(diagram.svg.contains("<g id=\"decision-service-account\" class=\"step step--decision\">"))
    #expect(diagram.svg.components(separatedBy: "route--documented").count == 2)
    #expect(diagram.dot.contains("\"sign-in\" -> \"forgot-password\" [label=\"forgot password (first time)\", color=\"#1d70b8\", penwidth=3];"))
    #expect(diagram.mermaid.hasPrefix("flowchart TD\n"))
    #expect(diagram.mermaid.contains("sign_in -->|\"no DfE Sign-in account (first time)\"| create_account"))
}
