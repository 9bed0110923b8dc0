/// French typography for the report's fixed text: a no-break space before
/// `:` and inside « », a narrow no-break space before `;`, `!` and `?`.
enum FrenchTypography {
    static let noBreakSpace = "\u{00A0}"
    static let narrowNoBreakSpace = "\u{202F}"

    /// Replaces the ordinary space before `: ; ! ?` and inside « » with the
    /// right no-break space; adds one where it is missing after « or before ».
    static func apply(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (index, c) in characters.enumerated() {
            switch c {
            case ":", ";", "!", "?":
                let hadSpace = out.last == " "
                if hadSpace { out.removeLast() }
                let previous = out.last
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                // `12:30` and `http://` stay as they are.
                let glued = !hadSpace && c == ":" && (previous?.isNumber == true || next == "/")
                if glued || previous == nil || previous == "\u{00A0}" || previous == "\u{202F}"
                    || previous?.isWhitespace == true
                {
                    out.append(c)
                } else {
                    out += c == ":" ? noBreakSpace : narrowNoBreakSpace
                    out.append(c)
                }
            case "»":
                if out.last == " " { out.removeLast() }
                if out.last != "\u{00A0}" { out += noBreakSpace }
                out.append(c)
            default:
                if (c == " " || c == "\u{00A0}"), out.last == "«" {
                    out += noBreakSpace
                } else if out.last == "«", c != "\u{00A0}" {
                    out += noBreakSpace + String(c)
                } else {
                    out.append(c)
                }
            }
        }
        return out
    }

    /// `« text »` with no-break spaces.
    static func quote(_ text: String) -> String { "«\(noBreakSpace)\(text)\(noBreakSpace)»" }
}
