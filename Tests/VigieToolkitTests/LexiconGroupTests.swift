import Testing
import VigieModel

@testable import VigieToolkit

/// Lexicons matched together in one scan (`LexiconGroup`) find what each
/// finds alone, in the same order, on hand-written and generated texts.
@Suite struct LexiconGroupTests {
    /// Members whose terms overlap: a term in two lexicons, a word that ends
    /// or begins another lexicon's multi-word term, hyphens and accents.
    static let members: [Lexicon] = [
        Vocabulary.lexicon("venting")!,
        Vocabulary.lexicon("insult")!,
        Lexicon(terms: ["ma blonde", "blonde", "mon chum", "rumeur", "ragots", "enceinte"].map(term)),
        Lexicon(terms: ["con", "contrat", "projet Hermès", "Hermès", "ras-le-bol", "le bol", "tout", "a"].map(term)),
        Lexicon(terms: ["vacances", "absent", "on part", "part", "personne à la maison", "maison", "con"].map(term)),
    ]

    static func term(_ t: String) -> LexiconTerm { LexiconTerm(term: t, category: "test") }

    static let handWritten: [String] = [
        "", " ", "a", "con", "contrat", "Ma blonde est enceinte", "ma  blonde\nest là", "MA BLONDE", "blondeur",
        "le projet Hermès avance", "projet-hermes", "Hermès, Hermès!", "J'en ai marre, ras-le-bol", "ras le bol total",
        "on part en vacances, personne à la maison", "maisonnette", "t'es un connard", "pauvre con !", "a a a",
        "tout le monde est absent", "l’équipe de con", "ferme ta gueule", "FERME   TA\ngueule", "c-o-n", "con_trat",
        "écœuré", "naïve 😀 con", "ma blonde ma blonde", "mon chum part", "rumeur: ragots", "e\u{301}cole con",
    ]

    static let pieces: [String] = [
        "ma", "blonde", "mon", "chum", "con", "contrat", "projet", "Hermès", "hermes", "ras", "le", "bol", "ras-le-bol",
        "tout", "a", "on", "part", "vacances", "absent", "personne", "à", "la", "maison", "marre", "j'en", "ai",
        "connard", "pauvre", "salaud", "ferme", "ta", "gueule", "rumeur", "ragots", "enceinte", "l’", "été", "😀",
        " ", " ", "  ", "\n", "-", ",", ".", "!", "'", "_", "0", "42", "É", "\u{301}", "\u{00A0}",
    ]

    static func generated(count: Int, seed: UInt64) -> [String] {
        var g = SplitMix64(seed: seed)  // seeded, so a failure can be replayed
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...16, using: &g) {
                text += pieces.randomElement(using: &g)!
                if Int.random(in: 0..<3, using: &g) > 0 { text += [" ", " ", "", "-", "\n"].randomElement(using: &g)! }
            }
            return text
        }
    }

    @Test func sameMatchesAsEachMemberAlone() throws {
        let group = try #require(LexiconGroup(Self.members))
        var found = 0
        for text in Self.handWritten + Self.generated(count: 2000, seed: 0x6E0) {
            let prepared = PreparedText(text)
            for (i, member) in Self.members.enumerated() {
                let alone = member.matches(in: text)
                #expect(group.matches(i, in: prepared) == alone, "member \(i) on \(text.debugDescription)")
                #expect(group.contains(i, in: prepared) == member.contains(in: text), "member \(i) on \(text.debugDescription)")
                found += alone.count
            }
        }
        // The texts do hit the terms: the comparison is not between empty lists.
        #expect(found > 2000)
    }

    @Test func onlyWholeWordLexiconsAndTwoOrMore() {
        #expect(LexiconGroup([Self.members[0]]) == nil)
        #expect(LexiconGroup([Self.members[0], Lexicon(terms: [Self.term("con")], wholeWords: false)]) == nil)
        #expect(LexiconGroup(Array(Self.members.prefix(2))) != nil)
    }
}
