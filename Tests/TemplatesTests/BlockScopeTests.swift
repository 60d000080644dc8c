import Foundation
import Templates
import Testing

/// A block's `set`s stay in the block (Nunjucks gives each block a frame); a block that sets
/// nothing shares its caller's frame, which must not change what it sees.
@Test func blocksSeeTopLevelVariablesAndKeepTheirOwnSets() throws {
    let environment = Support.environment(["blocks"], autoescape: false)
    #expect(try environment.render(templateNamed: "base.njk", context: TemplateObject()) == "A:top|B:inner|top|top1")
    // super() renders the parent's block in a frame below the child block's, as Nunjucks passes
    // the current frame to it: the parent's body sees the child's `set`.
    #expect(try environment.render(templateNamed: "child.njk", context: TemplateObject()) == "[A:top]|B:inner|top|c1c")
}
