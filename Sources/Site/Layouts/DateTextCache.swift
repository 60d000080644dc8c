import Foundation
import Templates

/// A date filter's text of each date value (`govukDate`'s `1 December 2023`, `atomDate`'s
/// `2023-12-01T00:00:00Z`), for the environment the filter belongs to. A post's date is written on
/// the post and again in every list it is in (its section's pages, each of its tags' pages, the
/// homepage, the feed, the sitemap), and formatting a date costs more than finding it here: each
/// date is formatted once per filter.
///
/// Only date values are kept: a string may say "now", whose text changes.
final class DateTextCache: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [Double: TemplateValue] = [:]
    /// Above this many dates the cache is emptied (a site has about a date a post).
    private let limit = 100_000

    /// The text of `date`, made by `make` when it is not known yet.
    func text(of date: Date, make: () throws -> TemplateValue) rethrows -> TemplateValue {
        let key = date.timeIntervalSince1970
        if let known = lock.withLock({ texts[key] }) { return known }
        let made = try make()
        lock.withLock {
            if texts.count >= limit { texts.removeAll(keepingCapacity: true) }
            texts[key] = made
        }
        return made
    }
}
