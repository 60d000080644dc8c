/// What a template's text refers to, found without parsing it: the templates it extends, includes
/// or imports, and whether it names `collections`, `navigation` or `journeys`. Rebuilds use it to
/// know which pages a change can affect.
struct ScannedTemplate: Sendable {
    var references: [String] = []
    var mentions: Set<String> = []

    /// `dataKeys`: the global data names (`app`, `site`) to look for; each found is `data:<key>`.
    init(_ text: String, dataKeys: [String] = []) {
        for word in ["collections", "navigation", "journeys"] where text.contains(word) { mentions.insert(word) }
        if Self.readsItemContent(text) { mentions.insert(Self.itemContent) }
        for key in dataKeys where text.contains(key) { mentions.insert("data:" + key) }
        // {% extends "x" %}, {% include "x" %}, {% import "x" as y %}, {% from "x" import y %}
        var rest = Substring(text)
        while let open = rest.range(of: "{%") {
            rest = rest[open.upperBound...]
            let tag = rest.drop { $0 == " " || $0 == "-" || $0 == "\n" }
            guard let keyword = ["extends", "include", "import", "from"].first(where: { tag.hasPrefix($0) }) else { continue }
            let afterKeyword = tag.dropFirst(keyword.count).drop { $0 == " " || $0 == "\n" }
            guard let quote = afterKeyword.first, quote == "\"" || quote == "'" else { continue }
            let name = afterKeyword.dropFirst().prefix { $0 != quote && $0 != "\n" }
            if !name.isEmpty { references.append(String(name)) }
        }
    }

    /// The mention of a template that may read the rendered content of other pages (collection
    /// items' `templateContent` or `content`, the search index): such a page is rendered again
    /// whenever any page's body changes.
    static let itemContent = "itemContent"

    /// Whether `text` may read a collection item's rendered content: `templateContent`, the
    /// `searchIndex` filter, `dump` (which prints whole items), or `content` as a member
    /// (`item.content`, `item["content"]`, `attribute="content"`). A macro's own `params.content`
    /// and the page's own `content` are not other pages' content.
    static func readsItemContent(_ text: String) -> Bool {
        if text.contains("templateContent") || text.contains("searchIndex") || text.contains("dump") { return true }
        let bytes = Array(text.utf8)
        let word = Array("content".utf8)
        let params = Array("params.".utf8)
        guard bytes.count > word.count else { return false }
        var index = 1
        while index + word.count <= bytes.count {
            defer { index += 1 }
            guard bytes[index] == word[0], bytes[index..<(index + word.count)].elementsEqual(word) else { continue }
            let before = bytes[index - 1]
            let after = index + word.count < bytes.count ? bytes[index + word.count] : 0
            let continuesWord = (after >= 0x61 && after <= 0x7A) || (after >= 0x41 && after <= 0x5A) || (after >= 0x30 && after <= 0x39) || after == 0x5F
            guard !continuesWord else { continue }
            if before == 0x2E {  // .content
                if index >= params.count, bytes[(index - params.count)..<index].elementsEqual(params) { continue }
                return true
            }
            if before == 0x22 || before == 0x27, after == before { return true }  // "content" or 'content'
        }
        return false
    }
}
