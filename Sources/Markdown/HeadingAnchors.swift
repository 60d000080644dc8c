/// The `anchor` extension: an `id` on every heading, unique within the document, made from the
/// heading's text the way markdown-it-anchor or the GOV.UK plugin makes it.
enum HeadingAnchors {
    /// The text markdown-it-anchor slugifies: text and inline code, without markup.
    static func headingText(_ heading: Int, in tree: NodeTree) -> String {
        var text = ""
        var stack: [Int] = []
        var child = tree[heading].lastChild
        while child != -1 { stack.append(child); child = tree[child].previous }
        while let node = stack.popLast() {
            switch tree[node].kind {
            case .text(let t), .code(let t): text += t
            case .image: continue
            default: break
            }
            var c = tree[node].lastChild
            while c != -1 { stack.append(c); c = tree[c].previous }
        }
        return text
    }

    static func apply(to tree: inout NodeTree, blocks: [Int], style: AnchorStyle, permalinks: Bool) {
        var used: Set<String> = []
        for index in blocks {
            guard case .heading = tree[index].kind, tree[index].parent != -1 else { continue }
            var slug: String
            if let id = tree[index].attributes.first(where: { $0.name == "id" })?.value {
                slug = id
            } else {
                let text = headingText(index, in: tree)
                slug = style == .markdownItAnchor ? markdownItAnchorSlug(text) : govukSlug(text)
            }
            var unique = slug
            var n = 1
            while used.contains(unique) { unique = "\(slug)-\(n)"; n += 1 }
            used.insert(unique)
            setAttribute(&tree, index, "id", unique)
            if style == .markdownItAnchor || permalinks { setAttribute(&tree, index, "tabindex", "-1") }
        }
    }

    static func setAttribute(_ tree: inout NodeTree, _ node: Int, _ name: String, _ value: String) {
        if let k = tree[node].attributes.firstIndex(where: { $0.name == name }) {
            tree[node].attributes[k].value = value
        } else {
            tree[node].attributes.append(MarkdownAttribute(name: name, value: value))
        }
    }

