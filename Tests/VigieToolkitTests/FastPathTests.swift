import Foundation
import Testing
import VigieModel

@testable import VigieToolkit

/// The faster construction of the scanned texts and the quicker rejection of
/// non-telephone numbers, checked against the straightforward code they
/// replace (kept here as the reference) on hand-written and generated texts.
@Suite struct FastPathTests {
    // MARK: - Texts

    static let handWritten: [String] = [
        "", " ", "a", "7", "+", "(", "+3", "(0)", "é", "😀", "e\u{301}",
        "Appelez-moi au 06 12 34 56 78 !", "Tél. 06.12.34.56.78", "tel:06-12-34-56-78", "Mon 06 : 0612345678.",
        "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "Numéro vert 0 800 123 456",
        "06\u{202F}12\u{202F}34\u{202F}56\u{202F}78", "06\u{00A0}12\u{00A0}34\u{00A0}56\u{00A0}78",
        "Call (514) 555-1234 today", "(418)555-0199", "Sans frais : 1-800-555-0123.", "+1 514 555 1234",
        "Phone: 5145551234", "London +44 20 7946 0958", "GSM belge 0470 12 34 56", "011 33 6 12 34 56 78",
        "Total : 1 234,56 €", "Prix 12 345 678 €", "De 2019-2023", "Ma commande n° 4521337", "Commande n° 0612345678",
        "Rendez-vous le 17/08/2026", "Le 17.08.2026 à 14h", "2026-08-03", "1234567890", "12 34 56 78 90 12 34",
        "NIR 1 85 05 78 006 084 91", "Version 3.14.159.26", "(123) 456-7890", "Score 3-2, 45 000 spectateurs",
        "06 12 34 56 78 - 06 12 34 56 79", "06 - 12 - 34 - 56 - 78", "+33 6 12 34 56 78 90 12 34 56 78 90",
        "0612345678901234567890123", "((06)) 12 34", "(06 12 34 56 78", "+(33) 6 12 34 56 78", "06 12 34 56 78€",
        "06 12 34 56 78 euros", "06 12 34 56 78,50", "réf. 06 12 34 56 78", "order # 514 555 1234",
        "text me 5145551234", "Été ☀️ l’équipe 😀 : 06 12 34 56 78", "👍🏽 06 12 34 56 78 👍🏽",
        "Ｔél ０６ １２ ３４ ５６ ７８", "ﬁn 06 12 34 56 78", "Œuvre n° 12", "ß 0 800 123 456 ß",
        "ferme\u{00A0}ta\u{202F}gueule", "FERME   TA\ngueule", "ras-le-bol‐total‑vraiment", "a \t\n\r b",
        "𝗖𝗢𝗡𝗡𝗔𝗥𝗗 et co\u{301}nnard", "l’été", "Line\u{2028}sep\u{2029}end", "\u{FEFF}bom\u{200B}zero",
    ]

