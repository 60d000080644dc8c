import Templates

/// Turns every shape of `screenshots` that real design histories write into one shape the
/// screenshots component renders: a list of groups `{title?, id?, items: [{title, id?, src?, alt?, caption?}]}`.
///
/// Accepted: one group `{title?, items}`, a list of groups, a bare list of items; an item is a bare
/// string, `{text, src, alt, caption, id}`, or the older `{text, img: {src, alt}}`. Ids and default
/// file names are left to the template (`slugify`), so they match the engine's slugs exactly.
public enum ScreenshotGroups {
    public static func normalise(_ value: TemplateValue) -> [TemplateValue] {
        switch value {
        case .undefined, .null: return []
        case .string, .safe: return [group(title: .undefined, id: .undefined, items: [value])]
        case .object:
            return [group(title: value[member: "title"], id: value[member: "id"], items: items(of: value))]
        case .array(let elements):
            let isGroupList = !elements.isEmpty && elements.allSatisfy { element in
                if case .array = element[member: "items"] { return true }
                return false
            }
            if isGroupList {
                return elements.map { group(title: $0[member: "title"], id: $0[member: "id"], items: items(of: $0)) }
            }
            return [group(title: .undefined, id: .undefined, items: elements)]
        default: return []
        }
    }

    private static func items(of group: TemplateValue) -> [TemplateValue] {
        if case .array(let items) = group[member: "items"] { return items }
        return []
    }

    private static func group(title: TemplateValue, id: TemplateValue, items: [TemplateValue]) -> TemplateValue {
        var object = TemplateObject()
        if title.isTruthy { object["title"] = title }
        if id.isTruthy { object["id"] = id }
        object["items"] = .array(items.compactMap(item))
        return .object(object)
    }

    private static func item(_ value: TemplateValue) -> TemplateValue? {
        var object = TemplateObject()
        switch value {
        case .string, .safe, .number:
            guard value.isTruthy else { return nil }
            object["title"] = .string(value.stringValue)
        case .object:
            let image = value[member: "img"]
            let title = first(value[member: "text"], value[member: "title"])
            let src = first(value[member: "src"], image[member: "src"])
            guard title.isTruthy || src.isTruthy else { return nil }
            object["title"] = title.isTruthy ? title : .string(fileStem(src.stringValue))
            for (key, candidate) in [
                ("id", value[member: "id"]), ("src", src),
                ("alt", first(value[member: "alt"], image[member: "alt"])), ("caption", value[member: "caption"]),
            ] where candidate.isTruthy {
                object[key] = candidate
            }
        default: return nil
        }
        return .object(object)
    }

    private static func first(_ a: TemplateValue, _ b: TemplateValue) -> TemplateValue { a.isTruthy ? a : b }

    /// A file name without folders or extension, as the title of an item that only has a `src`.
    private static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
