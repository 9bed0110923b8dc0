extension Detectors {
    /// Telephone numbers: the French plan (`06 12 34 56 78`, `06.12.34.56.78`,
    /// `0612345678`, `+33 6 12 34 56 78`, `+33 (0)6…`, `0033…`, `0 800 123 456`,
    /// and the overseas departments that share it, `06 92 …` → `+262…`), North
    /// American (`514 555-1234`, `(514) 555-1234`, `1-800-555-1234`,
    /// `+1 514 555 1234`, `+1(514)555-1234`) and other international numbers
    /// written with `+`, `00` or `011`, each checked against libphonenumber's
    /// ranges (Generated/PhoneRanges.swift). Value: E.164 (`+33612345678`);
    /// attributes "country" (the region: "FR", "RE", "CA", "US", "JM"…, "NANP"
    /// for toll-free numbers) and "extension" when one follows (`x22`,
    /// `ext. 503`, `poste 12`: the match covers it).
    ///
    /// A number is judged on its own groups: when the digits after it make the
    /// whole run too long (a date, an hour, an amount, another number), the
    /// longest leading groups that form a number are kept. Not reported: digit
    /// groups that do not have a telephone shape (years `2019-2023`, amounts
    /// `1 234,56 €`, order numbers, postal codes, dates with `/`), numbers
    /// followed by a currency or a decimal part, numbers right after
    /// "commande", "order", "réf", "facture"…, numbers inside an IBAN, and
    /// unseparated ten-digit North American numbers without a cue such as
    /// "tél" or "call".
    public static func phones(in text: String) -> [TextMatch] { phones(ScanText(text)) }

    static func phones(_ t: ScanText) -> [TextMatch] {
        // A number has at least eight digits (`plausibleDigitCount`).
        guard t.digitCount >= PhoneCandidate.plausibleDigitCount.lowerBound else { return [] }
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
            guard phoneStarts(t, i) else {
                i += 1
                continue
            }
            // Most numbers in a text are too short to be a telephone number:
            // count their digits first, and read the groups into arrays only
            // for the others.
            let shape = PhoneCandidate.Shape(t, at: i)
            if shape.digitCount >= PhoneCandidate.plausibleDigitCount.lowerBound, let m = phone(t, at: i) {
                result.append(m.match)
                i = m.normalizedEnd
                continue
            }
            // Try again from the next digit group.
            i = shape.groupCount > 1 ? shape.secondGroupStart : max(i + 1, shape.firstGroupEnd)
        }
        return result
    }

    /// Whether a number may start at `i`: a digit, `+digit` or `(digit`, after a boundary.
    @inline(__always)
    static func phoneStarts(_ t: ScanText, _ i: Int) -> Bool {
        let c = t.s[i]
        let startsNumber = (c == 0x2B && t.isDigit(i + 1)) || (c == 0x28 && t.isDigit(i + 1)) || Scalar.isDigit(c)
        return startsNumber && phoneLeftBoundary(t, i)
    }

    struct PhoneMatch {
        var match: TextMatch
        var normalizedEnd: Int
    }

    /// The telephone number starting at `i` (a start where `phoneStarts`
    /// holds): the longest leading groups of the candidate that classify.
    static func phone(_ t: ScanText, at i: Int) -> PhoneMatch? {
        guard !insideIBANShape(t, i) else { return nil }
        let candidate = PhoneCandidate.parse(t, at: i)
        // The digits of the first k groups, k = 1…
        var digitCounts: [Int] = []
        digitCounts.reserveCapacity(candidate.groups.count)
        for g in candidate.groups { digitCounts.append((digitCounts.last ?? 0) + g.digits.count) }
        var count = candidate.groups.count
        while count > 0 {
            defer { count -= 1 }
            let digitCount = digitCounts[count - 1]
            guard PhoneCandidate.plausibleDigitCount.contains(digitCount),
                candidate.mayClassify(count, digitCount: digitCount)
            else { continue }
            let sub = count == candidate.groups.count ? candidate : candidate.prefix(count)
            var end = sub.end
            var ext: String?
            if count < candidate.groups.count {
                // Followed by more groups: only after a space (or " - "), not
                // inside a dotted or hyphenated run.
                guard t[end] == 0x20 else { continue }
            } else if let (e, digits) = phoneExtension(t, sub.end) {
                end = e
                ext = digits
            } else if !phoneRightBoundary(t, end) {
                continue
            }
            guard let (value, country) = sub.classify(t) else { continue }
            guard !afterReferenceWord(t, i) else { return nil }
            var attributes: [String: String] = country.isEmpty ? [:] : ["country": country]
            if let ext { attributes["extension"] = ext }
            return PhoneMatch(match: t.match("phone", i..<end, value: value, attributes: attributes), normalizedEnd: end)
        }
        return nil
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

    /// Words that introduce an extension: `x22`, `ext63888`, `ext. 503`, `extension 12`, `poste 12`, `#3456`.
    private static let extensionWords = ["extension", "ext", "poste", "x", "#"]

    /// An extension right after a number ending at `e`, glued or after one
    /// space (and an optional comma): its end and its digits.
    private static func phoneExtension(_ t: ScanText, _ e: Int) -> (Int, String)? {
        var k = e
        if t[k] == 0x2C { k += 1 }
        if t[k] == 0x20 { k += 1 }
        for word in extensionWords where t.hasPrefix(word, at: k) {
            var p = k + word.unicodeScalars.count
            if word != "#" && t.isLetter(p) { continue }
            if t[p] == 0x2E { p += 1 }
            if t[p] == 0x3A { p += 1 }
            p = t.skipSpaces(from: p, limit: 2)
            let digitsEnd = t.run(from: p, while: Scalar.isDigit)
            guard digitsEnd > p, digitsEnd - p <= 7, !t.isWord(digitsEnd) else { return nil }
            // "514 555-0142 x 2 fois": a bare " x " needs the digits glued or a short number.
            return (digitsEnd, t.string(p..<digitsEnd))
        }
        return nil
    }

    /// Whether the number at `i` continues an IBAN-shaped run (`CH93 0076
    /// 2011 …`, whatever the country and the check digits): groups of four
    /// (or three) letters or digits back to two letters and two digits at a
    /// word start.
    static func insideIBANShape(_ t: ScanText, _ i: Int) -> Bool {
        var k = i
        for _ in 0..<9 {
            guard t[k - 1] == 0x20 || t[k - 1] == 0x2D else { return false }
            let end = k - 1
            var start = end
            while start > 0 && (Scalar.isASCIILetter(t[start - 1]) || Scalar.isDigit(t[start - 1])) { start -= 1 }
            guard !t.isWord(start - 1) else { return false }
            if end - start == 4 && Scalar.isASCIILetter(t[start]) && Scalar.isASCIILetter(t[start + 1])
                && t.isDigit(start + 2) && t.isDigit(start + 3)
            {
                return true
            }
            // "ES 58 0049 …": the country and the check digits apart.
            if end - start == 2 && t.isDigit(start) && t.isDigit(start + 1) && t[start - 1] == 0x20
                && Scalar.isASCIILetter(t[start - 2]) && Scalar.isASCIILetter(t[start - 3]) && !t.isWord(start - 4)
                && t.isCapitalized(at: start - 3) && t.isCapitalized(at: start - 2)
            {
                return true
            }
            guard end - start == 4 || end - start == 3 else { return false }
            k = start
        }
        return false
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
            } else if !paren && !(t[k] == 0x28 && t.isDigit(k + 1)) {
                // No separator: only an opening parenthesis may follow, "+1(514)…".
                break
            }
            guard t.isDigit(k) || (t[k] == 0x28 && t.isDigit(k + 1)) else { break }
            p = k
        }
        return plus
    }

    /// The candidate cut after its first `count` groups.
    func prefix(_ count: Int) -> PhoneCandidate {
        var c = self
        c.groups = Array(groups.prefix(count))
        c.end = c.groups.last?.range.upperBound ?? end
        return c
    }

    var allDigits: [Int] {
        var result: [Int] = []
        for g in groups { result += g.digits }
        return result
    }
    var sizes: [Int] {
        var result: [Int] = []
        result.reserveCapacity(groups.count)
        for g in groups { result.append(g.digits.count) }
        return result
    }

    /// Whether the first `count` groups, of `digitCount` digits, may classify
    /// at all: written with `+`, `00` or `011`, or 10 digits (11 after a
    /// lone 1). Spares `classify` most of the prefixes of long runs.
    func mayClassify(_ count: Int, digitCount: Int) -> Bool {
        if plus || digitCount == 10 { return true }
        let first = groups[0].digits
        if digitCount == 11 && first == [1] { return true }
        if first.count >= 2 && first[0] == 0 && (first[1] == 0 || (first.count == 3 && first[1] == 1 && first[2] == 1)) {
            return digitCount > 10
        }
        // "0 800 123 456": 10 digits, handled above; a lone 0 then 00…
        return first == [0] && count > 1 && groups[1].digits.first == 0 && digitCount > 10
    }

    /// The E.164 value and the country, when the groups have a telephone
    /// shape and the number is in its plan's ranges.
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
            international = groups.filter { !($0.parenthesized && $0.digits == [0]) }.flatMap { $0.digits }
        } else if digits.count > 10 && digits[0] == 0 && digits[1] == 0 && !groups[0].parenthesized {
            international = Array(groups.filter { !($0.parenthesized && $0.digits == [0]) }.flatMap { $0.digits }.dropFirst(2))
        } else if groups[0].digits == [0, 1, 1] && groups.count > 1 {
            international = Array(digits.dropFirst(3))
        }
        if let intl = international {
            return Self.international(intl)
        }
        // The French plan: 10 digits 0X… in pairs, in one block, or 0 800 123 456.
        if n == 10 && digits[0] == 0 && digits[1] != 0 && !groups.contains(where: { $0.parenthesized }) {
            let s = sizes
            // Belgian mobiles are written 04xx xx xx xx.
            if s == [4, 2, 2, 2] && digits[1] == 4 {
                return ("+32" + Self.string(digits.dropFirst()), "BE")
            }
            if s.count == 1 || s.allSatisfy({ $0 % 2 == 0 }) || (s == [1, 3, 3, 3] && digits[1] == 8) {
                return Self.frenchPlan(digits.dropFirst(), callingCode: 0)
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

    /// A number of the French plan (9 national digits), dialled in France
    /// (`callingCode` 0) or after a calling code of the plan, with its region.
    static func frenchPlan(_ national: ArraySlice<Int>, callingCode: Int) -> (String, String)? {
        guard let region = PhoneRanges.frenchRegion(national, callingCode: callingCode),
            let code = PhoneRanges.frenchPlanCallingCodes[region]
        else { return nil }
        return ("+" + String(code) + string(national), region)
    }

    /// Digits after the international prefix: a calling code of the world
    /// and a national number of one of its lengths (the French and North
    /// American plans are checked against their ranges).
    static func international(_ d: [Int]) -> (String, String)? {
        guard d.count >= 8, d.count <= 15, d[0] != 0 else { return nil }
        var code = 0
        for length in 1...3 where d.count > length {
            code = code * 10 + d[length - 1]
            guard let entry = PhoneRanges.callingCodes[code] else { continue }
            var national = d[length...]
            if code == 1 {
                return national.count == 10 ? northAmerican(Array(national)) : nil
            }
            if PhoneRanges.frenchPlanCodes.contains(code) {
                // "+33 0 6…" (a trunk zero written after the code) is tolerated.
                if national.count == 10 && national.first == 0 { national = national.dropFirst() }
                return frenchPlan(national, callingCode: code)
            }
            guard entry.nationalLengths.contains(national.count) else { return nil }
            return ("+" + string(d), entry.region)
        }
        return nil
    }

    static func northAmerican(_ d: [Int]) -> (String, String)? {
        guard d.count == 10, d[0] >= 2, d[3] >= 2 else { return nil }
        let area = d[0] * 100 + d[1] * 10 + d[2]
        guard let region = PhoneRanges.northAmericanAreaCodes[area] else { return nil }
        return ("+1" + string(d), region)
    }

    /// The decimal digits (0–9) as a string.
    static func string<S: Sequence<Int>>(_ digits: S) -> String {
        String(decoding: digits.map { UInt8(48 + $0) }, as: UTF8.self)
    }
}
