/// What a template's text refers to, found without parsing it: the templates it extends, includes
/// or imports, and whether it names `collections`, `navigation` or `journeys`. Rebuilds use it to
/// know which pages a change can affect.
struct ScannedTemplate: Sendable {
    var references: [String] = []
    var mentions: Set<String> = []

    /// `dataKeys`: the global data names (`app`, `site`) to look for; each found is `data:<key>`.
    ///
    /// Runs on every page of every build, so it reads bytes (Foundation's `contains` on a Linux
    /// String goes through UTF-16), and a body without any `{{` or `{%` (most posts) is done at once.
    init(_ text: String, dataKeys: [String] = []) {
        // A comment alone counts as template syntax there; it is then scanned and names nothing.
        guard SiteRenderer.hasTemplateSyntax(text) else { return }
        let bytes = Array(text.utf8)
        // Only what is inside `{{ }}` and `{% %}` is read: a layout's doc comment may name
        // `journeys` or `collections`, and its markup says `navigation` in labels and ids.
        let code = Self.codeOnly(Self.withoutComments(bytes))
        for word in ["collections", "navigation", "journeys"] where Self.find(word, in: code) != nil { mentions.insert(word) }
        if Self.readsNavigationTree(code) { mentions.insert(Self.navigationTree) }
        if Self.readsItemContent(code) { mentions.insert(Self.itemContent) }
        for key in dataKeys where Self.find(key, in: code) != nil { mentions.insert("data:" + key) }
        // {% extends "x" %}, {% include "x" %}, {% import "x" as y %}, {% from "x" import y %}
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A }
        var index = 0
        while let open = Self.find("{%", in: bytes, from: index) {
            index = open + 2
            var tag = index
            while tag < bytes.count, isSpace(bytes[tag]) || bytes[tag] == UInt8(ascii: "-") { tag += 1 }
            guard let keyword = ["extends", "include", "import", "from"].first(where: { Self.has($0, in: bytes, at: tag) }) else { continue }
            var start = tag + keyword.utf8.count
            while start < bytes.count, isSpace(bytes[start]) { start += 1 }
            guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") else { continue }
            let quote = bytes[start]
            var end = start + 1
            while end < bytes.count, bytes[end] != quote, bytes[end] != 0x0A { end += 1 }
            if end > start + 1 { references.append(String(decoding: bytes[(start + 1)..<end], as: UTF8.self)) }
        }
    }

    /// Where `word` first occurs in `bytes` at or after `start`.
    static func find(_ word: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
        let word = Array(word.utf8)
        guard let first = word.first, bytes.count >= word.count else { return nil }
        var index = start
        while index <= bytes.count - word.count {
            if bytes[index] == first, bytes[index..<(index + word.count)].elementsEqual(word) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `word` stands in `bytes` at `index`.
    static func has(_ word: String, in bytes: [UInt8], at index: Int) -> Bool {
        let word = word.utf8
        return index + word.count <= bytes.count && bytes[index..<(index + word.count)].elementsEqual(word)
    }

    /// The mention of a page that paginates collections: what it shows of them is in its own
    /// pagination data, so it is rendered again when that data changes (and after data changes),
    /// not whenever any page's title does.
    static let paginatesCollections = "paginatesCollections"

    /// The mention of a template that may read the whole navigation tree (`navigation.tree`, or
    /// `navigation` passed on as a whole), which changes whenever any page's title does. A page's own
    /// navigation (breadcrumbs, previous, next, home) is compared page by page instead.
    static let navigationTree = "navigationTree"

    static func readsNavigationTree(_ text: String) -> Bool {
        readsNavigationTree(withoutComments(Array(text.utf8)))
    }

    /// `readsNavigationTree` of template bytes with the comments already left out.
    static func readsNavigationTree(_ bytes: [UInt8]) -> Bool {
        if find("navigation.tree", in: bytes) != nil || find("navigation[", in: bytes) != nil { return true }
        // A bare `navigation` (not `x.navigation`, `sub-navigation`, `navigationLabel`, `navigation:`
        // or `navigation.current`) hands the whole object, tree included, to whatever reads it.
        let word = Array("navigation".utf8)
        func isName(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x24 }
        var index = 0
        while index + word.count <= bytes.count {
            if bytes[index] == word[0], Array(bytes[index..<index + word.count]) == word {
                let before: UInt8? = index > 0 ? bytes[index - 1] : nil
                let after: UInt8? = index + word.count < bytes.count ? bytes[index + word.count] : nil
                // A quoted 'navigation' is a string (an id, a label), not the variable.
                let quoted = before.map { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") } ?? false && after == before
                let standsAlone = !quoted && !(before.map { isName($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") } ?? false)
                    && !(after.map { isName($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") } ?? false)
                if standsAlone { return true }
                index += word.count
            } else {
                index += 1
            }
        }
        return false
    }

    /// The bytes inside `{{ … }}` and `{% … %}` (the delimiters kept), everything else a space:
    /// the text around tags is written out as it is and names nothing. An unclosed tag runs to
    /// the end, as if it were code.
    static func codeOnly(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: UInt8(ascii: " "), count: bytes.count)
        var index = 0
        while index + 1 < bytes.count {
            let next = bytes[index + 1]
            guard bytes[index] == UInt8(ascii: "{"), next == UInt8(ascii: "{") || next == UInt8(ascii: "%") else { index += 1; continue }
            let close = next == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "%")
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
            let stop = min(end + 2, bytes.count)
            for position in index..<stop { out[position] = bytes[position] }
            index = stop
        }
        return out
    }

    /// The bytes with every `{# … #}` comment left out: what a comment says is not read.
    static func withoutComments(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "#") {
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "#") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
                index = end + 2
                out.append(UInt8(ascii: " "))
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
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
        readsItemContent(Array(text.utf8))
    }

    /// `readsItemContent` of template bytes.
    static func readsItemContent(_ bytes: [UInt8]) -> Bool {
        if find("templateContent", in: bytes) != nil || find("searchIndex", in: bytes) != nil || find("dump", in: bytes) != nil { return true }
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
