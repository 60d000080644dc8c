/// Punycode (RFC 3492) for host names, as markdown-it converts them: links get the ASCII form
/// (`☃.net` → `xn--n3h.net`), the text shown for autolinks the Unicode form.
enum Punycode {
    static let base: UInt32 = 36, tMin: UInt32 = 1, tMax: UInt32 = 26, skew: UInt32 = 38, damp: UInt32 = 700
    static let initialBias: UInt32 = 72, initialN: UInt32 = 128

    static func adapt(_ delta: UInt32, _ count: UInt32, _ first: Bool) -> UInt32 {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    static func digit(_ d: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(d < 26 ? 0x61 + d : 0x30 + d - 26) ?? "a"
    }

    static func threshold(_ k: UInt32, _ bias: UInt32) -> UInt32 {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    /// Encodes one label; nil on overflow.
    static func encode(_ label: String) -> String? {
        let input = label.unicodeScalars.map(\.value)
        var output = String.UnicodeScalarView(label.unicodeScalars.filter { $0.value < 0x80 })
        let basic = UInt32(output.count)
        var handled = basic
        if basic > 0 { output.append("-") }
        var n = initialN
        var delta: UInt32 = 0
        var bias = initialBias
        while handled < UInt32(input.count) {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow else { return nil }
            delta &+= product
            n = m
            for c in input {
                if c < n { delta += 1 }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basic)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(output)
    }

    /// Decodes one label (without `xn--`); nil if it is not valid Punycode.
    static func decode(_ label: String) -> String? {
        let input = Array(label.unicodeScalars.map(\.value))
        guard input.allSatisfy({ $0 < 0x80 }) else { return nil }
        var output: [UInt32] = []
        var start = 0
        if let dash = input.lastIndex(of: 0x2D) {
            output = Array(input[..<dash])
            start = dash + 1
        }
        var n = initialN
        var i: UInt32 = 0
        var bias = initialBias
        var index = start
        while index < input.count {
            let oldI = i
            var w: UInt32 = 1
            var k = base
            while true {
                guard index < input.count else { return nil }
                let c = input[index]
                index += 1
                let d: UInt32
                switch c {
                case 0x30...0x39: d = c - 22
                case 0x41...0x5A: d = c - 0x41
                case 0x61...0x7A: d = c - 0x61
                default: return nil
                }
                let (dw, o1) = d.multipliedReportingOverflow(by: w)
                let (sum, o2) = i.addingReportingOverflow(dw)
                guard !o1, !o2 else { return nil }
                i = sum
                let t = threshold(k, bias)
                if d < t { break }
                let (nw, o3) = w.multipliedReportingOverflow(by: base - t)
                guard !o3 else { return nil }
                w = nw
                k += base
            }
            let count = UInt32(output.count + 1)
            bias = adapt(i - oldI, count, oldI == 0)
            n += i / count
            i %= count
            guard n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(n, at: Int(i))
            i += 1
        }
        var view = String.UnicodeScalarView()
        for c in output { guard let s = Unicode.Scalar(c) else { return nil }; view.append(s) }
        return String(view)
    }

    /// `☃.net` → `xn--n3h.net`: labels with non-ASCII characters are encoded.
    static func toASCII(_ host: String) -> String {
        host.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            guard label.unicodeScalars.contains(where: { $0.value >= 0x80 }), let encoded = encode(String(label)) else { return String(label) }
            return "xn--" + encoded
        }.joined(separator: ".")
    }

    /// `xn--n3h.net` → `☃.net`; nil if a label does not decode (the text then stays as it is).
    static func toUnicode(_ host: String) -> String? {
        var labels: [String] = []
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            if label.lowercased().hasPrefix("xn--") {
                guard let decoded = decode(String(label.dropFirst(4)).lowercased()) else { return nil }
                labels.append(decoded)
            } else {
                labels.append(String(label))
            }
        }
        return labels.joined(separator: ".")
    }

    /// The host part of `scheme://host/…`, `//host/…` or `mailto:user@host` (as markdown-it recodes
    /// only those with http, https, mailto or no scheme): the range of bytes holding it.
    static func hostRange(_ url: [UInt8]) -> Range<Int>? {
        var i = 0
        if url.starts(with: Array("//".utf8)) {
            i = 2
        } else {
            var k = 0
            while k < url.count, ByteClass.isAlpha(url[k]) { k += 1 }
            let scheme = String(decoding: url[..<k], as: UTF8.self).lowercased()
            if scheme == "mailto", k < url.count, url[k] == UInt8(ascii: ":") {
                i = k + 1
            } else {
                guard scheme == "http" || scheme == "https", k + 2 < url.count, url[k] == UInt8(ascii: ":"),
                      url[k + 1] == UInt8(ascii: "/"), url[k + 2] == UInt8(ascii: "/") else { return nil }
                i = k + 3
            }
        }
        var end = i
        while end < url.count, url[end] != UInt8(ascii: "/"), url[end] != UInt8(ascii: "?"), url[end] != UInt8(ascii: "#") { end += 1 }
        var start = i
        if let at = url[i..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
        var hostEnd = end
        if let colon = url[start..<end].lastIndex(of: UInt8(ascii: ":")), url[(colon + 1)..<end].allSatisfy(ByteClass.isDigit) { hostEnd = colon }
        return start < hostEnd ? start..<hostEnd : nil
    }

    static func recodeHost(_ url: [UInt8], _ transform: (String) -> String?) -> [UInt8] {
        guard let range = hostRange(url) else { return url }
        let host = String(decoding: url[range], as: UTF8.self)
        guard let recoded = transform(host), recoded != host else { return url }
        return Array(url[..<range.lowerBound]) + Array(recoded.utf8) + Array(url[range.upperBound...])
    }
}
