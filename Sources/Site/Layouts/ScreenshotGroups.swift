import Foundation
import Templates

/// Turns every shape of `screenshots` that real design histories write into one shape the
/// screenshots component renders: a list of groups `{title?, id?, items: [{title, id?, src?, alt?, caption?}]}`.
///
/// Accepted: one group `{title?, items}`, a list of groups, a bare list of items; an item is a bare
/// string, `{text, src, alt, caption, id}`, or the older `{text, img: {src, alt}}`.
///
/// Given the site's `slugify`, each item also gets its `id` (its own, or its title slugified; a
/// repeated id gets `-1`, `-2`… as markdown-it-anchor does, so the page stays valid HTML) and its
/// `src` (its own, or the slugified title + `.png`).
public enum ScreenshotGroups {
    /// `reserved`: ids the page already uses (its headings), which items must not take.
    public static func normalise(_ value: TemplateValue, slugify: ((String) -> String)? = nil, reserved: Set<String> = []) -> [TemplateValue] {
        // Items are named as they are made, in order: an object is built once, not copied to be named.
        var naming = slugify.map { ItemNaming(slugify: $0, reserved: reserved) }
        switch value {
        case .undefined, .null: return []
        case .string, .safe: return [group(title: .undefined, id: .undefined, items: [value], naming: &naming)]
        case .object:
            return [group(title: value[member: "title"], id: value[member: "id"], items: items(of: value), naming: &naming)]
        case .array(let elements):
            let isGroupList = !elements.isEmpty && elements.allSatisfy { element in
                if case .array = element[member: "items"] { return true }
                return false
            }
            if isGroupList {
                var groups: [TemplateValue] = []
                groups.reserveCapacity(elements.count)
                for element in elements {
                    groups.append(group(title: element[member: "title"], id: element[member: "id"], items: items(of: element), naming: &naming))
                }
                return groups
            }
            return [group(title: .undefined, id: .undefined, items: elements, naming: &naming)]
        default: return []
        }
    }

    /// Gives items their `id` (unique on the page) and `src`, with the site's `slugify`.
    private struct ItemNaming {
        let slugify: (String) -> String
        /// Ids taken so far, each with the next suffix to try.
        var seen: [String: Int] = [:]

        init(slugify: @escaping (String) -> String, reserved: Set<String>) {
            self.slugify = slugify
            // Room for the page's ids and a few items, so that naming them does not grow the table.
            seen.reserveCapacity(reserved.count + 8)
            for id in reserved { seen[id] = 1 }
        }

        mutating func name(_ object: inout TemplateObject) {
            let slug = slugify((object["title"] ?? .undefined).stringValue)
            let ownId = object["id"] ?? .undefined
            var id = ownId.isTruthy ? ownId.stringValue : slug
            // Taken in one lookup when new (most ids); a taken id gets the next free suffix.
            if let count = seen.updateValue(1, forKey: id) {
                var next = count
                while seen["\(id)-\(next)"] != nil { next += 1 }
                seen[id] = next + 1
                id = "\(id)-\(next)"
                seen[id] = 1
            }
            object["id"] = .string(id)
            if !(object["src"] ?? .undefined).isTruthy { object["src"] = .string((ownId.isTruthy ? ownId.stringValue : slug) + ".png") }
        }
    }

    private static func items(of group: TemplateValue) -> [TemplateValue] {
        if case .array(let items) = group[member: "items"] { return items }
        return []
    }

    private static func group(title: TemplateValue, id: TemplateValue, items: [TemplateValue], naming: inout ItemNaming?) -> TemplateValue {
        var object = TemplateObject()
        if title.isTruthy { object["title"] = title }
        if id.isTruthy { object["id"] = id }
        var list: [TemplateValue] = []
        list.reserveCapacity(items.count)
        for value in items {
            guard var item = item(value) else { continue }
            naming?.name(&item)
            list.append(.object(item))
        }
        object["items"] = .array(list)
        return .object(object)
    }

    private static func item(_ value: TemplateValue) -> TemplateObject? {
        // The item's pairs first, then the object at once, sized for them and the `id` and `src`
        // that naming may add.
        var pairs: [(String, TemplateValue)] = []
        switch value {
        case .string, .safe, .number:
            guard value.isTruthy else { return nil }
            pairs = [("title", .string(value.stringValue))]
        case .object:
            let image = value[member: "img"]
            let title = first(value[member: "text"], value[member: "title"])
            let src = first(value[member: "src"], image[member: "src"])
            guard title.isTruthy || src.isTruthy else { return nil }
            pairs.reserveCapacity(7)
            pairs.append(("title", title.isTruthy ? title : .string(fileStem(src.stringValue))))
            let id = value[member: "id"]
            if id.isTruthy { pairs.append(("id", id)) }
            if src.isTruthy { pairs.append(("src", src)) }
            let alt = first(value[member: "alt"], image[member: "alt"])
            if alt.isTruthy { pairs.append(("alt", alt)) }
            let caption = value[member: "caption"]
            if caption.isTruthy { pairs.append(("caption", caption)) }
        default: return nil
        }
        return TemplateObject(pairs)
    }

    private static func first(_ a: TemplateValue, _ b: TemplateValue) -> TemplateValue { a.isTruthy ? a : b }

    /// A file name without folders or extension, as the title of an item that only has a `src`.
    private static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The values of the `id` attributes in an HTML fragment.
    public static func ids(inHTML html: String) -> Set<String> {
        var ids = Set<String>()
        // Byte-wise and in place: every delimiter is ASCII, and this runs on the content of every
        // post. `memchr` finds each `=` (rarer than the spaces), then ` id="` is checked around it.
        var html = html
        html.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let quote = UInt8(ascii: "\"")
            let count = bytes.count
            // Where the next `=` may be: ` id="` has three bytes before its `=`.
            var position = 3
            while position + 1 < count {
                guard let found = memchr(base + position, 0x3D, count - position) else { break }
                let equals = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                position = equals + 1
                guard bytes[equals - 3] == 0x20, bytes[equals - 2] == UInt8(ascii: "i"), bytes[equals - 1] == UInt8(ascii: "d"),
                      equals + 1 < count, bytes[equals + 1] == quote else { continue }
                let valueStart = equals + 2
                var end = valueStart
                while end < count, bytes[end] != quote { end += 1 }
                guard end < count else { break }
                ids.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self))
                // The next ` id="` starts after the closing quote: its `=` is three bytes further.
                position = end + 4
            }
        }
        return ids
    }
}
