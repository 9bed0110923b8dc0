extension Detectors {
    /// Telephone numbers: French (`06 12 34 56 78`, `06.12.34.56.78`,
    /// `0612345678`, `+33 6 12 34 56 78`, `+33 (0)6…`, `0033…`, `0 800 123 456`),
    /// North American (`514 555-1234`, `(514) 555-1234`, `1-800-555-1234`,
    /// `+1 514 555 1234`) and other international numbers written with `+` or
    /// `00`. Value: E.164 (`+33612345678`); attribute "country" ("FR", "CA",
    /// "US", "NANP" for toll-free numbers, or the country of the calling code).
    ///
    /// Not reported: digit groups that do not have a telephone shape (years
    /// `2019-2023`, amounts `1 234,56 €`, order numbers, postal codes, dates
    /// with `/`), numbers followed by a currency or a decimal part, numbers
    /// right after "commande", "order", "réf", "facture"…, and unseparated
    /// ten-digit North American numbers without a cue such as "tél" or "call".
    public static func phones(in text: String) -> [TextMatch] { phones(ScanText(text)) }

    static func phones(_ t: ScanText) -> [TextMatch] {
        var result: [TextMatch] = []
        var i = 0
        let n = t.count
        while i < n {
            // Most scalars are not a digit, `+` or `(`: skip them in a tight loop.
            i = t.s.withUnsafeBufferPointer { s in
                var k = i
                while k < n {
                    let c = s[k]
                    if Scalar.isDigit(c) || c == 0x2B || c == 0x28 { break }
                    k += 1
                }
                return k
            }
            guard i < n else { break }
            let c = t.s[i]
            let startsNumber =
                (c == 0x2B && t.isDigit(i + 1)) || (c == 0x28 && t.isDigit(i + 1)) || Scalar.isDigit(c)
            guard startsNumber, phoneLeftBoundary(t, i) else {
                i += 1
                continue
            }
            // Most numbers in a text are too short (or too long) to be a
            // telephone number, and `classify` rejects them on their digit
            // count alone: count them first, and read the groups into
            // arrays only for the others.
            let shape = PhoneCandidate.Shape(t, at: i)
            if PhoneCandidate.plausibleDigitCount.contains(shape.digitCount) {
                let candidate = PhoneCandidate.parse(t, at: i)
                if let (value, country) = candidate.classify(t), phoneRightBoundary(t, candidate.end),
                    !afterReferenceWord(t, i)
                {
                    result.append(
                        t.match(
                            "phone", i..<candidate.end, value: value, attributes: country.isEmpty ? [:] : ["country": country]))
                    i = candidate.end
                    continue
                }
            }
            // Try again from the next digit group.
            i = shape.groupCount > 1 ? shape.secondGroupStart : max(i + 1, shape.firstGroupEnd)
        }
        return result
    }

    private static func phoneLeftBoundary(_ t: ScanText, _ i: Int) -> Bool {
        let p = t[i - 1]
        if Scalar.isWord(p) || p == 0x2B || p == 0x2F { return false }
        // Inside a number: "1.234", "2019-2023", "12,50".
        if (p == 0x2E || p == 0x2C || p == 0x2D) && t.isDigit(i - 2) { return false }
        return true
    }

    private static func phoneRightBoundary(_ t: ScanText, _ e: Int) -> Bool {
        let c = t[e]
        if Scalar.isWord(c) { return false }
        if (c == 0x2C || c == 0x2E || c == 0x2F || c == 0x2D) && t.isDigit(e + 1) { return false }
        let k = t.skipSpaces(from: e)
        let next = t[k]
        // Amounts and percentages.
        if next == 0x20AC || next == 0x24 || next == 0x25 || next == 0xA3 { return false }
        if t.hasPrefix("euro", at: k) || t.hasPrefix("eur ", at: k) || t.hasPrefix("dollar", at: k)
            || t.hasPrefix("usd", at: k) || t.hasPrefix("cad", at: k)
        {
            return false
        }
        return true
    }

    /// Words after which a number is a reference, not a telephone number.
    static let referenceWords: Set<String> = [
        "commande", "order", "ref", "reference", "facture", "invoice", "dossier", "ticket", "colis", "suivi",
        "tracking", "siret", "siren", "client", "contrat", "transaction", "compte", "account",
    ]

    /// Punctuation between a reference word and its number: `:`, `#`, `°`, `.`, `-`.
    private static let referencePunctuation: Set<UInt32> = [0x3A, 0x23, 0xB0, 0x2E, 0x2D]
    /// Words that may stand between a reference word and its number ("commande n° …").
    private static let referenceFillers: Set<String> = [
        "n", "no", "num", "numero", "de", "du", "la", "le", "my", "number", "#",
    ]

    private static func afterReferenceWord(_ t: ScanText, _ i: Int) -> Bool {
        var k = i
        for _ in 0..<3 {
            guard let (word, start) = t.previousWord(before: k, skipping: referencePunctuation) else {
                return false
            }
            if referenceWords.contains(word) { return true }
            if !referenceFillers.contains(word) { return false }
            k = start
        }
        return false
    }

    /// Cue words for unseparated North American numbers.
    static let phoneCues: Set<String> = [
        "tel", "telephone", "phone", "cell", "cellulaire", "mobile", "portable", "appel", "appelez", "appelle",
        "call", "text", "texto", "sms", "numero", "number", "joindre", "whatsapp", "fax",
    ]

    /// Punctuation between a cue word and the number: `:`, `#`, `°`, `.`, `-`, `,`, `'`, `(`.
    private static let cuePunctuation: Set<UInt32> = [0x3A, 0x23, 0xB0, 0x2E, 0x2D, 0x2C, 0x27, 0x28]

    static func hasCue(_ t: ScanText, before i: Int, in cues: Set<String>, words: Int = 4) -> Bool {
        var k = i
        for _ in 0..<words {
            guard let (word, start) = t.previousWord(before: k, skipping: cuePunctuation) else { return false }
            if cues.contains(word) { return true }
            k = start
        }
        return false
    }

    /// Canadian area codes (the others of the plan are reported as "US").
    static let canadianAreaCodes: Set<Int> = [
        204, 226, 236, 249, 250, 257, 263, 289, 306, 343, 354, 365, 367, 368, 382, 403, 416, 418, 428, 431, 437,
        438, 450, 460, 468, 474, 506, 514, 519, 548, 579, 581, 584, 587, 604, 613, 639, 647, 672, 683, 705, 709,
        742, 753, 778, 780, 782, 807, 819, 825, 867, 873, 879, 902, 905, 942,
    ]
    static let tollFreeAreaCodes: Set<Int> = [800, 833, 844, 855, 866, 877, 888]

    /// Calling codes → country, for the attribute of international numbers.
    static let callingCodes: [String: String] = [
        "33": "FR", "1": "NANP", "32": "BE", "41": "CH", "352": "LU", "377": "MC", "44": "GB", "49": "DE",
        "34": "ES", "39": "IT", "351": "PT", "31": "NL", "212": "MA", "213": "DZ", "216": "TN", "221": "SN",
        "225": "CI", "237": "CM", "509": "HT", "262": "RE", "590": "GP", "596": "MQ", "594": "GF", "687": "NC",
        "689": "PF", "30": "GR", "353": "IE", "43": "AT", "45": "DK", "46": "SE", "47": "NO", "48": "PL",
        "52": "MX", "55": "BR", "61": "AU", "81": "JP", "86": "CN", "91": "IN", "7": "RU",
    ]
}

