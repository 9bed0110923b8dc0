import Testing

@testable import VigieToolkit

@Suite struct LexiconTests {
    static let insults = Lexicon(terms: [
        LexiconTerm(term: "connard", category: "insult", weight: 3, language: "fr"),
        LexiconTerm(term: "con", category: "insult", weight: 1.5, language: "fr"),
        LexiconTerm(term: "ferme ta gueule", category: "intimidation", weight: 2, language: "fr"),
        LexiconTerm(term: "ta gueule", category: "intimidation", weight: 1.5, language: "fr"),
        LexiconTerm(term: "shut up", category: "intimidation", language: "en"),
        LexiconTerm(term: "J’en ai marre", category: "venting", language: "fr"),
        LexiconTerm(term: "écœuré", category: "venting", language: "fr"),
    ])

    @Test(arguments: [
        ("connard", "connard"), ("Connârd", "Connârd"), ("𝗖𝗢𝗡𝗡𝗔𝗥𝗗", "𝗖𝗢𝗡𝗡𝗔𝗥𝗗"), ("CONNARD !", "CONNARD"),
        ("co\u{301}nnard", "co\u{301}nnard"), ("espèce de ＣＯＮＮＡＲＤ", "ＣＯＮＮＡＲＤ"),
        ("j'en ai marre", "j'en ai marre"), ("J’EN AI MARRE", "J’EN AI MARRE"), ("ecoeure", "ecoeure"),
        ("ÉCŒURÉ", "ÉCŒURÉ"),
    ])
    func foldingVariants(_ text: String, _ expected: String) {
        let m = Self.insults.matches(in: text).first
        #expect(m?.text == expected)
        #expect(m.map { $0.start..<$0.end } == scalarRange(of: expected, in: text))
    }

