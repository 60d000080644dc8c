import Templates

/// What the screenshots component writes of an item, worked out by `screenshotGroups` as it names
/// the item, so that the template only reads fields: running the same steps as template
/// expressions (filters, `or`, `~`, `set`) cost the engine several times more than the steps
/// themselves, on every screenshot of every post.
///
/// Each field is what the component's expression for it gave: `url` is `src | url | encodeUrl`,
/// `width` and `height` the image's size (`src | imageSize(page.url)`), `titleHtml` is
/// `title | escape`, `altHtml` is `(alt or ("Screenshot of " ~ title)) | escape`, `captionHtml` is
/// `caption | markdown`.
struct ScreenshotPresentation {
    /// The site's `url` filter.
    let url: (String) -> String
    /// The image's size, from the item's file as the page refers to it; nil when the page is not
    /// known (no size fields then) or the file has no size.
    let size: ((String) -> ImageSize?)?
    /// The site's `markdown` filter.
    let markdown: (TemplateValue) -> TemplateValue

    /// Appends the fields of an item whose `title`, `id`, `src`, `alt` and `caption` are given (as
    /// the item has them after naming).
    func appendFields(title: TemplateValue, id: TemplateValue, src: TemplateValue, alt: TemplateValue, caption: TemplateValue,
                      to pairs: inout [(String, TemplateValue)]) {
        // The file the component falls back on when naming gave none: the id and `.png`.
        let file = src.isTruthy ? src.stringValue : Self.joined(id.stringValue, ".png")
        pairs.append(("url", .string(LayoutFilters.encodeURL(url(file)))))
        if let imageSize = size?(file) {
            pairs.append(("width", .number(Double(imageSize.width))))
            pairs.append(("height", .number(Double(imageSize.height))))
        }
        pairs.append(("titleHtml", title.escaped))
        pairs.append(("altHtml", alt.isTruthy ? alt.escaped : .safe(TemplateValue.escapeHTML(Self.joined("Screenshot of ", title.stringValue)))))
        if caption.isTruthy { pairs.append(("captionHtml", markdown(caption))) }
    }

    /// `a + b`, written once into a string of their length (`+` costs several times more, and
    /// every screenshot's alt text is one).
    static func joined(_ a: String, _ b: String) -> String {
        var a = a, b = b
        return a.withUTF8 { first in
            b.withUTF8 { second in
                String(unsafeUninitializedCapacity: first.count + second.count) { out in
                    guard let target = out.baseAddress else { return 0 }
                    if let from = first.baseAddress { target.update(from: from, count: first.count) }
                    if let from = second.baseAddress { (target + first.count).update(from: from, count: second.count) }
                    return first.count + second.count
                }
            }
        }
    }
}
