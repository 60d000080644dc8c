import Foundation
import Templates

/// What other pages can see of a page through `collections`, without its rendered content: its
/// collection item (url, paths, date, data). A rebuild compares a changed page's summary before and
/// after: when it is the same (an edit of the body text), pages that list the page but never read
/// other pages' content need not be rendered again.
struct CollectionSummary {
    let item: TemplateValue
    /// The page's `navigation` data, kept apart: it changes on every page when any title in the
    /// navigation does, and only pages that read `navigation` see it.
    let navigation: TemplateValue

    init(_ page: Page) {
        var page = page
        // Without the whole tree, the same on every page: a change of it is the navigation's
        // signature changing, which renders every page that reads `navigation`.
        if case .object(var own)? = page.data["navigation"] {
            if own["tree"] != nil { own["tree"] = .undefined }
            navigation = .object(own)
        } else {
            navigation = page.data["navigation"] ?? .undefined
        }
        if page.data["navigation"] != nil { page.data["navigation"] = .undefined }
        item = SiteSession.collectionItem(page, content: nil)
    }

    /// Whether two summaries are the same value. Functions never compare equal: a page whose data
    /// holds one is treated as changed.
    func isSame(as other: CollectionSummary) -> Bool {
        Self.same(item, other.item, depth: 0)
    }

    /// Whether the two pages' `navigation` data are the same.
    func hasSameNavigation(as other: CollectionSummary) -> Bool {
        Self.same(navigation, other.navigation, depth: 0)
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
            return x.keys == y.keys && x.keys.allSatisfy { key in same(x[key] ?? .undefined, y[key] ?? .undefined, depth: depth + 1) }
        default: return false
        }
    }
}