    @Test(arguments: [
        ("Ferme ta gueule", ["Ferme ta gueule", "ta gueule"]),
        ("FERME   TA\ngueule", ["FERME   TA\ngueule", "TA\ngueule"]),
        ("ferme\u{00A0}ta\u{202F}gueule", ["ferme\u{00A0}ta\u{202F}gueule", "ta\u{202F}gueule"]),
        ("Shut\tup!", ["Shut\tup"]),
        ("ferme-ta-gueule", ["ferme-ta-gueule", "ta-gueule"]),
        ("shutup", []),
    ])
    func multiWordTerms(_ text: String, _ expected: [String]) {
        let found = Self.insults.matches(in: text)
        #expect(found.map(\.text) == expected)
        for m in found { #expect(m.start..<m.end == scalarRange(of: m.text, in: text, from: m.start)) }
    }

    @Test(arguments: [
        ("Signez le contrat", false), ("quel con !", true), ("Con.", true), ("déconner", false), ("les cons", false),
        ("l'con", true), ("con-con", true), ("connards", false), ("2con", false), ("con_", false),
    ])
    func wholeWords(_ text: String, _ found: Bool) {
        #expect(Self.insults.contains(in: text) == found, "\(text)")
    }

    @Test func partialWordsWhenAsked() {
        let loose = Lexicon(terms: [LexiconTerm(term: "con", category: "x")], wholeWords: false)
        #expect(loose.matches(in: "contrat").map(\.text) == ["con"])
    }

    @Test func offsetsInTheOriginalText() {
        let text = "L’été 😀 👍🏽 : espèce de Connârd, ferme ta gueule"
        let found = Self.insults.matches(in: text)
        #expect(found.map(\.text) == ["Connârd", "ferme ta gueule", "ta gueule"])
        let scalars = Array(text.unicodeScalars)
        for m in found {
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
        }
        #expect(found[0].start == scalarRange(of: "Connârd", in: text)?.lowerBound)
        #expect(found[0].attributes == ["category": "insult", "term": "connard", "weight": "3", "language": "fr"])
        #expect(found[0].value == "connard")
        #expect(found[2].attributes["weight"] == "1.5")
    }

    @Test func emojiTerms() {
        let lexicon = Lexicon(terms: [LexiconTerm(term: "🖕", category: "insult")])
        // With a skin-tone modifier, the match covers the whole emoji.
        let found = lexicon.matches(in: "tiens 🖕🏻!")
        #expect(found.map(\.text) == ["🖕🏻"])
        #expect(found.first.map { $0.start..<$0.end } == 6..<8)
        #expect(Vocabulary.lexicon("threat")?.contains(in: "🔪🔪") == true)
    }

    @Test func sameTermTwice() {
        let lexicon = Lexicon(terms: [
            LexiconTerm(term: "Bombe", category: "threat"), LexiconTerm(term: "bombe", category: "slang"),
        ])
        #expect(Set(lexicon.matches(in: "c'est de la bombe").compactMap { $0.attributes["category"] }) == ["threat", "slang"])
        #expect(lexicon.count == 2)
    }

    @Test func emptyAndBlankTerms() {
        let lexicon = Lexicon(terms: [LexiconTerm(term: "  ", category: "x"), LexiconTerm(term: "", category: "x")])
        #expect(lexicon.matches(in: "anything at all").isEmpty)
        #expect(Lexicon.fold("  Ferme\n TA  gueule ") == "ferme ta gueule")
    }

    @Test func longestMatches() {
        #expect(Self.insults.longestMatches(in: "Ferme ta gueule, connard").map(\.text) == ["Ferme ta gueule", "connard"])
    }

    @Test func scores() {
        let scores = Self.insults.scores(in: "Connard, ferme ta gueule")
        #expect(scores["insult"] == 3)
        #expect(scores["intimidation"] == 3.5)
    }

    /// 50,000 generated words with shared prefixes and suffixes (the failure
    /// links get exercised) and 500 two-word terms; the matches must be the
    /// words and word pairs of the text that are terms, nothing else.
    @Test func fiftyThousandTerms() {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "po", "si", "de", "vu", "ga", "be", "fo", "ji", "xe", "wa"]
        func word(_ n: Int) -> String {
            var n = n + 16
            var s = ""
            while n > 0 {
                s = syllables[n % 16] + s
                n /= 16
            }
            return s
        }
        let words = (0..<50_000).map(word)
        var terms = words.map { LexiconTerm(term: $0, category: "w") }
        let pairs = (0..<500).map { "\(word($0 * 97 % 50_000)) \(word($0 * 31 % 50_000))" }
        terms += pairs.map { LexiconTerm(term: $0, category: "p") }
        let lexicon = Lexicon(terms: terms)
        #expect(lexicon.count == 50_500)
        // A text of planted words, noise words (with "zz", never in a term) and planted pairs.
        var pieces: [String] = []
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for k in 0..<120 {
            switch next() % 4 {
            case 0: pieces.append(words[next() % words.count].uppercased())
            case 1: pieces.append("zz" + word(next() % 50_000))
            case 2: pieces.append(pairs[next() % pairs.count])
            default: pieces.append(k % 2 == 0 ? "Été 😀" : "l’" + words[next() % words.count])
            }
        }
        let text = pieces.joined(separator: " ")
        // The expected matches, by brute force over the text's words.
        let wordSet = Set(words)
        let pairSet = Set(pairs)
        let tokens = text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        var expected: [String: Int] = [:]
        for (i, token) in tokens.enumerated() {
            if wordSet.contains(token) { expected[token, default: 0] += 1 }
            if i + 1 < tokens.count, pairSet.contains(token + " " + tokens[i + 1]) {
                expected[token + " " + tokens[i + 1], default: 0] += 1
            }
        }
        var actual: [String: Int] = [:]
        for m in lexicon.matches(in: text) { actual[m.value!, default: 0] += 1 }
        #expect(actual == expected)
        #expect(!expected.isEmpty)
    }
}

@Suite struct VocabularyTests {
    @Test(arguments: Vocabulary.names)
    func listIsUsable(_ name: String) throws {
        let lexicon = try #require(Vocabulary.lexicon(name))
        #expect((25...160).contains(lexicon.count), "\(name): \(lexicon.count) terms")
        #expect(lexicon.terms.contains { $0.language == "fr" })
        #expect(lexicon.terms.contains { $0.language == "en" })
        #expect(lexicon.terms.allSatisfy { $0.category == name && !Lexicon.fold($0.term).isEmpty })
        #expect(lexicon.terms.allSatisfy { (0.5...3).contains($0.weight) })
    }

