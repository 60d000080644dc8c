import Foundation
import Templates

/// What other pages can see of a page through `collections`, without its rendered content: its
/// collection item (url, paths, date, data). A rebuild compares a changed page's summary before and
/// after: when it is the same (an edit of the body text), pages that list the page but never read
/// other pages' content need not be rendered again.
struct CollectionSummary {
    let page: Page

    init(_ page: Page) {
        self.page = page
    }

    /// Whether two pages show the same collection item: the item is made of the page's date and
    /// data (`page` in it gives url, paths and slug), compared here without building it. The
    /// `navigation` data is compared apart (`hasSameNavigation`): it changes on every page when
    /// any title in the navigation does, and only pages that read `navigation` see it.
    /// Functions never compare equal: a page whose data holds one is treated as changed.
    func isSame(as other: CollectionSummary) -> Bool {
        page.date == other.page.date && Self.same(page.data, other.page.data, skipping: "navigation")
    }

    /// `isSame`, leaving out more keys too (global data that changed, which every page has).
    func isSame(as other: CollectionSummary, skipping keys: Set<String>) -> Bool {
        guard page.date == other.page.date, page.data.keys == other.page.data.keys else { return false }
        for (x, y) in zip(page.data.pairs, other.page.data.pairs) where x.key != "navigation" && !keys.contains(x.key) {
            guard Self.same(x.value, y.value, depth: 1) else { return false }
        }
        return true
    }

    /// Whether the two pages' `navigation` data are the same, but for the whole tree: it is the
    /// same on every page, and its change is the navigation's signature changing, which renders
    /// every page that reads `navigation`.
    func hasSameNavigation(as other: CollectionSummary) -> Bool {
        switch (page.data["navigation"] ?? .undefined, other.page.data["navigation"] ?? .undefined) {
        case (.object(let a), .object(let b)): return Self.same(a, b, skipping: "tree")
        case (let a, let b): return Self.same(a, b, depth: 0)
        }
    }

    static func same(_ a: TemplateObject, _ b: TemplateObject, skipping skipped: String) -> Bool {
        guard a.keys == b.keys else { return false }
        // Pair by position (the keys are the same, in order): no lookup by name per key.
        for (x, y) in zip(a.pairs, b.pairs) where x.key != skipped {
            guard same(x.value, y.value, depth: 1) else { return false }
        }
        return true
    }

    static func same(_ a: TemplateValue, _ b: TemplateValue, depth: Int) -> Bool {
        guard depth < 64 else { return false }  // deeper than data goes: call it changed
        switch (a, b) {
        case (.undefined, .undefined), (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)), (.safe(let x), .safe(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1, depth: depth + 1) }
        case (.object(let x), .object(let y)):
            return x.keys == y.keys && zip(x.pairs, y.pairs).allSatisfy { same($0.value, $1.value, depth: depth + 1) }
        default: return false
        }
    }
}
