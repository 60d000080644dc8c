import Templates

/// Eleventy's deep merge of the data cascade: objects merge key by key, arrays concatenate (so
/// `tags` accumulate), anything else is replaced by the stronger value, and a key written
/// `override:key` replaces instead of merging.
enum DataMerge {
    /// Merge `top` (stronger) into `base`.
    static func merge(_ base: inout TemplateObject, _ top: TemplateObject, depth: Int = 0) {
        for (key, value) in top.pairs {
            if key.hasPrefix("override:") {
                base[String(key.dropFirst("override:".count))] = stripOverrides(value, depth: depth + 1)
                continue
            }
            guard depth < 100, let existing = base[key] else {
                base[key] = stripOverrides(value, depth: depth + 1)
                continue
            }
            switch (existing, value) {
            case (.object(var a), .object(let b)):
                merge(&a, b, depth: depth + 1)
                base[key] = .object(a)
            case (.array(let a), .array(let b)):
                base[key] = .array(a + b)
            default:
                base[key] = stripOverrides(value, depth: depth + 1)
            }
        }
    }

    /// A value with any `override:` prefixes of its keys removed.
    static func stripOverrides(_ value: TemplateValue, depth: Int) -> TemplateValue {
        guard depth < 100, case .object(let object) = value else { return value }
        var needs = false
        for (key, v) in object.pairs {
            if key.hasPrefix("override:") { needs = true; break }
            if case .object = v { needs = true; break }
        }
        guard needs else { return value }
        var out = TemplateObject()
        for (key, v) in object.pairs {
            let name = key.hasPrefix("override:") ? String(key.dropFirst("override:".count)) : key
            out[name] = stripOverrides(v, depth: depth + 1)
        }
        return .object(out)
    }

    /// Eleventy's clean-up of each data source before merging: `tags` as a string becomes a list of
    /// one (so that it concatenates with the tags of other sources), and a null `tags` an empty list.
    static func normalizingTags(_ object: TemplateObject) -> TemplateObject {
        switch object["tags"] {
        case .string(let tag)?:
            var copy = object
            copy["tags"] = .array(tag.isEmpty ? [] : [.string(tag)])
            return copy
        case .null?:
            var copy = object
            copy["tags"] = .array([])
            return copy
        default:
            return object
        }
    }
}
