import Foundation

/// Each page's search tokens (as JSON) with the content they were found in, kept across the
/// rebuilds of `serve` by the environment the `searchIndex` filter belongs to. A page whose
/// content is unchanged reuses its tokens; finding them is most of the index's cost.
final class SearchTokenCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (content: String, json: String)] = [:]
    /// Above this many entries the cache is emptied: pages renamed or removed leave entries behind.
    private let limit = 100_000

    /// Makes room for `count` pages before they are looked up (from every core at once): the table
    /// is sized once rather than rebuilt as it fills.
    func reserve(_ count: Int) {
        lock.withLock {
            if entries.capacity < count { entries.reserveCapacity(min(count, limit)) }
        }
    }

    /// The tokens of the page at `url` as a JSON array, found again only when `content` differs
    /// from the content they were found in.
    func tokensJSON(for url: String, content: String) -> String {
        if let known = lock.withLock({ entries[url] }), known.content == content { return known.json }
        let json = LayoutFilters.searchTokensJSON(content)
        lock.withLock {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[url] = (content, json)
        }
        return json
    }
}
