/// Text for diagnostics — import issues, errors, summaries — that must name
/// what it is about without leaking it.
///
/// A value read from an export may be anything a person typed: a phone
/// number, an e-mail, a social insurance number placed in a date field.
/// Diagnostics never quote it: they show its *shape* (digits as `•`, letters
/// as `x`, length-capped), which says what went wrong ("a text of 14
/// characters: •• •• •• •• ••" in a date field) without the value.
///
/// File names are the user's own, but a name may hold a line break or a
/// terminal escape sequence: `escaped` makes it printable as one inert line.
///
/// Dependency-free on purpose: the importers use it below the report's
/// masking, which works on texts, not on diagnostics.
public enum DiagnosticText {
    /// The longest shape shown; longer values end with `…`.
    public static let shapeLimit = 24

    /// The shape of a value: every letter (any script) becomes `x`, every
    /// digit `•`, white space a space; ASCII punctuation is kept (it is what
    /// tells a date from a phone number); anything else becomes `x`.
    /// At most `limit` characters, then `…`.
    ///
    /// `"06 12 34 56 78"` → `"•• •• •• •• ••"`, `"jean@exemple.fr"` → `"xxxx@xxxxxxx.xx"`.
    public static func shape(_ value: some StringProtocol, limit: Int = shapeLimit) -> String {
        var out = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            count += 1
            switch scalar.value {
            case 0x30...0x39:
                out += "•"
            case 0x09, 0x0A, 0x0D, 0x20:
                out += " "
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out.unicodeScalars.append(scalar)
            default:
                out += "x"
            }
        }
        return out
    }

    /// How a message refers to a text value: `a text of 14 characters
    /// shaped "•• •• •• •• ••"`; an empty text is `an empty text`.
    public static func describe(text value: some StringProtocol) -> String {
        let count = value.count
        if count == 0 { return "an empty text" }
        return "a text of \(count) character\(count == 1 ? "" : "s") shaped \"\(shape(value))\""
    }

    /// How a message refers to a number read from an export, without its
    /// digits: `a negative number`, `a number of 31 digits`, `a fraction`.
    public static func describe(number value: Double) -> String {
        if value.isNaN { return "not a number" }
        if value.isInfinite { return "a number out of range" }
        if value < 0 { return "a negative number" }
        if value < 1 { return value == 0 ? "zero" : "a fraction below 1" }
        // Digits of the integer part, without converting to an integer type.
        var digits = 1
        var scale = 10.0
        while scale <= value && digits < 400 {
            digits += 1
            scale *= 10
        }
        return "a number of \(digits) digit\(digits == 1 ? "" : "s")"
    }

    /// A member name of a JSON object for a message: quoted as it is when
    /// it looks like a field name (ASCII letters, digits, `_`, `-`, an `@`
    /// first; at most 40), else by its shape (a name, too, can hold anything).
    public static func memberName(_ name: some StringProtocol) -> String {
        let body = name.hasPrefix("@") ? name.dropFirst() : name[...]
        let plain = !body.isEmpty && name.utf8.count <= 40 && body.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        }
        // A plain name may still be digits only ("0612345678"): shaped too.
        if plain && name.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) { return "\"\(name)\"" }
        return "(\(describe(text: name)))"
    }

    /// A file name or path made printable: control characters (line breaks,
    /// tabs, escape sequences), C1 controls, bidirectional overrides and
    /// other invisible format characters are written as `\n`, `\t`, `\r` or
    /// `\u{…}`; everything else is kept.
    public static func escaped(_ name: some StringProtocol) -> String {
        guard name.unicodeScalars.contains(where: needsEscape) else { return String(name) }
        var out = ""
        for scalar in name.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates; zero-width and
        // line/paragraph separators; the byte order mark.
        case 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Masks what a message from elsewhere (a library's error text) quotes:
    /// the content of every `"…"` or `'…'` span becomes its shape, and so
    /// does every run of 3 or more digits outside quotes. For messages Vigie
    /// does not write itself, which may quote a value in any way.
    public static func maskingQuotes(_ message: String) -> String {
        var out = ""
        var quoted: [Unicode.Scalar] = []
        var quote: Unicode.Scalar?
        var digits = ""
        func flushDigits() {
            if digits.count >= 3 { out += shape(digits, limit: .max) } else { out += digits }
            digits = ""
        }
        for scalar in message.unicodeScalars {
            if let open = quote {
                if scalar == open {
                    var text = ""
                    text.unicodeScalars.append(contentsOf: quoted)
                    out += shape(text)
                    out.unicodeScalars.append(scalar)
                    quote = nil
                    quoted = []
                } else {
                    quoted.append(scalar)
                }
                continue
            }
            if scalar.properties.numericType != nil && scalar.isASCII {
                digits.unicodeScalars.append(scalar)
                continue
            }
            flushDigits()
            out.unicodeScalars.append(scalar)
            if scalar == "\"" || scalar == "'" { quote = scalar }
        }
        flushDigits()
        if quote != nil {
            var text = ""
            text.unicodeScalars.append(contentsOf: quoted)
            out += shape(text)
        }
        return out
    }
}
