extension Detectors {
    /// Postal codes. Canada: `H2X 1Y4`, `h2x1y4`, `H2X-1Y4` with the letters
    /// Canada Post uses (no D, F, I, O, Q, U; no W or Z first); value
    /// `H2X 1Y4`, country "CA". France: five digits of an existing
    /// department (01–95, 97, 98, 20 for Corsica), only with context: followed
    /// by a capitalised town name (`75011 Paris`, `69003 LYON`) or preceded by
    /// "code postal", "CP" or "postal code"; country "FR". Not the number of a
    /// street address (`10250 Main Street`) nor a box number after "BP",
    /// "B.P.", "boîte postale", "CS" or "TSA" (`BP 40123 Nantes Cedex`).
    public static func postalCodes(in text: String) -> [TextMatch] { postalCodes(ScanText(text)) }

    static func postalCodes(_ t: ScanText) -> [TextMatch] {
        guard t.digitCount > 0 else { return [] }
        var result: [TextMatch] = []
        var i = 0
        while i < t.count {
            // Both kinds start at a digit or right before one: skip to there.
            let digit = t.nextDigit(from: i)
            guard digit < t.count else { break }
            i = max(i, digit - 1)
            let c = t.s[i]
            // The first checks of each scanner, made here so that most
            // scalars cost no call: a Canadian code starts with a letter
            // followed by a digit, a French one with a digit after no word
            // character (the scanners check both again).
            let letter = c >= 0x61 && c <= 0x7A
            guard (letter && t.isDigit(i + 1)) || (Scalar.isDigit(c) && !t.isWord(i - 1)) else {
                i += 1
                continue
            }
            if letter, let m = canadianPostalCode(t, i) {
                result.append(m.0)
                i = m.1
            } else if !letter, let m = frenchPostalCode(t, i) {
                result.append(m.0)
                i = m.1
            } else {
                i += 1
            }
        }
        return result
    }

    /// Letters Canada Post uses first, and in the other positions.
    @inline(__always) private static func isFirstLetter(_ c: UInt32) -> Bool {
        c >= 0x61 && c <= 0x7A && "abceghjklmnprstvxy".utf8.contains(UInt8(c))
    }
    @inline(__always) private static func isOtherLetter(_ c: UInt32) -> Bool {
        c >= 0x61 && c <= 0x7A && c != 0x64 && c != 0x66 && c != 0x69 && c != 0x6F && c != 0x71 && c != 0x75
    }

    private static func canadianPostalCode(_ t: ScanText, _ i: Int) -> (TextMatch, Int)? {
        guard t.isDigit(i + 1), isFirstLetter(t.s[i]), !t.isWord(i - 1), isOtherLetter(t[i + 2]) else {
            return nil
        }
        var k = i + 3
        if t[k] == 0x20 || t[k] == 0x2D { k += 1 }
        guard t.isDigit(k), isOtherLetter(t[k + 1]), t.isDigit(k + 2), !t.isWord(k + 3) else { return nil }
        let value = (t.string(i..<(i + 3)) + " " + t.string(k..<(k + 3))).uppercased()
        return (t.match("postal-code", i..<(k + 3), value: value, attributes: ["country": "CA"]), k + 3)
    }

    /// Words after a house number of five digits: directions, road words.
    private static let houseNumberFollowers: Set<String> = [
        "north", "south", "east", "west", "n", "s", "e", "w", "ne", "nw", "se", "sw", "highway", "hwy", "hgwy", "route",
        "county", "state", "old", "us", "sr", "fm", "interstate",
    ]

    /// Words that follow a number without being a town.
    private static let notTowns: Set<String> = [
        "euros", "euro", "eur", "dollars", "dollar", "usd", "cad", "km", "kms", "habitants", "personnes", "abonnes",
        "followers", "vues", "views", "likes", "pages", "mots", "words", "visiteurs", "visitors", "clients", "membres",
        "members", "points", "pts", "ans", "jours", "heures", "minutes", "fois", "articles", "produits", "exemplaires",
    ]

    /// The states of the United States (and DC), by name and by postal abbreviation.
    private static let usStateNames: Set<String> = [
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
        "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
        "nevada", "hampshire", "jersey", "mexico", "york", "carolina", "dakota", "ohio", "oklahoma", "oregon",
        "pennsylvania", "island", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin",
        "wyoming", "columbia",
    ]
    private static let usStateAbbreviations: Set<String> = [
        "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me",
        "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa",
        "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc",
    ]

    /// Whether the number at `i` follows "BP", "B.P.", "boîte postale",
    /// "case postale", "CS" or "TSA" (a box number), or the name or the
    /// upper-case abbreviation of a US state ("South Carolina 29715",
    /// "IL 60637": a ZIP code).
    private static func afterBoxWordOrUSState(_ t: ScanText, _ i: Int) -> Bool {
        guard let (word, start) = t.previousWord(before: i, skipping: [0x3A, 0x2E, 0x2C, 0xB0]) else { return false }
        switch word {
        case "bp", "cs", "tsa": return true
        case "p":
            return t[start - 1] == 0x2E && t.previousWord(before: start - 1)?.word == "b"
        case "postale":
            let before = t.previousWord(before: start)?.word
            return before == "boite" || before == "case"
        default:
            if usStateNames.contains(word) { return true }
            return usStateAbbreviations.contains(word) && t.isCapitalized(at: start) && t.isCapitalized(at: start + 1)
        }
    }

    private static func frenchPostalCode(_ t: ScanText, _ i: Int) -> (TextMatch, Int)? {
        guard t.isDigit(i), !t.isWord(i - 1) else { return nil }
        let p = t[i - 1]
        if (p == 0x2E || p == 0x2C || p == 0x2D || p == 0x2F || p == 0x2B) && t.isDigit(i - 2) { return nil }
        let e = t.run(from: i, while: Scalar.isDigit)
        guard e - i == 5, !t.isWord(e) else { return nil }
        if (t[e] == 0x2C || t[e] == 0x2E) && t.isDigit(e + 1) { return nil }
        let department = Scalar.digit(t.s[i]) * 10 + Scalar.digit(t.s[i + 1])
        guard (1...95).contains(department) || department == 97 || department == 98 else { return nil }
        var context = false
        // A capitalised town name after it.
        let k = t.skipSpaces(from: e, limit: 2)
        if k > e && t.isLetter(k) && t.isCapitalized(at: k) {
            let wordEnd = t.run(from: k, while: Scalar.isLetter)
            let word = t.string(k..<wordEnd)
            // Not a unit, nor a street (type or direction) after a house number: "12631 Highway 99".
            context = !notTowns.contains(word) && !englishStreetTypes.contains(word) && frenchStreetTypes[word] == nil
                && !houseNumberFollowers.contains(word)
        }
        // Or "code postal", "CP", "postal code" before it.
        if !context, let (word, start) = t.previousWord(before: i, skipping: [0x3A, 0x2E, 0x2C]) {
            if word == "cp" || word == "postcode" || word == "zip" {
                context = true
            } else if word == "postal", let (before, _) = t.previousWord(before: start) {
                context = before == "code"
            } else if word == "code", let (before, _) = t.previousWord(before: start) {
                context = before == "postal"
            }
        }
        guard context, !afterBoxWordOrUSState(t, i), streetAddress(t, i) == nil else { return nil }
        return (t.match("postal-code", i..<e, value: t.string(i..<e), attributes: ["country": "FR"]), e)
    }
}
