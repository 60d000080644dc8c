import Foundation

/// Eleventy's rules from an input path (relative to the input folder) to `fileSlug`,
/// `filePathStem`, the default output file and the date in a file name.
struct EleventyPath: Sendable, Hashable {
    /// The path relative to the input folder, with `/` separators.
    let relative: String
    /// The folders between the input folder and the file.
    let folders: [String]
    /// The file name without its last extension (`x.md.md` -> `x.md`).
    let nameWithoutExtension: String

    init(_ relative: String) {
        self.relative = relative
        var parts = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let name = parts.popLast() ?? ""
        self.folders = parts
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            self.nameWithoutExtension = String(name[..<dot])
        } else {
            self.nameWithoutExtension = name
        }
    }

    /// `page.fileSlug`: the name without a `YYYY-MM-DD-` prefix (found anywhere, not validated);
    /// `index` takes its folder's name, or `""` at the root.
    var fileSlug: String {
        if nameWithoutExtension == "index" { return folders.last ?? "" }
        return Self.stripDate(nameWithoutExtension)
    }

    /// `page.filePathStem`: `/` + folders + the name without its date prefix.
    var filePathStem: String {
        "/" + (folders + [Self.stripDate(nameWithoutExtension)]).joined(separator: "/")
    }

    /// The default output file, relative to the output folder: `a/b.md` -> `a/b/index.html`,
    /// `index.md` -> `index.html`, a template named after its folder writes that folder's index.
    /// Page N > 0 of a paginated template goes to `<folder>/N/index.html`.
    func defaultOutputPath(pageNumber: Int = 0) -> String {
        var parts = folders
        if nameWithoutExtension != "index" && nameWithoutExtension != folders.last {
            parts.append(nameWithoutExtension)
        }
        if pageNumber > 0 { parts.append(String(pageNumber)) }
        parts.append("index.html")
        return parts.joined(separator: "/")
    }

    /// The first `YYYY-MM-DD` anywhere in the path, as a midnight-UTC date; `invalid` when the digits
    /// are there but the date is impossible (`2025-08-37`).
    var dateInPath: (date: Date?, text: String)? {
        let bytes = Array(relative.utf8)
        guard bytes.count >= 10 else { return nil }
        func digit(_ i: Int) -> Bool { bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        for start in 0...(bytes.count - 10) {
            guard digit(start), digit(start + 1), digit(start + 2), digit(start + 3), bytes[start + 4] == UInt8(ascii: "-"),
                  digit(start + 5), digit(start + 6), bytes[start + 7] == UInt8(ascii: "-"), digit(start + 8), digit(start + 9) else { continue }
            let text = String(decoding: bytes[start..<(start + 10)], as: UTF8.self)
            let year = Int(text.prefix(4)) ?? 0, month = Int(text.dropFirst(5).prefix(2)) ?? 0, day = Int(text.suffix(2)) ?? 0
            let daysInMonth = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...12).contains(month), (1...daysInMonth[month - 1]).contains(day) else { return (nil, text) }
            return (JSYAMLScalar.date(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, fraction: 0, offsetMinutes: 0), text)
        }
        return nil
    }

    /// Eleventy's `_stripDateFromSlug`: the text after the first `\d{4}-\d{2}-\d{2}-`, if any.
    static func stripDate(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count >= 11 else { return name }
        func digit(_ i: Int) -> Bool { bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        for start in 0...(bytes.count - 11) {
            if digit(start), digit(start + 1), digit(start + 2), digit(start + 3), bytes[start + 4] == UInt8(ascii: "-"),
               digit(start + 5), digit(start + 6), bytes[start + 7] == UInt8(ascii: "-"), digit(start + 8), digit(start + 9),
               bytes[start + 10] == UInt8(ascii: "-") {
                return String(decoding: bytes[(start + 11)...], as: UTF8.self)
            }
        }
        return name
    }

    /// The URL of an output file: `a/index.html` -> `/a/`, `feed.xml` -> `/feed.xml`.
    static func url(ofOutput path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }
}
