/// HTML as Mastodon writes it (`<p>`, `<br>`, `<a>`, `<span>`), turned into
/// plain text; and HTML character references, decoded.
public enum HTMLText {
    /// Tags removed; `<br>` becomes a line break and a paragraph end (`</p>`,
    /// `</div>`, `</li>`) a blank line between paragraphs; trailing line breaks are
    /// dropped; character references (named, `&#233;`, `&#xE9;`) are decoded.
    /// Text inside `<script>` and `<style>` is dropped.
    public static func plainText(fromHTML html: String) -> String {
        var out = String.UnicodeScalarView()
        let s = Array(html.unicodeScalars)
        var i = 0
        var skipUntil: String?
        var pendingBreaks = 0
        func flushBreaks() {
            if pendingBreaks > 0, !out.isEmpty {
                out.append(contentsOf: String(repeating: "\n", count: pendingBreaks).unicodeScalars)
            }
            pendingBreaks = 0
        }
        while i < s.count {
            let c = s[i]
            if c == "<", let close = s[(i + 1)...].firstIndex(of: ">") {
                let tag = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                let name = tagName(tag)
                if let skip = skipUntil {
                    if name == "/" + skip { skipUntil = nil }
                } else {
                    switch name {
                    case "br": pendingBreaks += 1
                    case "/p", "/div", "/li", "/blockquote", "/h1", "/h2", "/h3", "/h4", "/pre":
                        pendingBreaks = max(pendingBreaks, 2)
                    case "script", "style": skipUntil = name
                    default: break
                    }
                }
                i = close + 1
                continue
            }
            if skipUntil != nil {
                i += 1
                continue
            }
            if c == "&", let (decoded, length) = entity(at: i, in: s) {
                flushBreaks()
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
                continue
            }
            flushBreaks()
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Character references decoded, nothing else touched (X/Twitter writes
    /// `&amp;`, `&lt;` and `&gt;` in `full_text`).
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "&", let (decoded, length) = entity(at: i, in: s) {
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The `href` of each `<a>` that is not a mention or a hashtag link.
    public static func links(inHTML html: String) -> [String] {
        var links: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<a ", options: .caseInsensitive) {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = String(rest[open.upperBound..<close])
            rest = rest[close...]
            let attributes = tag.lowercased()
            if attributes.contains("mention") || attributes.contains("hashtag") || attributes.contains("rel=\"tag\"") {
                continue
            }
            if let href = attribute("href", in: tag) { links.append(decodeEntities(href)) }
        }
        return links
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: name + "=\"") else { return nil }
        guard let end = tag[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[r.upperBound..<end])
    }

    private static func tagName(_ tag: String) -> String {
        var name = ""
        for ch in tag.lowercased() {
            if ch == " " || ch == "\t" || ch == "\n" || ch == ">" { break }
            if ch == "/" && !name.isEmpty { break }
            name.append(ch)
        }
        return name
    }

    /// Decodes the reference starting at `s[i] == "&"`: the text and the number
    /// of scalars consumed, or nil if it is not a reference.
    private static func entity(at i: Int, in s: [Unicode.Scalar]) -> (String, Int)? {
        var j = i + 1
        var name = ""
        while j < s.count, j - i <= 32, s[j] != ";" {
            let v = s[j]
            guard v.properties.isAlphabetic || ("0"..."9").contains(v) || v == "#" else { return nil }
            name.unicodeScalars.append(v)
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        let length = j - i + 1
        if name.hasPrefix("#") {
            var digits = name.dropFirst()
            var radix = 10
            if digits.first == "x" || digits.first == "X" {
                digits = digits.dropFirst()
                radix = 16
            }
            guard let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value), value != 0 else {
                return nil
            }
            return (String(Character(scalar)), length)
        }
        guard let decoded = namedEntities[name] else { return nil }
        return (decoded, length)
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "hellip": "…", "ndash": "–", "mdash": "—", "euro": "€", "copy": "©", "reg": "®",
        "deg": "°", "middot": "·", "bull": "•", "thinsp": "\u{2009}", "shy": "\u{00AD}",
        "agrave": "à", "aacute": "á", "acirc": "â", "auml": "ä", "ccedil": "ç",
        "egrave": "è", "eacute": "é", "ecirc": "ê", "euml": "ë", "igrave": "ì", "iacute": "í",
        "icirc": "î", "iuml": "ï", "ograve": "ò", "oacute": "ó", "ocirc": "ô", "ouml": "ö",
        "ugrave": "ù", "uacute": "ú", "ucirc": "û", "uuml": "ü", "yuml": "ÿ", "ntilde": "ñ",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Ccedil": "Ç", "Egrave": "È", "Eacute": "É",
        "Ecirc": "Ê", "Euml": "Ë", "Icirc": "Î", "Iuml": "Ï", "Ocirc": "Ô", "Ugrave": "Ù",
        "Ucirc": "Û", "oelig": "œ", "OElig": "Œ", "aelig": "æ", "AElig": "Æ", "szlig": "ß",
    ]
}