    /// markdown-it-anchor's default: `encodeURIComponent(text.trim().toLowerCase().replace(/\s+/g, '-'))`.
    static func markdownItAnchorSlug(_ text: String) -> String {
        var collapsed: [Unicode.Scalar] = []
        var inSpace = false
        let trimmed = text.unicodeScalars.drop(while: { Typographer.isJSWhitespace($0.value) })
        var scalars = Array(trimmed)
        while let last = scalars.last, Typographer.isJSWhitespace(last.value) { scalars.removeLast() }
        for scalar in String(String.UnicodeScalarView(scalars)).lowercased().unicodeScalars {
            if Typographer.isJSWhitespace(scalar.value) {
                if !inSpace { collapsed.append("-") }
                inSpace = true
            } else {
                collapsed.append(scalar)
                inSpace = false
            }
        }
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for scalar in collapsed {
            let v = scalar.value
            if v < 0x80, let b = UInt8(exactly: v), ByteClass.isAlnum(b) || "-_.!~*'()".utf8.contains(b) {
                out.unicodeScalars.append(scalar)
            } else {
                var bytes: [UInt8] = []
                ByteClass.appendUTF8(v, to: &bytes)
                for b in bytes { out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0x0F)]) }
            }
        }
        return out
    }

    static let removed: Set<Unicode.Scalar> = Set("*+~.()'\"!:@".unicodeScalars)
    static let charMap: [Unicode.Scalar: String] = [
        "&": "and", "<": "less", ">": "greater", "|": "or", "$": "dollar", "%": "percent",
        "£": "pound", "€": "euro", "\u{2018}": "'", "\u{2019}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
        "\u{2013}": "-", "\u{2014}": "-", "\u{2026}": "...", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
        "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
    ]

    /// The same for ASCII text, on bytes.
    static func asciiGovukSlug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pending = false
        func emit(_ bytes: some Sequence<UInt8>) {
            for b in bytes {
                if b == 0x20 || b == UInt8(ascii: "-") || (b >= 0x09 && b <= 0x0D) {
                    pending = true
                } else {
                    if pending && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                    pending = false
                    out.append(ByteClass.lower(b))
                }
            }
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "~"), UInt8(ascii: "."), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                continue
            case UInt8(ascii: "&"): emit("and".utf8)
            case UInt8(ascii: "<"): emit("less".utf8)
            case UInt8(ascii: ">"): emit("greater".utf8)
            case UInt8(ascii: "|"): emit("or".utf8)
            case UInt8(ascii: "$"): emit("dollar".utf8)
            case UInt8(ascii: "%"): emit("percent".utf8)
            default: emit(CollectionOfOne(b))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// npm `slugify` as the GOV.UK plugin calls it: transliterate, drop `*+~.()'"!:@`, lower case,
    /// runs of spaces and `-` become one `-`.
    static func govukSlug(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiGovukSlug(text) }
        // Map the non-ASCII characters first (transliteration), then slug the result as ASCII
        // text; characters with no mapping are kept and lower-cased.
        var mapped = ""
        mapped.reserveCapacity(text.utf8.count)
        var allMapped = true
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 { mapped.unicodeScalars.append(scalar); continue }
            if let piece = charMap[scalar] { mapped += piece; continue }
            if let base = LatinFolding.base[scalar] { mapped += base; continue }
            allMapped = false
            break
        }
        if allMapped { return asciiGovukSlug(mapped) }
        return unicodeGovukSlug(text)
    }

    static func unicodeGovukSlug(_ text: String) -> String {
        var mapped = ""
        for scalar in text.unicodeScalars {
            var piece = charMap[scalar] ?? String(scalar)
            if scalar.value >= 0x80, charMap[scalar] == nil {
                // Latin letters with diacritics: the base letter.
                let decomposed = String(scalar).decomposedStringWithCompatibilityMappingIfAvailable
                piece = String(String.UnicodeScalarView(decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }))
            }
            if piece == "-" { piece = " " }
            mapped += String(String.UnicodeScalarView(piece.unicodeScalars.filter { !removed.contains($0) }))
        }
        var out = ""
        var pending = false
        for scalar in mapped.unicodeScalars {
            if Typographer.isJSWhitespace(scalar.value) || scalar == "-" {
                pending = true
            } else {
                if pending && !out.isEmpty { out += "-" }
                pending = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out.lowercased()
    }
}

extension String {
    /// NFKD where available; the stdlib has no public normaliser, so this decomposes only the
    /// precomposed Latin letters it knows.
    var decomposedStringWithCompatibilityMappingIfAvailable: String {
        var out = ""
        for scalar in unicodeScalars {
            if let base = LatinFolding.base[scalar] { out += base } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// Base letters of the precomposed Latin-1 and Latin Extended-A letters.
enum LatinFolding {
    static let base: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅĀĂĄ", "A"), ("àáâãäåāăą", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ĎĐ", "D"), ("ďđ", "d"),
            ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
            ("ÌÍÎÏĨĪĬĮİ", "I"), ("ìíîïĩīĭįı", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķ", "k"),
            ("ĹĻĽĿŁ", "L"), ("ĺļľŀł", "l"), ("ÑŃŅŇ", "N"), ("ñńņň", "n"), ("ÒÓÔÕÖŌŎŐ", "O"), ("òóôõöōŏő", "o"),
            ("ŔŖŘ", "R"), ("ŕŗř", "r"), ("ŚŜŞŠ", "S"), ("śŝşš", "s"), ("ŢŤŦ", "T"), ("ţťŧ", "t"),
            ("ÙÚÛÜŨŪŬŮŰŲ", "U"), ("ùúûüũūŭůűų", "u"), ("Ŵ", "W"), ("ŵ", "w"), ("ÝŶŸ", "Y"), ("ýÿŷ", "y"),
            ("ŹŻŽ", "Z"), ("źżž", "z"),
        ]
        for (letters, base) in groups { for s in letters.unicodeScalars { table[s] = base } }
        return table
    }()
}
