import Templates
import Testing

@Test func memberAccessRendersAndUndefinedIsEmpty() throws {
    let context = TemplateObject([("page", .object(TemplateObject([("url", .string("/a/"))])))])
    let out = try TemplateEnvironment().render(source: "{{ page.url }}|{{ missing.x }}", path: "t.njk", context: context)
    #expect(out == "/a/|")
}