/// Digit groups read from a possible telephone number.
struct PhoneCandidate {
    struct Group {
        var digits: [Int]
        var range: Range<Int>
        var parenthesized: Bool
    }
    var plus = false
    var groups: [Group] = []
    var end: Int
    var firstGroupEnd: Int

    /// The number of digits `classify` accepts.
    static let plausibleDigitCount = 8...17

    /// What the detector needs of a candidate it rejects on its digit count:
    /// the same reading as `parse`, without building the groups.
    struct Shape {
        var digitCount = 0
        var groupCount = 0
        var firstGroupEnd: Int
        /// The start of the second group (meaningful when `groupCount > 1`).
        var secondGroupStart = 0

        init(_ t: ScanText, at start: Int) {
            var digitCount = 0
            var groupCount = 0
            var firstGroupEnd = start + 1
            var secondGroupStart = 0
            _ = PhoneCandidate.readGroups(t, at: start) { range, parenthesized in
                digitCount += parenthesized ? range.count - 2 : range.count
                groupCount += 1
                if groupCount == 1 { firstGroupEnd = range.upperBound }
                if groupCount == 2 { secondGroupStart = range.lowerBound }
            }
            self.digitCount = digitCount
            self.groupCount = groupCount
            self.firstGroupEnd = firstGroupEnd
            self.secondGroupStart = secondGroupStart
        }
    }

    static func parse(_ t: ScanText, at start: Int) -> PhoneCandidate {
        var c = PhoneCandidate(end: start + 1, firstGroupEnd: start + 1)
        let plus = readGroups(t, at: start) { range, parenthesized in
            let digitRange = parenthesized ? (range.lowerBound + 1)..<(range.upperBound - 1) : range
            c.groups.append(
                Group(digits: digitRange.map { Scalar.digit(t.s[$0]) }, range: range, parenthesized: parenthesized))
            c.end = range.upperBound
            if c.groups.count == 1 { c.firstGroupEnd = range.upperBound }
        }
        c.plus = plus
        return c
    }

