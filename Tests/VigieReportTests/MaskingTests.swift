import Foundation
import Testing
import VigieModel

@testable import VigieReport

@Suite struct MaskingTests {
    static let secrets = ["06 12 34 56 78", "marie.dupont@exemple.fr", "12 rue des Lilas", "07 98 76 54 32"]

    @Test(arguments: ReportFormat.allCases)
    func personalDataIsMaskedByDefault(format: ReportFormat) throws {
        for language in ReportLanguage.allCases {
            let text = try render(format, language)
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(format) \(language) shows \(secret)")
            }
            #expect(text.contains("06 •• •• •• 78"))
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func revealShowsIt(format: ReportFormat) throws {
        let text = try render(format, .french, reveal: true)
        #expect(text.contains("06 12 34 56 78"))
        #expect(text.contains("marie.dupont@exemple.fr"))
        #expect(text.contains("12 rue des Lilas"))
        if format == .html || format == .markdown || format == .text {
            #expect(text.contains("07 98 76 54 32"))  // in an incident's reason
        }
    }

    @Test func maskedHTMLAndJSONSayItIsMasked() throws {
        #expect(try render(.html, .english).contains("Personal data (phones, e-mails, addresses, identifiers) is masked"))
        #expect(try render(.html, .english, reveal: true).contains("handle this report as confidential"))
        let json = try JSONDecoder().decode(JSONReport.self, from: Data(try render(.json, .english, reveal: true).utf8))
        #expect(!json.masked)
    }

    @Test(arguments: [
        ("06 12 34 56 78", "06 •• •• •• 78"),
        ("+33 6 12 34 56 78", "+33 • •• •• •• 78"),
        ("514 555-1234", "51• •••-••34"),
        ("marie.dupont@exemple.fr", "m•••@exemple.fr"),
        ("12 rue des Lilas", "1• r•• d•• L••••"),
        ("75011", "75•••"),
        ("FR76 3000 6000 0112 3456 7890 189", "FR•• •••• •••• •••• •••• •••• •89"),
    ])
    func maskedValuesKeepTheirShape(value: String, masked: String) {
        #expect(Masker.maskValue(value) == masked)
    }

    /// The byte-by-byte masking of ASCII values gives what the
    /// `Character`-by-`Character` one gives, and declines the values it
    /// cannot take (non-ASCII, a carriage return).
    @Test func asciiValuesAreMaskedAsCharactersAre() {
        var random = SplitMix64(seed: 31)
        let alphabet = Array("0123456789azAZmq @.-+()/_#\t\n'")
        var values = ["", "@", "a@b", "@exemple.fr", "1", "12", "1234567", "12345678", "ab cd", "a1 b2 c3", "  ", "FR76 3000"]
        for _ in 0..<500 {
            let length = Int(random.next() % 24)
            values.append(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        var masked = 0
        for value in values {
            let fast = Masker.maskASCII(value)
            #expect(fast == Masker.maskCharacters(value), "\(value)")
            if fast != value { masked += 1 }
        }
        #expect(masked > 250)  // most values had something masked
        for value in ["12\r\n34 56 78", "06 12 34 56 7٨", "é@exemple.fr", "Zoë 12"] {
            #expect(Masker.maskASCII(value) == nil)
            #expect(Masker.maskValue(value) == Masker.maskCharacters(value))
        }
    }

    @Test func theFallbackDetectorFindsPhonesAndEmails() {
        let detector = BasicPersonalDataDetector()
        func found(_ text: String) -> [String] {
            let scalars = Array(text.unicodeScalars)
            return detector.spans(in: text).map { String(String.UnicodeScalarView(scalars[$0])) }
        }
        #expect(found("Appelez le 06 12 34 56 78 !") == ["06 12 34 56 78"])
        #expect(found("Tél. : +33 6 12 34 56 78.") == ["+33 6 12 34 56 78"])
        #expect(found("Call (514) 555-1234 now") == ["(514) 555-1234"])
        #expect(found("écrire à marie.dupont@exemple.fr, merci") == ["marie.dupont@exemple.fr"])
        #expect(found("NIR 1 85 05 78 006 084 36") == ["1 85 05 78 006 084 36"])
        #expect(found("le 23/11/2026 à 10 h") == [])
        #expect(found("Commande A320123456789 et @alice") == [])
        #expect(found("rendez-vous à 12:30, 3 enfants") == [])
        #expect(found("é😀 06.12.34.56.78") == ["06.12.34.56.78"])
        let text = "é😀 06.12.34.56.78"
        #expect(detector.spans(in: text) == [3..<17])  // Unicode-scalar offsets
    }

    /// A detector given by the engine (the text toolkit) replaces the fallback.
    struct NameDetector: PersonalDataDetector {
        func spans(in text: String) -> [Range<Int>] {
            guard let range = text.range(of: "Lilas") else { return [] }
            let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
            return [start..<(start + 5)]
        }
    }

    @Test func anotherDetectorCanBeGiven() throws {
        let text = try ReportRenderer.renderString(
            Sample.document, options: ReportOptions(format: .text, language: .french, detector: NameDetector()))
        #expect(!text.contains("Lilas"))
        #expect(text.contains("L••••"))
    }

    @Test func excerptsAreCutAroundTheEvidenceWithoutCuttingAMaskedValue() {
        let long = String(repeating: "bla ", count: 60) + "appelez le 06 12 34 56 78 vite " + String(repeating: "bla ", count: 60)
        let start = long.unicodeScalars.count - 60 * 4 - "06 12 34 56 78 vite ".unicodeScalars.count
        let evidence = [EvidenceSpan(start: start, end: start + 14, label: "phone")]
        let masker = Masker(reveal: false, detector: BasicPersonalDataDetector())
        let pieces = Excerpt.pieces(of: long, evidence: evidence, masks: masker.ranges(in: long, evidence: evidence))
        let text = pieces.map(\.text).joined()
        #expect(text.hasPrefix("…"))
        #expect(text.hasSuffix("…"))
        #expect(text.unicodeScalars.count < 200)
        #expect(pieces.filter(\.isEvidence).map(\.text) == ["06 •• •• •• 78"])
    }
}

/// `Masker.apply` copies the unmasked stretches whole; it must give what
/// masking scalar by scalar gives, for any ranges (overlapping, unsorted,
/// empty, past the end) over texts with accents, emoji and combining marks.
@Suite struct MaskApplyTests {
    static func reference(_ ranges: [Range<Int>], _ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        for range in Masker.merge(ranges) where range.lowerBound >= i && range.upperBound <= scalars.count {
            out.append(contentsOf: scalars[i..<range.lowerBound])
            out.append(contentsOf: Masker.maskValue(String(String.UnicodeScalarView(scalars[range]))).unicodeScalars)
            i = range.upperBound
        }
        out.append(contentsOf: scalars[i...])
        return String(out)
    }

    @Test func sameAsMaskingScalarByScalar() {
        let pieces = ["Appelez ", "06 12 34 56 78", " é", "e\u{301}", "😀", "👍🏽", " nadia@exemple.fr ", "rue des Lilas", "\n", "ß"]
        var state: UInt64 = 5
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        var changed = 0
        for _ in 0..<2_000 {
            let text = (0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined()
            let count = text.unicodeScalars.count
            let ranges: [Range<Int>] = (0..<next(4)).map { _ in
                let a = next(count + 3)
                return a..<(a + next(12))
            }
            let masked = Masker.apply(ranges: ranges, to: text)
            // Byte for byte: String's == would take "é" and "e\u{301}" for one another.
            #expect(Array(masked.utf8) == Array(Self.reference(ranges, text).utf8), "\(ranges) in \(text.debugDescription)")
            if masked != text { changed += 1 }
        }
        #expect(changed > 500)
    }
}

/// `Excerpt.window` skips the masking when there is nothing to mask and
/// the scalar walk when a short text is shown whole: it must give what
/// masking everything and walking the scalars gives.
@Suite("The one-line excerpt")
struct ExcerptWindowTests {
    /// The window as computed before those shortcuts.
    static func reference(_ text: String, evidence: [EvidenceSpan], reveal: Bool, personal: [Range<Int>], width: Int = 160)
        -> String
    {
        var shown = text
        if !reveal {
            let masker = Masker(reveal: false, detector: Excerpt.Precomputed(ranges: personal))
            shown = Masker.apply(ranges: masker.ranges(in: text, evidence: evidence), to: text)
        }
        let scalars = shown.unicodeScalars
        var from = 0
        if let first = evidence.map(\.start).min(), first > width / 2 { from = first - width / 2 }
        let lower = scalars.index(scalars.startIndex, offsetBy: from, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let upper = scalars.index(lower, offsetBy: width, limitedBy: scalars.endIndex) ?? scalars.endIndex
        var window = String(Substring(scalars[lower..<upper]))
        if window.utf8.contains(0x0A) { window = window.replacingOccurrences(of: "\n", with: " ") }
        return (lower > scalars.startIndex ? "…" : "") + window + (upper < scalars.endIndex ? "…" : "")
    }

    @Test func theShortcutsGiveWhatTheFullWalkGives() {
        var random = SplitMix64(seed: 5)
        let pieces = ["Appelez au 06 12 34 56 78", " é ", "mail a.b@exemple.fr", "\n", "𝗕𝗼𝗹𝗱", "texte ordinaire", "«»", "x"]
        let labels: [String?] = [nil, "phone", "email", "venting", "PII-x", "débit"]
        var checked = 0
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(random.next() % 30) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            let count = text.unicodeScalars.count
            var evidence: [EvidenceSpan] = []
            for _ in 0..<Int(random.next() % 3) {
                let start = count == 0 ? 0 : Int(random.next() % UInt64(count + 20)) - 5
                evidence.append(EvidenceSpan(start: start, end: start + Int(random.next() % 12), label: labels[Int(random.next() % 6)]))
            }
            var personal: [Range<Int>] = []
            if random.next() % 3 == 0, count > 2 {
                let a = Int(random.next() % UInt64(count - 1))
                personal.append(a..<min(count, a + 1 + Int(random.next() % 10)))
            }
            let reveal = random.next() % 5 == 0
            let width = [160, 20, 7][Int(random.next() % 3)]
            let expected = Array(Self.reference(text, evidence: evidence, reveal: reveal, personal: personal, width: width).utf8)
            #expect(Array(Excerpt.window(text, evidence: evidence, reveal: reveal, personal: personal, width: width).utf8)
                    == expected, "\(text.debugDescription) \(evidence) \(personal) \(reveal) \(width)")
            // The cut of the text `masked` gives with the same evidence (what
            // a run with one finding on the activity does).
            let masked = Excerpt.masked(text, evidence: evidence, reveal: reveal, personal: personal)
            #expect(Array(Excerpt.window(masked: masked, evidence: evidence, width: width).utf8) == expected,
                    "masked first: \(text.debugDescription) \(evidence) \(personal) \(reveal) \(width)")
            checked += 1
        }
        #expect(checked == 2000)
    }
}