    @Test(arguments: [
        ("venting", "J’en ai MARRE de ce client de merde"), ("insult", "Quel CONNARD"), ("insult", "what a moron"),
        ("intimidation", "Je sais où tu habites."), ("intimidation", "Watch your back"),
        ("threat", "je vais te casser la gueule"), ("threat", "I'll kill you"),
        ("blackmail", "Paie, sinon je publie tout"), ("blackmail", "unless you pay"),
        ("gossip", "Devinez chez qui j’ai fait le ménage"), ("gossip", "she's cheating on him"),
        ("access", "the key under the mat"), ("access", "La clé sous le paillasson, comme d'habitude"),
        ("bribe", "Je vous paierai bien pour quelques infos sur vos clients"), ("bribe", "make it worth your while"),
        ("personal-life", "Ma fille va à la garderie"), ("personal-life", "my kids' school"),
    ])
    func examples(_ name: String, _ text: String) {
        #expect(Vocabulary.lexicon(name)?.contains(in: text) == true)
    }

    @Test(arguments: ["Signez le contrat", "Bonne journée à tous !", "Merci pour votre confiance"])
    func harmless(_ text: String) {
        for name in ["insult", "threat", "intimidation", "blackmail"] {
            #expect(Vocabulary.lexicon(name)?.contains(in: text) == false, "\(name): \(text)")
        }
    }

    @Test func accessIsNotGossip() {
        for text in ["the key under the mat", "le code de l'alarme", "alarm code", "la clé sous le paillasson"] {
            #expect(Vocabulary.lexicon("gossip")?.contains(in: text) == false, "\(text)")
            #expect(Vocabulary.lexicon("access")?.contains(in: text) == true, "\(text)")
        }
    }

    @Test func unknownAndCombined() {
        #expect(Vocabulary.lexicon("nope") == nil)
        #expect(Vocabulary.combined.count == Vocabulary.names.reduce(0) { $0 + (Vocabulary.lexicon($1)?.count ?? 0) })
    }

    /// Every occurrence a naive search finds (each term at each position of
    /// the folded text, kept when it stands as whole words), and no other:
    /// the automaton drops the keys begun inside a word, which must lose no
    /// match (terms inside others, "rat" in "contrat", digits, `_`, accents).
    @Test func wholeWordsMatchLikeANaiveSearch() {
        let terms = ["con", "connard", "rat", "trat", "contrat", "at", "ta", "ta gueule", "a", "12", "2b", "b_c",
                     "été", "e", "pot de vin", "ab", "abc", "bca", "cab", "#tag", "x1"]
        let lexicons = [
            Lexicon(terms: terms.map { LexiconTerm(term: $0, category: "c") }),
            Vocabulary.combined,
        ]
        let pieces = ["con", "connard", "contrat", "rat", "at", "ta", " ", "  ", "-", "gueule", "12", "2b", "b_c", "_",
                      "été", "ÉTÉ", "e", "a", "b", "c", "abc", "cab", "#tag", "x1", "1", "’", "é", "pot", "de", "vin",
                      "merde", "putain", "fuck", "shit", "😀", "\n", ".", "CON", "Connard"]
        var state: UInt64 = 22
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for n in 0..<400 {
            let lexicon = lexicons[n % 2]
            let text = (0..<(next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()
            let input = LexiconInput(text)
            var expected = Set<[Int]>()
            for (t, key) in lexicon.keys.enumerated() where !key.isEmpty && key.count <= input.scalars.count {
                for start in 0...(input.scalars.count - key.count)
                where Array(input.scalars[start..<(start + key.count)]) == key
                    && input.isBoundary(start: start, end: start + key.count)
                {
                    let r = input.normalized.originalRange(
                        for: input.normalizedOffset(start)..<(input.normalizedOffset(start + key.count - 1) + 1))
                    expected.insert([t, r.lowerBound, r.upperBound])
                }
            }
            var found = Set<[Int]>()
            lexicon.forEachMatch(in: text) { t, r in
                found.insert([t, r.lowerBound, r.upperBound])
                return true
            }
            #expect(found == expected, "\(text.debugDescription)")
        }
    }
}