    /// Reads the digit groups of a possible number at `start` (after a `+`,
    /// which is returned), calling `group(range, parenthesized)` for each:
    /// `range` covers the digits and, for a group like `(0)`, its parentheses.
    @inline(__always)
    static func readGroups(_ t: ScanText, at start: Int, _ group: (Range<Int>, Bool) -> Void) -> Bool {
        var plus = false
        var p = start
        if t.s[p] == 0x2B {
            plus = true
            p += 1
        }
        var total = 0
        while p < t.count && total <= 17 {
            let groupStart = p
            var count = 0
            var paren = false
            if t.s[p] == 0x28 {
                var k = p + 1
                while t.isDigit(k) && k - p <= 4 {
                    count += 1
                    k += 1
                }
                guard count > 0, t[k] == 0x29 else { break }
                paren = true
                p = k + 1
            } else if t.isDigit(p) {
                while t.isDigit(p) {
                    count += 1
                    p += 1
                }
            } else {
                break
            }
            total += count
            group(groupStart..<p, paren)
            // A separator: one space, dot or hyphen (" - " too); none after a parenthesis.
            var k = p
            if t[k] == 0x20 || t[k] == 0x2E || t[k] == 0x2D {
                let sep = t[k]
                k += 1
                if sep == 0x20 && t[k] == 0x2D && t[k + 1] == 0x20 { k += 2 }
            } else if !paren {
                break
            }
            guard t.isDigit(k) || (t[k] == 0x28 && t.isDigit(k + 1)) else { break }
            p = k
        }
        return plus
    }

    var allDigits: [Int] { groups.flatMap(\.digits) }
    var sizes: [Int] { groups.map(\.digits.count) }

    /// The E.164 value and the country, when the groups have a telephone shape.
    func classify(_ t: ScanText) -> (String, String)? {
        guard !groups.isEmpty else { return nil }
        let digits = allDigits
        let n = digits.count
        guard Self.plausibleDigitCount.contains(n) else { return nil }
        let start = groups[0].range.lowerBound
        // International: "+CC …", "00CC …", "011 CC …".
        var international: [Int]?
        if plus {
            if groups[0].parenthesized { return nil }
            // "+33 (0)6…": drop the trunk zero in parentheses.
            international = groups.filter { !($0.parenthesized && $0.digits == [0]) }.flatMap(\.digits)
        } else if digits.count > 10 && digits[0] == 0 && digits[1] == 0 && !groups[0].parenthesized {
            international = Array(groups.filter { !($0.parenthesized && $0.digits == [0]) }.flatMap(\.digits).dropFirst(2))
        } else if groups[0].digits == [0, 1, 1] && groups.count > 1 {
            international = Array(digits.dropFirst(3))
        }
        if let intl = international {
            return Self.international(intl)
        }
        // France: 10 digits 0X… in pairs, in one block, or 0 800 123 456.
        if n == 10 && digits[0] == 0 && digits[1] != 0 && !groups.contains(where: \.parenthesized) {
            let s = sizes
            // Belgian mobiles are written 04xx xx xx xx.
            if s == [4, 2, 2, 2] && digits[1] == 4 {
                return ("+32" + Self.string(digits.dropFirst()), "BE")
            }
            if s.count == 1 || s.allSatisfy({ $0 % 2 == 0 }) || (s == [1, 3, 3, 3] && digits[1] == 8) {
                return ("+33" + Self.string(digits.dropFirst()), "FR")
            }
            return nil
        }
        // North America: NXX NXX XXXX, (NXX) NXX-XXXX, 1 NXX NXX XXXX.
        var national = digits
        var shape = sizes
        if n == 11 && digits[0] == 1 && groups[0].digits == [1] {
            national = Array(digits.dropFirst())
            shape = Array(shape.dropFirst())
        }
        guard national.count == 10 else { return nil }
        let grouped = shape == [3, 3, 4]
        let single = shape == [10] && !groups[0].parenthesized
        guard grouped || (single && Detectors.hasCue(t, before: start, in: Detectors.phoneCues)) else { return nil }
        return Self.northAmerican(national)
    }

    static func international(_ d: [Int]) -> (String, String)? {
        guard d.count >= 8, d.count <= 15, d[0] != 0 else { return nil }
        if d[0] == 3 && d[1] == 3 {
            var national = Array(d.dropFirst(2))
            if national.count == 10 && national[0] == 0 { national.removeFirst() }
            guard national.count == 9, national[0] != 0 else { return nil }
            return ("+33" + string(national), "FR")
        }
        if d[0] == 1 {
            guard d.count == 11 else { return nil }
            return northAmerican(Array(d.dropFirst()))
        }
        for length in [3, 2, 1] where d.count > length {
            if let country = Detectors.callingCodes[string(d.prefix(length))] {
                return ("+" + string(d), country)
            }
        }
        return ("+" + string(d), "")
    }

    static func northAmerican(_ d: [Int]) -> (String, String)? {
        guard d.count == 10, d[0] >= 2, d[3] >= 2 else { return nil }
        let area = d[0] * 100 + d[1] * 10 + d[2]
        // N11 codes are service codes, not area codes.
        guard !(d[1] == 1 && d[2] == 1) else { return nil }
        let country =
            Detectors.canadianAreaCodes.contains(area)
            ? "CA" : Detectors.tollFreeAreaCodes.contains(area) ? "NANP" : "US"
        return ("+1" + string(d), country)
    }

    /// The decimal digits (0–9) as a string.
    static func string<S: Sequence<Int>>(_ digits: S) -> String {
        String(decoding: digits.map { UInt8(48 + $0) }, as: UTF8.self)
    }
}
