import Foundation
import Testing
import VigieModel

@testable import VigieToolkit

/// Random texts built from the pieces the scanners care about (digits,
/// separators, brackets, "at", month names, accents, emoji, combining marks,
/// text cut in the middle of a pattern): no scanner may crash, and every
/// match's offsets must cut its text out of the original.
@Suite struct RobustnessTests {
    static let pieces = [
        "06", "12", " ", ".", "-", "+33", "(0)", "(514)", "555-1234", "[at]", " at ", "(dot)", "@", "exemple", ".fr",
        "http://", "www.", "é", "’", "😀", "👍🏽", "e\u{301}", "\u{00A0}", "\u{202F}", "FR76", "3000", "2A", "1 85",
        "août", "du", "au", "3", "17/08", "2026-", "rue", "Lilas", "H2X", "1Y4", "75011", "Paris", ",", "\n", "!", "?",
        "en vacances", "jusqu’au", "lundi", "prochain", "next", "Monday", "ｆｒ", "𝗖𝗢𝗡", "ﬁ", "œ", "ß", "apt", "#",
        "n°", "€", "'", "\"", "(", ")", "[", "]", "on part", "deux semaines", "Grèce", "back on",
    ]

    @Test func randomTexts() {
        var state: UInt64 = 2026
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let lexicon = Vocabulary.combined
        for _ in 0..<1_500 {
            let text = (0..<(next() % 30)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            let scalars = Array(text.unicodeScalars)
            var matches = Detectors.all(in: text)
            matches += Detectors.links(in: text) + Detectors.domains(in: text)
            matches += Detectors.dates(in: text, reference: referenceDate, timeZone: paris)
            matches += Detectors.absences(in: text, reference: referenceDate, timeZone: paris)
            matches += lexicon.matches(in: text)
            for m in matches {
                #expect(m.start >= 0 && m.start < m.end && m.end <= scalars.count, "\(m.kind) in \(text.debugDescription)")
                if m.start >= 0 && m.start < m.end && m.end <= scalars.count {
                    #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
                }
            }
        }
    }

    @Test func emptyAndTinyTexts() {
        for text in ["", " ", "+", "(", "@", "[at]", "0", "06", "FR", "1 ", "du", "\n\n", "😀"] {
            #expect(Detectors.all(in: text).isEmpty)
            #expect(Detectors.absences(in: text).isEmpty)
            _ = Detectors.dates(in: text)
            _ = Detectors.links(in: text) + Detectors.domains(in: text)
        }
    }

    @Test func matchesAreCodable() throws {
        let m = Detectors.phones(in: "06 12 34 56 78")[0]
        let data = try JSONEncoder().encode(m)
        #expect(try JSONDecoder().decode(TextMatch.self, from: data) == m)
    }
}

/// A `PreparedText` shared by every detector and lexicon gives what each
/// `String` entry point gives on its own.
@Suite struct PreparedTextTests {
    @Test func sameMatchesAsTheStringEntryPoints() {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let lexicon = Vocabulary.combined
        let pieces = RobustnessTests.pieces + [
            " 06 12 34 56 78 ", " nadia.b@exemple.fr ", " 12 rue des Lilas ", " FR76 3000 6000 0112 3456 7890 189 ",
            " 130 692 544 ", " lundi prochain ", " en vacances du 3 au 17 août. ", " imbécile ",
        ]
        var compared = 0
        for _ in 0..<800 {
            let text = (0..<(next() % 30)).map { _ in pieces[next() % pieces.count] }.joined()
            let p = PreparedText(text)
            // In an order that has later detectors reuse what earlier ones prepared.
            #expect(lexicon.matches(in: p) == lexicon.matches(in: text))
            #expect(lexicon.contains(in: p) == lexicon.contains(in: text))
            #expect(Detectors.phones(in: p) == Detectors.phones(in: text))
            #expect(Detectors.emails(in: p) == Detectors.emails(in: text))
            #expect(Detectors.postalCodes(in: p) == Detectors.postalCodes(in: text))
            #expect(Detectors.streetAddresses(in: p) == Detectors.streetAddresses(in: text))
            #expect(Detectors.ibans(in: p) == Detectors.ibans(in: text))
            #expect(Detectors.nirs(in: p) == Detectors.nirs(in: text))
            #expect(Detectors.sins(in: p) == Detectors.sins(in: text))
            #expect(Detectors.all(in: p) == Detectors.all(in: text))
            #expect(Detectors.links(in: p) == Detectors.links(in: text))
            #expect(Detectors.domains(in: p) == Detectors.domains(in: text))
            #expect(Detectors.dates(in: p, reference: referenceDate, timeZone: paris)
                == Detectors.dates(in: text, reference: referenceDate, timeZone: paris))
            #expect(Detectors.absences(in: p, reference: referenceDate, timeZone: paris)
                == Detectors.absences(in: text, reference: referenceDate, timeZone: paris))
            #expect(p.normalized == TextNormalizer.standard.normalize(text))
            compared += Detectors.all(in: p).count
        }
        // The random texts do contain personal data (the comparison is not
        // only between empty results).
        #expect(compared > 100)
    }

    /// The masking of a flagged post (`Detectors.all`) reuses what the
    /// rules' own detector calls found on the same prepared text.
    @Test func allReusesTheDetectorsThatRanBefore() {
        let text = "Appelez le 06 12 34 56 78 ou écrivez à nadia.b@exemple.fr, 12 rue des Lilas"
        let p = PreparedText(text)
        #expect(Detectors.phones(in: p).map(\.value) == ["+33612345678"])
        #expect(p.scans == 1)
        let all = Detectors.all(in: p)
        #expect(all == Detectors.all(in: text))
        #expect(Set(all.map(\.kind)) == ["phone", "email", "street-address"])
        // Each detector scanned the text once, the phones before `all`.
        #expect(p.scans == p.detectorsRun.count)
        #expect(p.detectorsRun.contains("phones") && p.detectorsRun.contains("all"))
        let scans = p.scans
        #expect(Detectors.all(in: p) == all)
        #expect(Detectors.emails(in: p).count == 1)
        #expect(p.scans == scans)
    }

    /// A prepared text is found again by its exact bytes, not by Unicode
    /// equivalence (offsets count the scalars of those very bytes).
    @Test func aPreparedTextMatchesItsOwnBytesOnly() {
        let composed = "Café à 10 h", decomposed = "Cafe\u{301} a\u{300} 10 h"
        #expect(composed == decomposed)
        let p = PreparedText(composed)
        #expect(p.hasSameBytes(composed))
        #expect(!p.hasSameBytes(decomposed))
        #expect(!p.hasSameBytes("Café à 10 "))
        var bytes = Array(composed.utf8)
        #expect(bytes.withUnsafeBytes { p.hasBytes($0) })
        bytes[0] = UInt8(ascii: "K")
        #expect(!bytes.withUnsafeBytes { p.hasBytes($0) })
        #expect(PreparedText("").hasBytes(UnsafeRawBufferPointer(start: nil, count: 0)))
    }
}
