import Foundation
import Templates

/// Each tag's link as `tagLinks` gives it (`{href, html}`), by the tag's text, for the environment
/// the filter belongs to. A site tags its posts from a small vocabulary, so the same few tags come
/// back on every post: a link is made once (slug, URL, encoding, escaping, object) and shared.
final class TagLinkCache: @unchecked Sendable {
    private let lock = NSLock()
    private var links: [String: TemplateValue] = [:]
    /// Above this many tags the cache is emptied: a site with more is not using a vocabulary.
    private let limit = 10_000

    /// The link of the tag `text`, made by `make` when it is not known yet.
    func link(for text: String, make: () -> TemplateValue) -> TemplateValue {
        if let known = lock.withLock({ links[text] }) { return known }
        let link = make()
        lock.withLock {
            if links.count >= limit { links.removeAll(keepingCapacity: true) }
            links[text] = link
        }
        return link
    }
}
