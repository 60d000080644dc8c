/// SmartyPants' punctuation (as the plugin's `smart` filter uses it, mode 2): curly quotes and
/// apostrophes, `--` as an en dash, `---` as an em dash, `...` as an ellipsis. HTML tags are left alone.
enum TemplateSmartQuotes {
    static func apply(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        var inTag = false
        func opens(at index: Int) -> Bool {
            guard index > 0 else { return true }
            let before = characters[index - 1]
            return before.isWhitespace || "([{<-–—/".contains(before)
        }
        while i < characters.count {
            let c = characters[i]
            if inTag {
                out.append(c)
                if c == ">" { inTag = false }
                i += 1
                continue
            }
            switch c {
            case "<":
                inTag = true
                out.append(c)
            case "-":
                if i + 2 < characters.count, characters[i + 1] == "-", characters[i + 2] == "-" {
                    out += "—"; i += 2
                } else if i + 1 < characters.count, characters[i + 1] == "-" {
                    out += "–"; i += 1
                } else {
                    out.append(c)
                }
            case ".":
                if i + 2 < characters.count, characters[i + 1] == ".", characters[i + 2] == "." {
                    out += "…"; i += 2
                } else {
                    out.append(c)
                }
            case "`" where i + 1 < characters.count && characters[i + 1] == "`":
                out += "“"; i += 1
            case "\"":
                out += opens(at: i) ? "“" : "”"
            case "'":
                if i + 1 < characters.count, characters[i + 1] == "'" {
                    out += "”"; i += 1
                } else if opens(at: i), !(i + 2 < characters.count && characters[i + 1].isNumber && characters[i + 2].isNumber) {
                    out += "‘"
                } else {
                    out += "’"
                }
            default:
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
