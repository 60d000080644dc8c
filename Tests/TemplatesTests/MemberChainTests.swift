import Templates
import Testing

/// `a.b.c` is read where `a` is stored (frame, context or global) without copying `a.b`: it must
/// give what reading `a.b` and then `.c` gives, whatever `a.b` is.
@Test func memberChainsReadInPlace() throws {
    var environment = TemplateEnvironment()
    environment.addGlobal("site", .object(TemplateObject([("meta", .object(TemplateObject([("name", .string("G"))])))])))
    let source = """
    {{ item.data.title }}|{{ item.data.tags.length }}|{{ item.url.length }}|{{ item.missing.title }}|{{ item.data.missing }}|\
    {% for p in items %}{{ p.data.title }}{% set p = {data: {title: "set"}} %}{{ p.data.title }}{% endfor %}|\
    {% set local = {a: {b: "frame"}} %}{{ local.a.b }}|{{ site.meta.name }}|{{ nothing.a.b }}|{{ item.data.title.length }}
    """
    let item = TemplateValue.object(TemplateObject([
        ("url", .string("/x/")), ("data", .object(TemplateObject([("title", .string("T")), ("tags", .array([.string("a"), .string("b")]))]))),
    ]))
    let out = try environment.render(source: source, path: "t", context: TemplateObject([("item", item), ("items", .array([item]))]))
    #expect(out == "T|2|3|||Tset|frame|G||1")
}
