import Templates

/// The site's navigation as the eleventy-navigation plugin builds it from `eleventyNavigation`
/// data, with the GOV.UK plugin's defaults: `key` is the title (the homepage's is the home key),
/// `parent` is the home key. Gives each page its breadcrumbs and previous/next siblings.
struct NavigationTree: Sendable {
    struct Entry: Sendable {
        var key: String
        var title: String
        var url: String
        var parent: String?
        var order: Double
        var excerpt: TemplateValue
        var page: Int
    }

    private(set) var entries: [Entry] = []
    private var byKey: [String: Int] = [:]
    private var childrenByParent: [String: [Int]] = [:]
    private var roots: [Int] = []
    /// Each entry's position among its parent's children, so siblings are found in constant time.
    private var positionInParent: [Int: Int] = [:]
    /// Each entry without its children, built once and shared by every page that shows it.
    private var summaries: [TemplateValue] = []
    /// The whole tree, as templates read it.
    private(set) var tree: TemplateValue = .array([])

    /// `pages` in collection order (date, then input path); only first pages with a URL take part.
    init(pages: [Page], order: [Int], homeKey: String) {
        for index in order {
            let page = pages[index]
            guard let url = page.url, page.pageNumber == 0, page.inCollections || url == "/" else { continue }
            let nav = page.data["eleventyNavigation"] ?? .undefined
            let title = page.data["title"]?.stringValue ?? ""
            let isHome = url == "/"
            var key = nav[member: "key"].stringValue
            if key.isEmpty { key = isHome ? homeKey : title }
            guard !key.isEmpty, byKey[key] == nil else { continue }
            var parent: String? = nav[member: "parent"].stringValue
            if parent?.isEmpty ?? true { parent = key == homeKey ? nil : homeKey }
            var navTitle = nav[member: "title"].stringValue
            if navTitle.isEmpty { navTitle = title.isEmpty ? key : title }
            let orderValue: Double = if case .number(let n) = nav[member: "order"] { n } else if case .number(let n)? = page.data["order"] { n } else { 0 }
            byKey[key] = entries.count
            entries.append(Entry(key: key, title: navTitle, url: url, parent: parent, order: orderValue, excerpt: nav[member: "excerpt"], page: index))
        }
        for (index, entry) in entries.enumerated() {
            if let parent = entry.parent, byKey[parent] != nil {
                childrenByParent[parent, default: []].append(index)
            } else if entry.parent == nil {
                roots.append(index)
            }
        }
        // Stable sort by order: ties keep collection order.
        for key in childrenByParent.keys {
            childrenByParent[key] = childrenByParent[key]!.enumerated().sorted {
                (entries[$0.element].order, $0.offset) < (entries[$1.element].order, $1.offset)
            }.map(\.element)
        }
        for children in childrenByParent.values {
            for (position, child) in children.enumerated() { positionInParent[child] = position }
        }
        summaries = entries.indices.map { .object(summary($0)) }
        tree = .array(roots.map { node($0, depth: 0) })
    }

    private func node(_ index: Int, depth: Int) -> TemplateValue {
        var object = summary(index)
        let children = depth < 50 ? (childrenByParent[entries[index].key] ?? []) : []
        object["children"] = .array(children.map { node($0, depth: depth + 1) })
        return .object(object)
    }

    private func summary(_ index: Int) -> TemplateObject {
        let entry = entries[index]
        var object = TemplateObject()
        object["key"] = .string(entry.key)
        object["title"] = .string(entry.title)
        object["url"] = .string(entry.url)
        object["parentKey"] = entry.parent.map(TemplateValue.string) ?? .undefined
        object["parent"] = entry.parent.map(TemplateValue.string) ?? .undefined
        object["order"] = .number(entry.order)
        object["excerpt"] = entry.excerpt
        object["pluginType"] = .string("eleventy-navigation")
        return object
    }

    /// Entries whose parent is not any page's key, for a warning.
    var orphans: [Entry] {
        entries.filter { entry in entry.parent.map { byKey[$0] == nil } ?? false }
    }

    /// What a page gets as `navigation`: the tree, its entry, its breadcrumbs (ancestors from the
    /// root), its children and its previous and next siblings.
    func data(forPage page: Int, key: String?) -> TemplateValue {
        var object = TemplateObject()
        object["tree"] = tree
        // The home entry on its own (no children), for the header's product name: a layout reading
        // it need not read the whole tree, and so is not rendered again whenever any title changes.
        if let home = roots.first(where: { entries[$0].url == "/" }) { object["home"] = summaries[home] }
        guard let key, let index = byKey[key] else {
            object["breadcrumbs"] = .array([])
            return .object(object)
        }
        object["current"] = summaries[index]
        var crumbs: [TemplateValue] = []
        var cursor = entries[index].parent
        var guardCount = 0
        while let parent = cursor, let parentIndex = byKey[parent], guardCount < 50 {
            crumbs.append(summaries[parentIndex])
            cursor = entries[parentIndex].parent
            guardCount += 1
        }
        object["breadcrumbs"] = .array(crumbs.reversed())
        object["children"] = .array((childrenByParent[key] ?? []).map { summaries[$0] })
        if let parent = entries[index].parent, let siblings = childrenByParent[parent], let position = positionInParent[index] {
            if position > 0 { object["previous"] = summaries[siblings[position - 1]] }
            if position + 1 < siblings.count { object["next"] = summaries[siblings[position + 1]] }
        }
        return .object(object)
    }

    /// What `data(forPage:key:)` is made of, but the tree, as text: the lines (one per entry, in
    /// `entries` order, saying everything its summary holds) of the entries it shows. Two builds
    /// give a page the same text exactly when they give it the same navigation data, tree apart;
    /// comparing the text is far cheaper than comparing the data.
    func dataSignature(forPage page: Int, key: String?, lines: [String]) -> String {
        func line(_ index: Int) -> String { index < lines.count ? lines[index] : "" }
        var text = roots.first(where: { entries[$0].url == "/" }).map { "home " + line($0) } ?? "no home"
        guard let key, let index = byKey[key] else { return text }
        text += "\ncurrent " + line(index)
        var cursor = entries[index].parent
        var guardCount = 0
        while let parent = cursor, let parentIndex = byKey[parent], guardCount < 50 {
            text += "\ncrumb " + line(parentIndex)
            cursor = entries[parentIndex].parent
            guardCount += 1
        }
        for child in childrenByParent[key] ?? [] { text += "\nchild " + line(child) }
        if let parent = entries[index].parent, let siblings = childrenByParent[parent], let position = positionInParent[index] {
            if position > 0 { text += "\nprevious " + line(siblings[position - 1]) }
            if position + 1 < siblings.count { text += "\nnext " + line(siblings[position + 1]) }
        }
        return text
    }

    func key(forPage page: Int) -> String? {
        entries.first { $0.page == page }?.key
    }

    /// The key of each page's entry, by page index.
    var keysByPage: [Int: String] {
        Dictionary(entries.map { ($0.page, $0.key) }, uniquingKeysWith: { a, _ in a })
    }
}
