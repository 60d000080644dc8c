import Foundation
import Testing
@testable import Site
import Templates

/// The search index's token cache gives what finding the tokens again would, and notices a page
/// whose content changed.
@Suite struct SearchTokenCacheTests {
    func pages(_ body: String) -> TemplateValue {
        let data = TemplateObject([("title", .string("A post"))])
        let item = TemplateObject([("url", .string("/posts/a/")), ("data", .object(data)), ("templateContent", .safe(body))])
        return .array([.object(item)])
    }

    @Test func cachedTokensMatchFreshOnesAndFollowAChange() {
        let cache = SearchTokenCache()
        let first = pages("<p>Users read the <em>guidance</em> first.</p>")
        #expect(LayoutFilters.searchIndexJSON(first, prefix: "/", tokens: cache) == LayoutFilters.searchIndexJSON(first, prefix: "/"))
        #expect(LayoutFilters.searchIndexJSON(first, prefix: "/", tokens: cache) == LayoutFilters.searchIndexJSON(first, prefix: "/"))
        let second = pages("<p>Zebras read it too.</p>")
        let index = LayoutFilters.searchIndexJSON(second, prefix: "/", tokens: cache)
        #expect(index == LayoutFilters.searchIndexJSON(second, prefix: "/"))
        #expect(index.contains("\"zebras\"") && !index.contains("\"guidance\""))
    }
}
