import Foundation
import Templates

/// The second scenario: a post through the site's real built-in GOV.UK layouts (`layouts/post.njk`
/// extending page, base and the GOV.UK template, with their macros), read from the Site module's
/// resources. The site's own filters are replaced by cheap stand-ins of the same names, so that the
/// time measured is the engine's; the context is shaped like the one the site gives a post.
enum GovukLayouts {
    /// The site's built-in templates, or the folder `GOVUK_TEMPLATES` names (to try variants).
    static let templates = ProcessInfo.processInfo.environment["GOVUK_TEMPLATES"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/Site/Resources/Templates").standardizedFileURL

    static func environment() -> TemplateEnvironment {
        var environment = TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: [templates]))
        let identity: TemplateFilter = { value, _ in .string(value.stringValue) }
        environment.addFilter("url", identity)
        environment.addFilter("prefixUrl", pure: true, identity)
        environment.addFilter("encodeUrl", pure: true, identity)
        environment.addFilter("prefixLinks") { value, _ in .safe(value.stringValue) }
        environment.addFilter("markdown") { value, _ in .safe(value.stringValue) }
        environment.addFilter("absoluteUrl") { value, arguments in .string(arguments.value(at: 0).stringValue + value.stringValue) }
        environment.addFilter("atomDate") { value, _ in
            guard case .date(let date) = value else { return .undefined }
            return .string(String(Int(date.timeIntervalSince1970)))
        }
        environment.addFilter("asList") { value, _ in
            switch value {
            case .array: value
            case .undefined, .null: .array([])
            default: .array([value])
            }
        }
        environment.addFilter("relatedSections") { value, _ in value.isTruthy ? value : .array([]) }
        environment.addFilter("urlStartsWith") { value, arguments in .bool(value.stringValue.hasPrefix(arguments.value(at: 0).stringValue)) }
        // Every screenshot has the same size; the site's filter remembers each image's size too.
        let size = TemplateValue.object(TemplateObject([("width", .number(1280)), ("height", .number(800))]))
        environment.addFilter("imageSize") { _, _ in size }
        // The site's filter normalises every shape of `screenshots`; the benchmark's are one shape,
        // with ASCII titles, whose ids it makes byte by byte (lowercasing and grapheme-walking them
        // as Characters cost a twentieth of the whole chain, which is not the engine's time).
        environment.addFilter("screenshotGroups") { value, _ in
            guard case .array(let items) = value else { return .array([]) }
            let normalised: [TemplateValue] = items.map { item in
                let title = item[member: "text"].stringValue
                let id = String(decoding: title.utf8.map { $0 == 0x20 ? 0x2D : (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
                // With what the component writes ready, as the site's filter hands it over.
                return .object(TemplateObject([("title", .string(title)), ("id", .string(id)),
                                               ("src", item[member: "src"]), ("alt", .undefined), ("caption", .undefined),
                                               ("url", item[member: "src"]), ("width", .number(1280)), ("height", .number(800)),
                                               ("titleHtml", .safe(title)), ("altHtml", .safe("Screenshot of " + title)), ("captionHtml", .undefined)]))
            }
            return .array([.object(TemplateObject([("items", .array(normalised))]))])
        }
        // The site's filter gives each tag its link and escaped text, each made once.
        environment.addFilter("tagLinks", pure: true) { value, _ in
            let tags: [TemplateValue] = if case .array(let items) = value { items } else if value.isTruthy { [value] } else { [] }
            return .array(tags.map { tag in
                .object(TemplateObject([("href", .string("/tags/" + tag.stringValue + "/")), ("html", .safe(tag.stringValue))]))
            })
        }
        environment.addGlobal("generatedPages", .object(TemplateObject([("feed", .bool(true)), ("search-index", .bool(true)), ("sitemap", .bool(true)), ("tags", .bool(true))])))
        return environment
    }

    static func object(_ pairs: [(String, TemplateValue)]) -> TemplateValue { .object(TemplateObject(pairs)) }

    /// The context of post `n`: what differs between posts differs here too.
    static func context(post n: Int) -> TemplateObject {
        let paragraph = "<p>We looked at how people sign in to the service, and what happens when they cannot. Most users already have an account.</p>\n"
        let content = "<h2 id=\"what-we-did\">What we did</h2>\n" + String(repeating: paragraph, count: 6)
        func link(_ i: Int) -> TemplateValue { object([("url", .string("/section/post-\(i)/")), ("title", .string("Post number \(i)"))]) }
        return TemplateObject([
            ("layout", .string("post")),
            ("title", .string("Signing in, part \(n)")),
            ("description", .string("How users sign in to the service.")),
            ("tags", .array([.string("authentication"), .string("users")])),
            ("screenshots", .array((1...3).map { object([("text", .string("Screen \($0)")), ("src", .string("0\($0).png"))]) })),
            ("content", .safe(content)),
            ("eleventyNavigation", object([("parent", .string("A section"))])),
            ("page", object([("url", .string("/section/post-\(n)/")), ("date", .date(Date(timeIntervalSince1970: 1_701_388_800 + Double(n) * 86_400))),
                             ("inputPath", .string("./app/posts/section/post-\(n).md")), ("fileSlug", .string("post-\(n)"))])),
            ("options", object([("url", .string("https://benchmark.example.gov.uk/")), ("header", object([("productName", .string("Benchmark history"))]))])),
            ("navigation", object([
                ("home", object([("url", .string("/")), ("title", .string("Benchmark history"))])),
                ("breadcrumbs", .array([object([("url", .string("/")), ("title", .string("Benchmark history"))]),
                                        object([("url", .string("/section/")), ("title", .string("A section"))])])),
                ("previous", link(n - 1)), ("next", link(n + 1)),
            ])),
        ])
    }

    /// Renders `count` different posts `runs` times; returns the thread CPU time of each run per post.
    static func run(posts count: Int, runs: Int, cpuTime: () -> Double) throws -> (bytes: Int, perPost: [Double]) {
        let environment = environment()
        let layout = try environment.template(named: "layouts/post.njk")
        let contexts = (0..<count).map { context(post: $0) }
        let bytes = try layout.render(context: contexts[0]).utf8.count
        var perPost: [Double] = []
        for _ in 0..<runs {
            let start = cpuTime()
            var total = 0
            for context in contexts { total &+= try layout.render(context: context).utf8.count }
            perPost.append((cpuTime() - start) / Double(count))
            precondition(total >= bytes * count / 2)
        }
        return (bytes, perPost)
    }
}

extension GovukLayouts {
    /// Each level of the chain on its own (`GOVUK_LEVELS=1`): where a post's time goes.
    static func levels(cpuTime: () -> Double) throws {
        let environment = environment()
        let contexts = (0..<1000).map { context(post: $0) }
        for name in ["govuk/template.njk", "layouts/base.njk", "layouts/page.njk", "layouts/post.njk"] {
            let layout = try environment.template(named: name)
            var best = Double.infinity
            for _ in 0..<5 {
                let start = cpuTime()
                for context in contexts { _ = try layout.render(context: context) }
                best = min(best, (cpuTime() - start) / Double(contexts.count))
            }
            print(String(format: "%@: fastest %.1f µs per post", name, best * 1e6))
        }
    }
}
