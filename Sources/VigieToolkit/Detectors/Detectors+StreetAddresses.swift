extension Detectors {
    /// Street addresses: a number (with `bis`, `ter`, `b`…, glued or not, and
    /// an optional comma as in Québec), then a French street type and a name
    /// (`12 rue des Lilas`, `28bis rue des Lilas`, `12 bis, avenue Jean-Jaurès`,
    /// `4521, boul. Saint-Laurent`), or an English name and street type, with
    /// an optional direction before the name (`123 Main Street`, `55 5th Ave.`,
    /// `200 N. Pine Avenue`),
    /// with an optional unit after a comma (`apt 4`, `app. 12`, `bureau 300`,
    /// `suite 200`, `#4`). Value: the text with its spaces collapsed;
    /// attribute "language" ("fr" or "en").
    ///
    /// The name must be capitalised (`place de la Mairie`), except after the
    /// common types (rue, avenue, boulevard, chemin, allée, impasse), where
    /// one lower-case word is accepted (`12 rue des lilas`).
    public static func streetAddresses(in text: String) -> [TextMatch] { streetAddresses(ScanText(text)) }

    static func streetAddresses(_ t: ScanText) -> [TextMatch] {
        // The number comes first.
        guard t.digitCount > 0 else { return [] }
        var result: [TextMatch] = []
        var i = 0
        while i < t.count {
            i = t.nextDigit(from: i)
            guard i < t.count else { break }
            guard t.isDigit(i), !t.isWord(i - 1),
                !((t[i - 1] == 0x2E || t[i - 1] == 0x2C || t[i - 1] == 0x2F || t[i - 1] == 0x2D) && t.isDigit(i - 2)),
                let (end, language) = streetAddress(t, i)
            else {
                i += 1
                continue
            }
            let range = unit(t, before: i)..<end
            var m = t.match("street-address", range, attributes: ["language": language])
            m.value = collapsingWhitespace(m.text)
            result.append(m)
            i = end
        }
        return result
    }

    /// `text`'s words joined by one space (split on whitespace characters).
    /// A text of ASCII and Latin-1 letters (U+00C0–U+00FF: the accented
    /// letters of French) byte by byte: there the whitespace characters are
    /// the bytes 0x09–0x0D and 0x20 (CR LF, one character, is whitespace as
    /// its two bytes are), while `Character.isWhitespace` costs a Unicode
    /// property lookup (about 300 instructions) per character. Any other
    /// text character by character.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        let simple: String? = text.withUTF8 { bytes in
            var k = 0
            while k < bytes.count {
                if bytes[k] < 0x80 {
                    k += 1
                } else if bytes[k] == 0xC3 && k + 1 < bytes.count && bytes[k + 1] & 0xC0 == 0x80 {
                    k += 2
                } else {
                    return nil
                }
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for b in bytes {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return simple ?? text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// French street types; `true` for those after which a lower-case name is accepted.
    static let frenchStreetTypes: [String: Bool] = [
        "rue": true, "avenue": true, "av": true, "ave": true, "boulevard": true, "boul": true, "bd": true, "bld": true,
        "blvd": true, "chemin": true, "ch": false, "allee": true, "allees": true, "impasse": true, "place": false,
        "pl": false, "quai": false, "cours": false, "route": false, "rte": false, "voie": false, "square": false,
        "sentier": false, "passage": false, "rang": false, "montee": false, "cote": false, "croissant": false,
        "terrasse": false, "promenade": false, "parc": false, "residence": false, "hameau": false,
        "lotissement": false, "faubourg": false, "fg": false, "cite": false, "esplanade": false, "rond": false,
        "villa": false, "ruelle": true, "venelle": false, "carre": false, "traverse": false, "autoroute": false,
    ]

    static let englishStreetTypes: Set<String> = [
        "street", "st", "avenue", "ave", "av", "road", "rd", "drive", "dr", "lane", "ln", "boulevard", "blvd",
        "court", "ct", "way", "place", "pl", "crescent", "cres", "terrace", "circle", "cir", "highway", "hwy",
        "parkway", "pkwy", "square", "sq", "trail", "row", "close", "grove", "gardens",
    ]

    private static let nameParticles: Set<String> = [
        "de", "du", "des", "la", "le", "les", "l", "d", "et", "aux", "au", "en", "sur", "sous", "of", "the",
    ]

    private static let directions: Set<String> = [
        "est", "ouest", "nord", "sud", "east", "west", "north", "south", "n", "s", "e", "w", "o", "ne", "nw", "se", "sw",
    ]

    private static let unitWords: Set<String> = [
        "apt", "app", "appt", "appart", "appartement", "apartment", "unit", "suite", "bureau", "porte", "local",
        "logement", "bte", "unite",
    ]

    private static func word(_ t: ScanText, at k: Int) -> (String, Int)? {
        guard t.isLetter(k) else { return nil }
        let e = t.run(from: k, while: Scalar.isLetter)
        return (t.string(k..<e), e)
    }

    /// Directions written before an English street name ("200 N. Pine Avenue").
    private static let leadingDirections: Set<String> = [
        "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west",
    ]

    /// The end and the language of the street address whose number starts at `i`.
    static func streetAddress(_ t: ScanText, _ i: Int) -> (Int, String)? {
        var p = t.run(from: i, while: Scalar.isDigit)
        guard p - i <= 5, t.s[i] != 0x30 else { return nil }
        // "en 2019 rue barrée": a year after a time preposition.
        if p - i == 4, let year = Int(t.string(i..<p)), (1900...2099).contains(year),
            let (before, _) = t.previousWord(before: i),
            ["en", "in", "depuis", "since", "avant", "apres", "before", "after", "de", "from", "annee", "year"].contains(before)
        {
            return nil
        }
        // "12b", "12bis", "12 bis", "12 ter", "12,".
        if t.isLetter(p) && !t.isLetter(p + 1) && t[p] >= 0x61 && t[p] <= 0x64 {
            p += 1
        } else if t[p] == 0x62 || t[p] == 0x74 || t[p] == 0x71, let (w, e) = word(t, at: p), ["bis", "ter", "quater"].contains(w) {
            p = e
        }
        guard !t.isWord(p) else { return nil }
        var k = t.skipSpaces(from: p, limit: 2)
        if let (w, e) = word(t, at: k), ["bis", "ter", "quater"].contains(w) {
            k = t.skipSpaces(from: e, limit: 2)
        }
        if t[k] == 0x2C { k = t.skipSpaces(from: k + 1, limit: 2) }
        guard k > p || t[p] == 0x2C else { return nil }
        // French order: type, then name.
        if let (w, e) = word(t, at: k), let strong = frenchStreetTypes[w] {
            var q = e
            if t[q] == 0x2E { q += 1 }
            let nameStart = t.skipSpaces(from: q, limit: 2)
            if nameStart > e, let end = streetName(t, from: nameStart, lowercaseAllowed: strong) {
                return (unit(t, after: end), "fr")
            }
        }
        // English order: name, then type.
        var q = k
        var nameWords = 0
        var direction = false
        while nameWords < 4 {
            let isOrdinal = t.isDigit(q)
            var e: Int
            var w: String
            if isOrdinal {
                let d = t.run(from: q, while: Scalar.isDigit)
                guard let (suffix, se) = word(t, at: d), ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
                e = se
                w = t.string(q..<se)
            } else {
                guard let (ww, we) = word(t, at: q) else { return nil }
                w = ww
                e = we
            }
            if (nameWords > 0 || direction) && englishStreetTypes.contains(w) && !typeFollows(t, after: e) {
                var end = e
                if t[end] == 0x2E { end += 1 }
                if t[end] == 0x20, let (d, de) = word(t, at: end + 1), directions.contains(d), t.isCapitalized(at: end + 1),
                    !t.isLetter(de)
                {
                    end = de
                }
                return (unit(t, after: end), "en")
            }
            guard isOrdinal || t.isCapitalized(at: q) else { return nil }
            // "N. Pine Avenue", "S Martin Luther King Dr": a direction before the
            // name (not counted among its words, but a name itself before a type:
            // "200 N Street").
            if nameWords == 0 && !direction && leadingDirections.contains(w)
                && (t[e] == 0x20 || (t[e] == 0x2E && t[e + 1] == 0x20))
            {
                direction = true
                q = t[e] == 0x2E ? e + 2 : e + 1
                continue
            }
            nameWords += 1
            guard t[e] == 0x20 || t[e] == 0x2D else { return nil }
            q = e + 1
        }
        return nil
    }

    /// Whether a capitalised street type follows the word ending at `e`
    /// ("Cottage Grove Avenue", "Market Place Drive": the first is part of the name).
    private static func typeFollows(_ t: ScanText, after e: Int) -> Bool {
        guard t[e] == 0x20, t.isCapitalized(at: e + 1), let (w, _) = word(t, at: e + 1) else { return false }
        return englishStreetTypes.contains(w) && w.count > 2
    }

    /// The end of a street name starting at `k`, or nil.
    private static func streetName(_ t: ScanText, from start: Int, lowercaseAllowed: Bool) -> Int? {
        var k = start
        var end: Int?
        var content = 0
        var joined = false
        for _ in 0..<7 {
            var e: Int
            var w: String
            if t.isDigit(k) && (content == 0 || joined) {
                // "rue du 8-Mai-1945", "avenue du 11 Novembre"
                e = t.run(from: k, while: Scalar.isWord)
                w = t.string(k..<e)
            } else if let (ww, we) = word(t, at: k) {
                w = ww
                e = we
            } else {
                break
            }
            let capitalized = t.isCapitalized(at: k) || t.isDigit(k)
            if nameParticles.contains(w) && !joined && t[e] != 0x2D {
                // A particle: part of the name only if a content word follows.
            } else if capitalized || joined || (lowercaseAllowed && content == 0) {
                content += 1
                end = e
            } else {
                break
            }
            if t[e] == 0x2D || t[e] == 0x27 {
                joined = t[e] == 0x2D
                k = e + 1
            } else if t[e] == 0x20 {
                joined = false
                k = e + 1
            } else {
                break
            }
        }
        return content > 0 ? end : nil
    }

    /// Extends an address back over a unit written before it ("apt 4, 123 Main
    /// Street", "app. 12 - 4521 boul. Saint-Laurent").
    private static func unit(_ t: ScanText, before start: Int) -> Int {
        var k = start - 1
        while k >= 0 && t.isSpace(k) { k -= 1 }
        guard k >= 0, t.s[k] == 0x2C || t.s[k] == 0x2D else { return start }
        k -= 1
        while k >= 0 && t.isSpace(k) { k -= 1 }
        // The unit's number (or letter), then its word.
        var numberStart = k + 1
        if t.isLetter(k) && t.isDigit(k - 1) { numberStart = k }  // "4b"
        while numberStart > 0 && t.isDigit(numberStart - 1) { numberStart -= 1 }
        guard numberStart <= k, t.isDigit(numberStart) else { return start }
        var w = numberStart - 1
        if t[w] == 0x23 { return w >= 0 && !t.isWord(w - 1) ? w : start }
        while w >= 0 && t.isSpace(w) { w -= 1 }
        if t[w] == 0x2E { w -= 1 }
        let wordEnd = w + 1
        while w >= 0 && t.isLetter(w) { w -= 1 }
        guard wordEnd > w + 1, unitWords.contains(t.string((w + 1)..<wordEnd)), !t.isWord(w) else { return start }
        return w + 1
    }

    /// Extends an address over a unit that follows it (", apt 4").
    private static func unit(_ t: ScanText, after end: Int) -> Int {
        var k = end
        if t[k] == 0x2C { k += 1 }
        k = t.skipSpaces(from: k, limit: 2)
        if t[k] == 0x23 && t.isDigit(k + 1) {
            return t.run(from: k + 1, while: Scalar.isWord)
        }
        guard let (w, e) = word(t, at: k), unitWords.contains(w) else { return end }
        var q = e
        if t[q] == 0x2E { q += 1 }
        q = t.skipSpaces(from: q, limit: 2)
        if t[q] == 0x23 { q += 1 }
        guard t.isDigit(q) || (t.isLetter(q) && !t.isLetter(q + 1)) else { return end }
        return t.run(from: q, while: Scalar.isWord)
    }
}
