import Foundation
import Templates

/// What a filter gave for each key, for the environment the filter belongs to, shared by the
/// threads that render with it: for filters asked the same thing on many pages, whose answer costs
/// more to make than to find. A post's date is written on the post and again in every list it is
/// in (its section's pages, each of its tags' pages, the homepage, the feed, the sitemap); a site
/// tags its posts from a small vocabulary, so the same tags' links come back on every post.
final class FilterValueCache<Key: Hashable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: TemplateValue] = [:]
    /// Above this many keys the cache is emptied: a site asking that many is not repeating itself.
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The value for `key`, made by `make` when it is not known yet.
    func value(for key: Key, make: () throws -> TemplateValue) rethrows -> TemplateValue {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = try make()
        lock.withLock {
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }
}

extension FilterValueCache where Key == Double {
    /// Room for about a date a post of a large site.
    convenience init() {
        self.init(limit: 100_000)
    }

    /// A date filter's text of a date value (`govukDate`'s `1 December 2023`, `atomDate`'s
    /// `2023-12-01T00:00:00Z`), made once per filter. Only date values are kept: a string may say
    /// "now", whose text changes.
    func text(of date: Date, make: () throws -> TemplateValue) rethrows -> TemplateValue {
        try value(for: date.timeIntervalSince1970, make: make)
    }
}

extension FilterValueCache where Key == String {
    /// Room for a tag vocabulary.
    convenience init() {
        self.init(limit: 10_000)
    }

    /// The link (`{href, html}`) of the tag `text`, as `tagLinks` gives it.
    func link(for text: String, make: () -> TemplateValue) -> TemplateValue {
        value(for: text, make: make)
    }
}

/// Each date value's text for one date filter (see `FilterValueCache.text(of:make:)`).
typealias DateTextCache = FilterValueCache<Double>
/// Each string tag's link for `tagLinks` (see `FilterValueCache.link(for:make:)`).
typealias TagLinkCache = FilterValueCache<String>
