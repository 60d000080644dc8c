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
        normalise(value, slugify: slugify, reservedIds: reserved)
    }

    /// `normalise` with the page's ids in a list (see `idList(inHTML:)`): no set to build for a
    /// page's few headings.
    public static func normalise(_ value: TemplateValue, slugify: ((String) -> String)?, reservedIds reserved: some Collection<String>) -> [TemplateValue] {
        normalise(value, slugify: slugify, reservedIds: reserved, presentation: nil)
    }

    /// `normalise`, each item also given the fields the component writes (see `ScreenshotPresentation`).
    static func normalise(_ value: TemplateValue, slugify: ((String) -> String)?, reservedIds reserved: some Collection<String>,
                          presentation: ScreenshotPresentation?) -> [TemplateValue] {
        // Items are named as they are made, in order: an object is built once, not copied to be named.
        var naming = slugify.map { ItemNaming(slugify: $0, reserved: reserved) }
        switch value {
        case .undefined, .null: return []
        case .string, .safe: return [group(title: .undefined, id: .undefined, items: [value], naming: &naming, presentation: presentation)]
        case .object:
            return [group(title: value[member: "title"], id: value[member: "id"], items: items(of: value), naming: &naming, presentation: presentation)]
        case .array(let elements):
            let isGroupList = !elements.isEmpty && elements.allSatisfy { element in
                if case .array = element[member: "items"] { return true }
                return false
            }
            if isGroupList {
                var groups: [TemplateValue] = []
                groups.reserveCapacity(elements.count)
                for element in elements {
                    groups.append(group(title: element[member: "title"], id: element[member: "id"], items: items(of: element), naming: &naming, presentation: presentation))
                }
                return groups
            }
            return [group(title: .undefined, id: .undefined, items: elements, naming: &naming, presentation: presentation)]
        default: return []
        }
    }

    /// Gives items their `id` (unique on the page) and `src`, with the site's `slugify`.
    private struct ItemNaming {
        let slugify: (String) -> String
        /// Ids taken so far (the page's own first), each with the next suffix to try.
        var seen: ScreenshotIds

        init(slugify: @escaping (String) -> String, reserved: some Collection<String>) {
            self.slugify = slugify
            seen = ScreenshotIds(reserved: reserved)
        }

        /// The item's id, taken (its own, else its title slugified, with a suffix if already
        /// taken), and its own id or slug, which names its file when it has no `src`.
        mutating func name(title: TemplateValue, ownId: TemplateValue) -> (id: String, stem: String) {
            let stem = ownId.isTruthy ? ownId.stringValue : slugify(title.stringValue)
            return (seen.take(stem), stem)
        }
    }

    private static func items(of group: TemplateValue) -> [TemplateValue] {
        if case .array(let items) = group[member: "items"] { return items }
        return []
    }

    private static func group(title: TemplateValue, id: TemplateValue, items: [TemplateValue], naming: inout ItemNaming?,
                              presentation: ScreenshotPresentation?) -> TemplateValue {
        var object = TemplateObject()
        if title.isTruthy { object["title"] = title }
        if id.isTruthy { object["id"] = id }
        var list: [TemplateValue] = []
        list.reserveCapacity(items.count)
        for value in items {
            guard let item = item(value, naming: &naming, presentation: presentation) else { continue }
            list.append(.object(item))
        }
        object["items"] = .array(list)
        return .object(object)
    }

    /// One item as an object, named (`id`, `src`) as it is made: its pairs are gathered first and
    /// the object made once, sized for them. The keys keep the order they had when naming set
    /// them on a made object: `title`, its own `id`, `src`, `alt`, `caption`, then an `id` and a
    /// `src` that naming added, then the fields of `presentation`.
    private static func item(_ value: TemplateValue, naming: inout ItemNaming?, presentation: ScreenshotPresentation?) -> TemplateObject? {
        var pairs: [(String, TemplateValue)] = []
        pairs.reserveCapacity(presentation == nil ? 7 : 13)
        var title = TemplateValue.undefined, ownId = TemplateValue.undefined, src = TemplateValue.undefined
        var alt = TemplateValue.undefined, caption = TemplateValue.undefined
        // The item's id as the component reads it, and whether naming gave it already.
        var id = TemplateValue.undefined
        var named = false
        switch value {
        case .string, .safe, .number:
            guard value.isTruthy else { return nil }
            title = .string(value.stringValue)
            pairs.append(("title", title))
        case .object:
            let image = value[member: "img"]
            title = first(value[member: "text"], value[member: "title"])
            src = first(value[member: "src"], image[member: "src"])
            guard title.isTruthy || src.isTruthy else { return nil }
            if !title.isTruthy { title = .string(fileStem(src.stringValue)) }
            pairs.append(("title", title))
            ownId = value[member: "id"]
            let name = naming != nil && ownId.isTruthy ? naming?.name(title: title, ownId: ownId) : nil
            if ownId.isTruthy {
                id = name.map { .string($0.id) } ?? ownId
                pairs.append(("id", id))
            }
            if src.isTruthy { pairs.append(("src", src)) }
            alt = first(value[member: "alt"], image[member: "alt"])
            if alt.isTruthy { pairs.append(("alt", alt)) }
            caption = value[member: "caption"]
            if caption.isTruthy { pairs.append(("caption", caption)) }
            if let name {
                named = true
                if !src.isTruthy {
                    src = .string(ScreenshotPresentation.joined(name.stem, ".png"))
                    pairs.append(("src", src))
                }
            }
        default: return nil
        }
        if !named, naming != nil, let name = naming?.name(title: title, ownId: ownId) {
            id = .string(name.id)
            pairs.append(("id", id))
            if !src.isTruthy {
                src = .string(ScreenshotPresentation.joined(name.stem, ".png"))
                pairs.append(("src", src))
            }
        }
        presentation?.appendFields(title: title, id: id, src: src, alt: alt, caption: caption, to: &pairs)
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
        Set(idList(inHTML: html))
    }

    /// The values of the `id` attributes in an HTML fragment, in order (repeated if repeated).
    public static func idList(inHTML html: String) -> [String] {
        var ids: [String] = []
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
                ids.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self))
                // The next ` id="` starts after the closing quote: its `=` is three bytes further.
                position = end + 4
            }
        }
        return ids
    }
}
