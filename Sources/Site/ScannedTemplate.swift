/// What a template's text refers to, found without parsing it: the templates it extends, includes
/// or imports, and whether it names `collections`, `navigation` or `journeys`. Rebuilds use it to
/// know which pages a change can affect.
struct ScannedTemplate: Sendable {
    var references: [String] = []
    var mentions: Set<String> = []

    /// `dataKeys`: the global data names (`app`, `site`) to look for; each found is `data:<key>`.
    init(_ text: String, dataKeys: [String] = []) {
        for word in ["collections", "navigation", "journeys"] where text.contains(word) { mentions.insert(word) }
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
}
