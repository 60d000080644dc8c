import Testing
@testable import Site

private let sample = [
    Diagnostic(.error, path: "Content/a.md", line: 3, column: 5, message: "the model does not go from 'a' to 'b'", id: "D3"),
    Diagnostic(.warning, path: "Content/b.md", line: 7, column: 1, message: "50% done, see: x\nnext", id: nil),
]

@Test func humanFormatIsRustcStyleWithASummary() {
    let text = CheckReportFormat.human.render(sample)
    #expect(text == """
    Content/a.md:3:5: error[D3]: the model does not go from 'a' to 'b'
    Content/b.md:7:1: warning: 50% done, see: x
    next
    check failed: 1 error, 1 warning

    """)
    let coloured = CheckReportFormat.human.render(sample, color: true)
    #expect(coloured.contains("\u{1B}[1;31merror[D3]:\u{1B}[0m"))
    #expect(!CheckReportFormat.json.render(sample, color: true).contains("\u{1B}"))
}

@Test func githubFormatPrintsWorkflowCommands() {
    #expect(CheckReportFormat.github.render(sample) == """
    ::error file=Content/a.md,line=3,col=5,title=D3::the model does not go from 'a' to 'b'
    ::warning file=Content/b.md,line=7,col=1::50%25 done, see: x%0Anext

    """)
}

@Test func jsonFormatEscapesAndCounts() {
    let json = CheckReportFormat.json.render(sample)
    #expect(json.contains("\"errors\": 1,"))
    #expect(json.contains("{\"severity\": \"warning\", \"id\": null, \"path\": \"Content/b.md\", \"line\": 7, \"column\": 1, \"message\": \"50% done, see: x\\nnext\"}"))
}

@Test func junitFormatHasACasePerFileAndFailuresForErrors() {
    let xml = CheckReportFormat.junit.render(sample, files: ["Content/a.md", "Content/b.md", "Content/c.md"])
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"design-history check\" tests=\"3\" failures=\"1\">"))
    #expect(xml.contains("<failure type=\"D3\" message=\"the model does not go from 'a' to 'b'\">Content/a.md:3:5: error[D3]: the model does not go from 'a' to 'b'</failure>"))
    #expect(xml.contains("<testcase classname=\"design-history.check\" name=\"Content/c.md\"/>"))
    #expect(xml.contains("<system-out>Content/b.md:7:1: warning: 50% done, see: x\nnext</system-out>"))
}