    /// Pieces the generated texts are made of.
    static let pieces: [String] = [
        "Bonjour", "appelez", "tél", "tel:", "phone", "call", "commande", "n°", "order", "#", "réf.", "facture",
        "le", "de", "the", "number", "prix", "€", "$", "%", "euros", "usd", "l’été", "écœuré", "ÉCOLE", "naïve",
        "e\u{301}", "A\u{308}", "😀", "👍🏽", "☀️", "🇫🇷", "ﬁ", "ß", "Œ", "０６", "𝗕𝗢𝗟𝗗", "ferme ta gueule", "con",
        "+33", "+1", "+44", "0033", "011", "(0)", "(514)", "(", ")", "+", "-", ".", ",", "/", ":", " - ",
        " ", " ", " ", "  ", "\n", "\t", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2010}", "\u{00AD}", "\u{200D}",
        "06", "12", "34", "56", "78", "0", "1", "7", "800", "555", "1234", "2019", "2026", "17/08/2026",
        "06 12 34 56 78", "06.12.34.56.78", "0612345678", "514 555-1234", "1-800-555-0123", "0 800 123 456",
        "1 234,56", "12,50", "3.14", "75011", "4521337", "0470 12 34 56", "5145551234",
    ]

    /// Texts of random pieces, with random digit runs and single scalars
    /// (from every UTF-8 length) in between.
    static func generated(count: Int, seed: UInt64) -> [String] {
        var g = SplitMix64(seed: seed)  // seeded, so a failure can be replayed
        let singles: [Unicode.Scalar] = ["a", "Z", "0", "9", " ", "-", "(", ")", "+", ".", "\u{A0}", "é", "ñ", "\u{301}",
            "\u{202F}", "€", "\u{2019}", "中", "😀", "\u{1D5D5}", "\u{10FFFF}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}",
            "\u{FFFF}", "\u{10000}"]
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &g) {
                switch Int.random(in: 0..<10, using: &g) {
                case 0:
                    text += String((0..<Int.random(in: 1...20, using: &g)).map { _ in
                        Character(String(Int.random(in: 0...9, using: &g)))
                    })
                case 1:
                    text.unicodeScalars.append(singles.randomElement(using: &g)!)
                default:
                    text += pieces.randomElement(using: &g)!
                }
                if Bool.random(using: &g) { text += [" ", " ", ".", "-", "\u{00A0}", ""].randomElement(using: &g)! }
            }
            return text
        }
    }

    static let texts: [String] = handWritten + generated(count: 3000, seed: 0x5EED)

    /// The whitespace collapsing of a street address's value, byte by byte
    /// where it can be, against splitting on `Character.isWhitespace`.
    @Test func collapsingWhitespaceAsSplittingOnWhitespaceCharacters() {
        let extra = ["12 rue de l’Église", "12  rue\tdes\r\nLilas ", "3 avenue Émile-Zola\u{00A0}Paris", " \u{301}x", "ÿ\u{2028}À", "x\r\ny"]
        for text in Self.texts + extra {
            #expect(Detectors.collapsingWhitespace(text) == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "),
                    "\(text.debugDescription)")
        }
    }

    /// The date of an instant in a zone, by arithmetic on the zone's
    /// offset, against the Gregorian calendar: fixed offsets and zones with
    /// summer time, around midnight, the days around a change of offset,
    /// leap days, instants before 1970 and at the edge of 1583.
    @Test func civilDateOfAnInstantAsTheGregorianCalendarGivesIt() {
        func reference(_ date: Date, _ zone: TimeZone) -> CivilDate {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return CivilDate(year: c.year!, month: c.month!, day: c.day!)
        }
        var zones = [-43_200, -18_000, -12_600, -1, 0, 1, 3_600, 19_800, 50_400].compactMap(TimeZone.init(secondsFromGMT:))
        zones += ["America/Toronto", "Europe/Paris", "Australia/Lord_Howe", "Pacific/Kiritimati"].compactMap(TimeZone.init(identifier:))
        #expect(zones.count == 13)
        var instants: [Double] = [0, -1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 951_868_799, 1_774_828_800]
        instants += [-12_212_553_600, -12_212_553_599.5, -12_212_467_201, 4_102_444_799.999]
        var state: UInt64 = 0xDA7E
        for _ in 0..<4_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // 1900 to 2100, in quarter seconds.
            instants.append(-2_208_988_800 + Double((state >> 11) % 25_246_080_000) / 4)
        }
        for transition in [1_774_746_000.0, 1_792_886_400, 1_741_503_600, 1_762_063_200] {
            for delta in stride(from: -7_200.0, through: 7_200, by: 900) { instants.append(transition + delta) }
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            for zone in zones {
                #expect(CivilDate(date, timeZone: zone) == reference(date, zone), "\(seconds) \(zone.identifier)")
            }
        }
    }

    // MARK: - Scalars

    @Test func decodedScalarsAreTheStringsScalars() {
        for text in Self.texts {
            #expect(ScalarDecoding.values(of: text) == text.unicodeScalars.map(\.value), "\(text)")
            #expect(ScalarDecoding.scalars(of: text) == Array(text.unicodeScalars), "\(text)")
            let normalized = TextNormalizer.standard.normalize(text).text
            #expect(ScalarDecoding.values(of: normalized) == normalized.unicodeScalars.map(\.value), "\(text)")
        }
    }

    @Test func scalarsEncodeToTheSameString() {
        for text in Self.texts {
            let scalars = Array(text.unicodeScalars)
            #expect(ScalarDecoding.string(scalars[...]) == text, "\(text)")
            #expect(ScalarDecoding.string(values: scalars.map(\.value)) == text, "\(text)")
            for start in stride(from: 0, to: scalars.count, by: 3) {
                let slice = scalars[start..<min(scalars.count, start + 5)]
                #expect(ScalarDecoding.string(slice) == String(String.UnicodeScalarView(slice)), "\(text)")
            }
        }
        let t = ScanText("Été 😀 : 06 12")
        #expect(t.originalText(0..<5) == "Été 😀")
        #expect(t.originalText(-3..<100) == "Été 😀 : 06 12")
        #expect(t.originalText(4..<4) == "")
    }

    @Test func digitStrings() {
        var g = SplitMix64(seed: 7)
        for length in 0..<20 {
            let digits = (0..<length).map { _ in Int.random(in: 0...9, using: &g) }
            #expect(PhoneCandidate.string(digits) == String(digits.map { Character(String($0)) }))
        }
        #expect(PhoneCandidate.string([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) == "0123456789")
    }

    @Test func everyScalarLengthDecodes() {
        let text = String(String.UnicodeScalarView(
            (0..<0x11000).compactMap { Unicode.Scalar(UInt32($0) * 16 + UInt32($0 % 16)) }))
        #expect(ScalarDecoding.values(of: text) == text.unicodeScalars.map(\.value))
        #expect(ScalarDecoding.string(Array(text.unicodeScalars)[...]) == text)
    }

    /// The former construction of `LexiconInput`.
    static func referenceLexiconInput(_ normalized: NormalizedText) -> (scalars: [UInt32], index: [Int32]) {
        var scalars: [UInt32] = []
        var index: [Int32] = []
        var previousSpace = false
        for (k, scalar) in normalized.text.unicodeScalars.enumerated() {
            let space = Lexicon.isSeparator(scalar.value)
            if space && previousSpace { continue }
            scalars.append(space ? 0x20 : scalar.value)
            index.append(Int32(k))
            previousSpace = space
        }
        return (scalars, index)
    }

    @Test func preparedInputsMatchTheReference() {
        for text in Self.texts {
            let normalized = TextNormalizer.standard.normalize(text)
            let reference = Self.referenceLexiconInput(normalized)
            let prepared = PreparedText(text)
            for input in [LexiconInput(text), prepared.lexiconInput] {
                #expect(input.scalars == reference.scalars, "\(text)")
                #expect(input.scalars.indices.map { Int32(input.normalizedOffset($0)) } == reference.index, "\(text)")
                #expect(input.original == Array(text.unicodeScalars), "\(text)")
            }
            for scan in [ScanText(text), prepared.scan] {
                #expect(scan.s == normalized.text.unicodeScalars.map(\.value), "\(text)")
                #expect(scan.original == Array(text.unicodeScalars), "\(text)")
            }
        }
    }

    @Test func separatorsAsBefore() {
        for c in UInt32(0)..<0x3100 where Unicode.Scalar(c) != nil {
            #expect(LexiconInput.isSeparator(c) == Lexicon.isSeparator(c), "U+\(String(c, radix: 16))")
        }
    }

    // MARK: - Lexicon

    static let lexicon = Lexicon(terms: [
        LexiconTerm(term: "con", category: "insult", weight: 1.5, language: "fr"),
        LexiconTerm(term: "connard", category: "insult", weight: 3, language: "fr"),
        LexiconTerm(term: "ferme ta gueule", category: "intimidation", weight: 2),
        LexiconTerm(term: "ta gueule", category: "intimidation"),
        LexiconTerm(term: "écœuré", category: "venting"),
        LexiconTerm(term: "été", category: "season"),
        LexiconTerm(term: "06", category: "digits"),
        LexiconTerm(term: "12 34", category: "digits"),
        LexiconTerm(term: "😀", category: "emoji"),
        LexiconTerm(term: "ras-le-bol", category: "venting"),
        LexiconTerm(term: "e", category: "letter"),
        LexiconTerm(term: "tel", category: "cue"),
        LexiconTerm(term: "Tél", category: "cue again"),
    ])

    /// Every (term, original range) by trying each term at each position of
    /// the folded input: what the automaton must find.
    static func referenceMatches(_ lexicon: Lexicon, _ text: String) -> [[String]] {
        let input = LexiconInput(text)
        let s = input.scalars
        var found: [[String]] = []
        for start in s.indices {
            for (term, key) in lexicon.keys.enumerated() where !key.isEmpty && start + key.count <= s.count {
                let end = start + key.count
                guard Array(s[start..<end]) == key else { continue }
                guard !lexicon.wholeWords || input.isBoundary(start: start, end: end) else { continue }
                let r = input.normalized.originalRange(
                    for: input.normalizedOffset(start)..<(input.normalizedOffset(end - 1) + 1))
                found.append([String(r.lowerBound), String(r.upperBound), lexicon.terms[term].term])
            }
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test(arguments: [true, false])
    func lexiconMatchesEveryOccurrence(_ wholeWords: Bool) {
        let lexicon = Lexicon(terms: Self.lexicon.terms, wholeWords: wholeWords)
        for text in Self.texts {
            let matches = lexicon.matches(in: text)
            let seen = matches.map { [String($0.start), String($0.end), $0.attributes["term"] ?? ""] }
            #expect(seen.sorted { $0.lexicographicallyPrecedes($1) } == Self.referenceMatches(lexicon, text), "\(text)")
            #expect(lexicon.matches(in: PreparedText(text)) == matches, "\(text)")
            #expect(lexicon.contains(in: text) == !matches.isEmpty, "\(text)")
        }
    }

    // MARK: - Telephone numbers

    /// The straightforward `PhoneCandidate.parse`.
    static func referenceParse(_ t: ScanText, at start: Int) -> PhoneCandidate {
        var c = PhoneCandidate(end: start + 1, firstGroupEnd: start + 1)
        var p = start
        if t.s[p] == 0x2B {
            c.plus = true
            p += 1
        }
        var total = 0
        while p < t.count && total <= 17 {
            let groupStart = p
            var digits: [Int] = []
            var paren = false
            if t.s[p] == 0x28 {
                var k = p + 1
                while t.isDigit(k) && k - p <= 4 {
                    digits.append(Scalar.digit(t.s[k]))
                    k += 1
                }
                guard !digits.isEmpty, t[k] == 0x29 else { break }
                paren = true
                p = k + 1
            } else if t.isDigit(p) {
                while t.isDigit(p) {
                    digits.append(Scalar.digit(t.s[p]))
                    p += 1
                }
            } else {
                break
            }
            total += digits.count
            c.groups.append(PhoneCandidate.Group(digits: digits, range: groupStart..<p, parenthesized: paren))
            c.end = p
            if c.groups.count == 1 { c.firstGroupEnd = p }
            var k = p
            if t[k] == 0x20 || t[k] == 0x2E || t[k] == 0x2D {
                let sep = t[k]
                k += 1
                if sep == 0x20 && t[k] == 0x2D && t[k + 1] == 0x20 { k += 2 }
            } else if !paren && !(t[k] == 0x28 && t.isDigit(k + 1)) {
                break
            }
            guard t.isDigit(k) || (t[k] == 0x28 && t.isDigit(k + 1)) else { break }
            p = k
        }
        return c
    }

    /// The detector without its shortcuts: a number tried at every scalar
    /// where one may start, whatever its digit count.
    static func referencePhones(_ t: ScanText) -> [TextMatch] {
        var result: [TextMatch] = []
        var i = 0
        while i < t.count {
            if Detectors.phoneStarts(t, i), let m = Detectors.phone(t, at: i) {
                result.append(m.match)
                i = m.normalizedEnd
            } else {
                i += 1
            }
        }
        return result
    }

    @Test func candidatesReadAsBefore() {
        for text in Self.texts {
            let t = ScanText(text)
            for i in 0..<t.count where t.s[i] == 0x2B || t.s[i] == 0x28 || Scalar.isDigit(t.s[i]) {
                let reference = Self.referenceParse(t, at: i)
                let candidate = PhoneCandidate.parse(t, at: i)
                #expect(candidate.plus == reference.plus, "\(text) at \(i)")
                #expect(candidate.end == reference.end, "\(text) at \(i)")
                #expect(candidate.firstGroupEnd == reference.firstGroupEnd, "\(text) at \(i)")
                #expect(candidate.groups.map(\.digits) == reference.groups.map(\.digits), "\(text) at \(i)")
                #expect(candidate.groups.map(\.range) == reference.groups.map(\.range), "\(text) at \(i)")
                #expect(candidate.groups.map(\.parenthesized) == reference.groups.map(\.parenthesized), "\(text) at \(i)")
                let shape = PhoneCandidate.Shape(t, at: i)
                #expect(shape.digitCount == reference.allDigits.count, "\(text) at \(i)")
                #expect(shape.groupCount == reference.groups.count, "\(text) at \(i)")
                #expect(shape.firstGroupEnd == reference.firstGroupEnd, "\(text) at \(i)")
                if reference.groups.count > 1 {
                    #expect(shape.secondGroupStart == reference.groups[1].range.lowerBound, "\(text) at \(i)")
                }
                // The count alone rejects only what no leading groups can make a number of.
                if shape.digitCount < PhoneCandidate.plausibleDigitCount.lowerBound {
                    #expect(reference.classify(t) == nil, "\(text) at \(i)")
                    #expect(!Detectors.phoneStarts(t, i) || Detectors.phone(t, at: i) == nil, "\(text) at \(i)")
                }
            }
        }
    }

    @Test func phonesAsWithoutShortcuts() {
        var found = 0
        for text in Self.texts {
            let expected = Self.referencePhones(ScanText(text))
            found += expected.count
            #expect(Detectors.phones(in: text) == expected, "\(text)")
            #expect(Detectors.phones(in: PreparedText(text)) == expected, "\(text)")
        }
        // The texts exercise the detector, not only its rejections.
        #expect(found > 300)
    }
}
