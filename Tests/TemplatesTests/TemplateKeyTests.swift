import Testing
@testable import Templates

/// Names hashed when parsed, and the frames that find them by hash.
struct TemplateKeyTests {
    @Test func theConstantHashOfLoopIsItsHash() {
        #expect(TemplateKey.loopHash == TemplateKey.hash("loop"))
        #expect(TemplateKey("loop").isLoop)
        #expect(!TemplateKey("loops").isLoop)
    }

    @Test func aFrameWithManyNamesFindsEachAndUpdatesItInPlace() throws {
        // Every name is found among many (a frame passes over those whose hash bit differs), set
        // again in place, and names it does not have fall through to the context.
        let names = (0..<40).map { "name\($0)" }
        let sets = names.enumerated().map { "{% set \($1) = \($0) %}" }.joined()
        let again = "{% set name3 = 'three' %}{% set name39 = 'last' %}"
        let reads = names.map { "{{ \($0) }}" }.joined(separator: ",")
        let output = try Support.render(sets + again + reads + "|{{ fromContext }}", #"{"fromContext": "context"}"#)
        var expected = (0..<40).map(String.init)
        expected[3] = "three"
        expected[39] = "last"
        #expect(output == expected.joined(separator: ",") + "|context")
        // The same in a macro's frame and a loop's.
        let macro = "{% macro m() %}" + sets + again + reads + "{% endmacro %}{% for i in [1] %}{{ m() }}{% endfor %}"
        #expect(try Support.render(macro) == expected.joined(separator: ","))
    }
}
