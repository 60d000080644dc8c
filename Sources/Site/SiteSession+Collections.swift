import Foundation
import Templates

/// Collections: `all`, one per tag, and the configuration's glob collections, each in date order
/// with ties broken by input path.
extension SiteSession {
    /// Indices of the pages that belong in collections, in collection order.
    static func collectionOrder(_ pages: [Page]) -> [Int] {
        pages.indices.filter { pages[$0].inCollections }.sorted {
            let a = pages[$0], b = pages[$1]
            if a.date != b.date { return a.date < b.date }
            if a.inputPath != b.inputPath { return a.inputPath < b.inputPath }
            return $0 < $1
        }
    }

    /// A page as a collection item: `url`, `inputPath`, `fileSlug`, `filePathStem`, `outputPath`,
    /// `date`, `data`, `page`, and `templateContent` once bodies are rendered.
    static func collectionItem(_ page: Page, content: String?) -> TemplateValue {
        let pageObject = page.data["page"] ?? .undefined
        // Made from its pairs at once: the object is sized once instead of grown key by key (an
        // item is made for every page, up to three times a build).
        var pairs: [(String, TemplateValue)] = [
            ("url", pageObject[member: "url"]),
            ("inputPath", pageObject[member: "inputPath"]),
            ("fileSlug", pageObject[member: "fileSlug"]),
            ("filePathStem", pageObject[member: "filePathStem"]),
            ("outputPath", pageObject[member: "outputPath"]),
            ("date", .date(page.date)),
            ("data", .object(page.data)),
            ("page", pageObject),
        ]
        if let content {
            pairs.append(("templateContent", .safe(content)))
            pairs.append(("content", .safe(content)))
        }
        return .object(TemplateObject(pairs))
    }

    /// The folders of `posts/`, each a section collection; listed once a build (collections are
    /// built up to three times in one).
    func sectionFolders() -> [String] {
        if let known = state.sectionFolders { return known }
        let folders = DirectoryWalker.subfolders(of: configuration.inputURL.appendingPathComponent("posts").path)
        state.sectionFolders = folders
        return folders
    }

    /// Build every collection from the pages (with their rendered bodies, when given).
    func buildCollections(_ pages: [Page], templates: [SourceTemplate], contents: [String]? = nil) -> TemplateObject {
        buildCollections(pages, templates: templates, contents: contents, cachedItems: nil).collections
    }

    /// Build every collection, taking the items given in `cachedItems` (by page) instead of making
    /// them again; returns the collections and each page's item (nil for pages not in collections).
    func buildCollections(_ pages: [Page], templates: [SourceTemplate], contents: [String]?,
                          cachedItems: [TemplateValue?]?) -> (collections: TemplateObject, items: [TemplateValue?]) {
        let order = Self.collectionOrder(pages)
        let items = order.map { index in
            if let cachedItems, index < cachedItems.count, let item = cachedItems[index] { return item }
            return Self.collectionItem(pages[index], content: contents?[index])
        }
        var itemsByPage = [TemplateValue?](repeating: nil, count: pages.count)
        for (position, index) in order.enumerated() { itemsByPage[index] = items[position] }
        var collections = TemplateObject()
        collections["all"] = .array(items)
        var byTag: [String: [TemplateValue]] = [:]
        var tagOrder: [String] = []
        for (position, index) in order.enumerated() {
            for tag in pages[index].tags {
                if byTag[tag] == nil { tagOrder.append(tag) }
                byTag[tag, default: []].append(items[position])
            }
        }
        for tag in tagOrder.sorted() where tag != "all" { collections[tag] = .array(byTag[tag] ?? []) }
        let inputName = configuration.inputName
        var declared = configuration.collections
        if configuration.sectionCollections {
            for folder in sectionFolders() where !declared.contains(where: { $0.name == folder }) {
                declared.append((folder, ["posts/\(folder)/*.md"]))
            }
        }
        for (name, globs) in declared {
            let patterns = globs.map { glob -> Glob in
                var g = glob
                while g.hasPrefix("./") { g.removeFirst(2) }
                if g.hasPrefix(inputName + "/") { g.removeFirst(inputName.count + 1) }
                return Glob(g)
            }
            var members: [TemplateValue] = []
            for (position, index) in order.enumerated() {
                let template = templates[pages[index].template]
                guard !template.isVirtual else { continue }
                if patterns.contains(where: { $0.matches(template.path.relative) }) { members.append(items[position]) }
            }
            collections[name] = .array(members)
        }
        return (collections, itemsByPage)
    }
}
