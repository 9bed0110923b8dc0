import Testing
import VigieModel

@testable import VigieToolkit

/// The scalar range of the first `needle` in `text` at or after `from`,
/// computed here without the toolkit.
private func scalars(of needle: String, in text: String, from: Int = 0) -> Range<Int>? {
    let h = Array(text.unicodeScalars)
    let n = Array(needle.unicodeScalars)
    guard !n.isEmpty, h.count >= n.count, from <= h.count - n.count else { return nil }
    for i in from...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i..<(i + n.count) }
    return nil
}

private func lexicon(_ terms: [(String, String?)], gap: Int = 0) -> WordLexicon {
    WordLexicon(terms: terms.map { LexiconTerm(term: $0.0, category: "test", language: $0.1) }, gap: gap)
}

@Suite struct StemmingTests {
    let ling = Linguistics()

    @Test(arguments: [
        ("crétin", "crétins"), ("crétin", "CRÉTINE"), ("bâclé", "baclées"), ("bâclé", "BÂCLÉE"), ("regretter", "regretteras"),
        ("déçu", "decues"), ("voleur", "voleurs"), ("menace", "menaçait"), ("rappeler", "rappellerai"),
        ("confidentiel", "confidentielles"), ("absent", "absentes"), ("ministre", "ministres"),
    ])
    func frenchInflections(_ term: String, _ form: String) {
        #expect(ling.stem(term, .french) == ling.stem(form, .french), "\(term) / \(form)")
        let found = ling.matches(lexicon([(term, "fr")]), in: "Voici : \(form).")
        #expect(found.map(\.text) == [form])
    }

    @Test(arguments: [
        ("disappointed", "disappointing"), ("steal", "stealing"), ("scam", "scammed"), ("regret", "regretted"),
        ("thief", "thief"), ("key", "keys"), ("owner", "owners"), ("divorce", "divorcing"),
    ])
    func englishInflections(_ term: String, _ form: String) {
        let found = ling.matches(lexicon([(term, "en")]), in: "So \(form) today")
        #expect(found.map(\.text) == [form])
    }

    @Test func differentWordsStayApart() {
        let l = lexicon([("sale", "fr"), ("=con", "fr"), ("vol", "fr")])
        #expect(ling.matches(l, in: "La salle est grande, le contrat est signé, on vole au-dessus.").map(\.text) == ["vole"])
        #expect(ling.matches(l, in: "Quelle bande de cons").isEmpty, "=con is that word only")
        #expect(ling.matches(l, in: "C'est sale.").map(\.text) == ["sale"])
    }

    @Test func shortStemsDoNotJoinUnrelatedWords() {
        // "pétasse" → "pet" (also "petit"), "con" → "con" (also "connaît"), "série" → "ser" (also "serait").
        let l = lexicon([("pétasse", "fr"), ("con", "fr"), ("série", "fr")])
        #expect(ling.matches(l, in: "Un petit mot, je connais la série, ce serait bien").map(\.text) == ["série"])
        #expect(ling.matches(l, in: "Quelles pétasses, bande de cons, deux séries").map(\.text) == ["pétasses", "cons", "séries"])
    }

    @Test func theTextsLanguageKeepsFalseFriendsApart() {
        #expect(ling.analyze("The spring sale is on, book now!").language == .english)
        #expect(ling.analyze("La cuisine était sale, je ne suis pas contente.").language == .french)
        #expect(ling.analyze("Merci!").language == nil, "too short to tell")
        let dirty = lexicon([("sale", "fr")])
        #expect(ling.matches(dirty, in: "The spring sale is on, book now!").isEmpty)
        #expect(ling.matches(dirty, in: "La cuisine était sale, je ne suis pas contente.").map(\.text) == ["sale"])
        #expect(ling.matches(dirty, in: "The spring sale is on, book now!", MatchFilter(language: "any")).map(\.text) == ["sale"])
        #expect(ling.matches(dirty, in: "Sale!").map(\.text) == ["Sale"], "no language to tell: every term counts")
    }

    @Test func prefixesAndExactWords() {
        let l = lexicon([("arnaqu*", nil), ("=pas", "fr")])
        #expect(ling.matches(l, in: "Des arnaqueurs, une arnaque : pas ça.").map(\.text) == ["arnaqueurs", "arnaque", "pas"])
    }

    @Test func termsWithoutLanguageMatchBothStems() {
        let l = lexicon([("filthy", nil), ("bâclé", nil)])
        #expect(ling.matches(l, in: "filthy kitchen, travail bâclé").map(\.text) == ["filthy", "bâclé"])
    }
}

@Suite struct TokenTests {
    let ling = Linguistics()

    @Test func elisionsAndContractions() {
        let a = ling.analyze("J’en ai marre qu'il parte, don't you're aujourd'hui")
        #expect(a.tokens.map(\.text) == ["je", "en", "ai", "marre", "que", "il", "parte", "do", "not", "you", "are", "aujourdhui"])
        #expect(ling.analyze("T'es mort, t'inquiète, s'il pleut").tokens.map(\.text)
                == ["tu", "es", "mort", "te", "inquiete", "si", "il", "pleut"])
        #expect(ling.analyze("I can't, it won't").tokens.map(\.text) == ["i", "can", "not", "it", "will", "not"])
    }

    @Test func numbersJoinTheirGroups() {
        let a = ling.analyze("Mon NAS : 046 454 286, tél. 514 555-0142 le 12/03 à 2 500 $")
        #expect(a.tokens.filter { $0.kind == .number }.map(\.text) == ["046454286", "5145550142", "12", "03", "2500"])
        #expect(a.tokens.filter { $0.kind == .symbol }.map(\.text) == ["$"])
    }

    @Test func sentencesAndClauses() {
        let a = ling.analyze("M. Gagnon est parti. Mme Côté aussi !\nBonne journée… à demain")
        #expect(a.sentences.count == 3)
        #expect(a.tokens.first { $0.text == "cote" }?.sentence == 1)
        #expect(a.tokens.first { $0.text == "demain" }?.sentence == 2, "an ellipsis does not end a sentence")
    }

    @Test(arguments: [
        ("Vous savez si les Lapointe sont au chalet cette semaine ?", true),
        ("Vous savez si les Lapointe sont au chalet cette semaine", true),
        ("Savez-vous quand ils partent", true),
        ("Où habite-t-elle", true),
        ("Ou alors on passe demain.", false),
        ("Est-ce que vous gardez les clés", true),
        ("Écrivez-nous pour une soumission.", false),
        ("Inscrivez-vous à l'infolettre.", false),
        ("Which streets do you work on", true),
        ("Do your clients leave a key under the mat", true),
        ("We clean on Tuesdays.", false),
    ])
    func questions(_ text: String, _ question: Bool) {
        #expect(ling.analyze(text).sentences.first?.question == question)
    }

    @Test(arguments: [
        ("Je ne suis pas déçue du tout", "decue", true),
        ("Pas déçue du tout, au contraire", "decue", true),
        ("Très déçue, je ne reviendrai pas", "decue", false),
        ("Déçue. Je ne reviendrai pas.", "decue", false),
        ("Je ne fais que le ménage", "menage", false),
        ("Je n'ai jamais vu un ménage aussi bâclé", "bacle", true),
        ("Aucun problème, mais la cuisine était sale", "sale", false),
        ("Not disappointed at all", "disappointed", true),
        ("I don't think it was dirty", "dirty", true),
        ("It was dirty and I'm not happy", "dirty", false),
        ("No names, no photos", "names", true),
        ("A non-profit cleaning day", "profit", false),
        ("Personne ne me rappelle", "rappelle", true),
    ])
    func negationScope(_ text: String, _ word: String, _ negated: Bool) {
        let token = ling.analyze(text).tokens.first { $0.text == word }
        #expect(token?.negated == negated, "\(text)")
    }

    @Test func negationCuesAreNotNegated() {
        let a = ling.analyze("Je ne vous ferai plus jamais confiance")
        #expect(a.tokens.filter(\.isNegation).map(\.text) == ["ne", "plus", "jamais"])
        #expect(a.tokens.first { $0.text == "confiance" }?.negated == true)
    }
}

@Suite struct PatternTests {
    let ling = Linguistics()

    func texts(_ pattern: String, _ text: String, _ filter: MatchFilter = .all) throws -> [String] {
        try ling.matches(TokenPattern(pattern), in: text, filter).map(\.text)
    }

    @Test func wordAlternativesShareOneStateAndAreRequired() throws {
        // `a|b|c` is one step testing three keys; a source whose unavoidable
        // words are not all in a text is skipped, with the same matches.
        let p = try TokenPattern("paie|payez|envoie …{6} ou|sinon …{4} photos|vidéos|avis")
        var reachable = Set<Int32>()
        var stack = [p.entries[0]]
        var wordSteps = 0
        while let s = stack.popLast() {
            guard s >= 0, reachable.insert(s).inserted else { continue }
            switch p.states[Int(s)] {
            case .consume(let t, _, _, let next):
                if case .words = p.tests[Int(t)] { wordSteps += 1 }
                stack.append(next)
            case .split(let a, let b): stack += [a, b]
            case .jump(let t): stack.append(t)
            case .accept: break
            }
        }
        #expect(wordSteps == 3)
        #expect(p.required[0].count == 3)
        #expect(try texts("paie|payez|envoie …{6} ou|sinon …{4} photos|vidéos|avis", "Payez 500 $ sinon je publie les photos.")
            == ["Payez 500 $ sinon je publie les photos"])
        #expect(try texts("paie|payez|envoie …{6} ou|sinon …{4} photos|vidéos|avis", "Payez 500 $ et je publie les photos.").isEmpty)
        #expect(try texts("(tu | vous) … !aimer|!recommander", "Vous ne recommandez pas ? Vous aimez.") == ["Vous ne recommandez"])
    }

    @Test func wordsOfListsAreTheTokenizersWords() {
        // The short cut for plain lowercase words gives what the tokenizer gives.
        var words: Set<String> = ["cœur", "sœur", "œuvre", "naïve", "noël", "ambiguë", "façade", "où", "déjà", "âme", "île", "piñata", "über"]
        for name in Vocabulary.names {
            for term in Vocabulary.terms(name) ?? [] {
                for w in term.term.lowercased().split(separator: " ") where WordKey.isPlainWord(String(w)) { words.insert(String(w)) }
            }
        }
        #expect(words.count > 100)
        #expect(words.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }.count > 30)
        for w in words {
            let slow = WordKey.tokens(of: w).map { "\($0.text) \($0.kind)" }
            let fast = WordKey.tokenTexts(of: w).map { "\($0.text) \($0.kind)" }
            #expect(slow == fast, "\(w)")
        }
    }

    @Test func gapsAreBounded() throws {
        #expect(try texts("ne … jamais", "Je ne vous rappellerai jamais") == ["ne vous rappellerai jamais"])
        #expect(try texts("ne …{1} jamais", "Je ne vous rappellerai jamais").isEmpty)
        #expect(try texts("tu vas … regretter", "Tu vas vraiment le regretter, crois-moi.") == ["Tu vas vraiment le regretter"])
        #expect(try texts("tu vas … regretter", "Tu vas voir. Tu risques de le regretter").isEmpty, "not across sentences")
    }

    @Test func alternativesGroupsAndOptionalWords() throws {
        let pattern = "paie|payez|verse …{6} ou (je|on) publie|balance"
        #expect(try texts(pattern, "Payez 500 $ d'ici vendredi ou je publie les photos.") == ["Payez 500 $ d'ici vendredi ou je publie"])
        #expect(try texts(pattern, "Paie ou on balance tout") == ["Paie ou on balance"])
        #expect(try texts(pattern, "Payez en ligne ou par chèque").isEmpty)
        #expect(try texts("payez … ou je publie", "Payez 500 $ d'ici vendredi ou je publie").isEmpty, "five tokens: over the default gap")
        #expect(try texts("(tu vas | vous allez) le? regretter", "Vous allez regretter") == ["Vous allez regretter"])
        #expect(try texts("(tu vas | vous allez) le? regretter", "tu vas le regretter") == ["tu vas le regretter"])
    }

    @Test func classes() throws {
        #expect(try texts("nas|sin … <num:9>", "Mon NAS : 046 454 286 merci") == ["NAS : 046 454 286"])
        #expect(try texts("nas|sin … <num:9>", "Mon NAS : 514 555-0142").isEmpty, "ten digits")
        #expect(try texts("chez les <name>", "Vous faites le ménage chez les Lapointe ?") == ["chez les Lapointe"])
        #expect(try texts("chez les <name>", "Chez les voisins").isEmpty)
        #expect(try texts("<caps> <caps>", "EN VACANCES jusqu'au 20") == ["EN VACANCES"])
        #expect(try texts("merci <emoji>", "Merci 🙏") == ["Merci 🙏"])
    }

    @Test func negatedWords() throws {
        #expect(try texts("!recommander", "Je ne recommande pas cette entreprise.") == ["recommande"])
        #expect(try texts("!recommander", "Je recommande cette entreprise.").isEmpty)
        #expect(try texts("!recommend", "I would not recommend them") == ["recommend"])
    }

    @Test func filters() throws {
        let pattern = try TokenPattern("code … alarme")
        let text = "C'est quoi le code de l'alarme ? Le code de l'alarme est dans le tiroir."
        #expect(ling.matches(pattern, in: text, MatchFilter(question: true)).map(\.start) == [14])
        #expect(ling.matches(pattern, in: text, MatchFilter(question: false)).count == 1)
        let negated = try TokenPattern("déçu")
        #expect(ling.matches(negated, in: "Pas déçue du tout", MatchFilter(negated: false)).isEmpty)
        #expect(ling.matches(negated, in: "Très déçue", MatchFilter(negated: false)).count == 1)
    }

    @Test func patternSetsCarryTheirCategories() throws {
        let set = try TokenPattern([
            TokenPattern.Source("tu vas … regretter", category: "threat"),
            TokenPattern.Source("paie … ou", category: "blackmail", weight: 3),
        ])
        let found = ling.matches(set, in: "Paie vite ou tu vas le regretter")
        #expect(found.map(\.category) == ["blackmail", "threat"])
        #expect(found.map(\.weight) == [3, 1])
    }

    @Test(arguments: [
        "", "…", "(tu vas", "tu vas)", "a | | b", "…{20} a", "<nope>", "<num:0>", "?", "(le)?", "vraiment?",
    ])
    func syntaxErrorsAreReported(_ pattern: String) {
        #expect(throws: TokenPattern.SyntaxError.self) { try TokenPattern(pattern) }
    }
}

@Suite struct LinguisticLexiconTests {
    let ling = Linguistics()

    @Test func gapsInsideTerms() {
        let strict = lexicon([("j'en ai marre", "fr")])
        let loose = lexicon([("j'en ai marre", "fr")], gap: 1)
        let text = "J'en ai vraiment marre de ce client"
        #expect(ling.matches(strict, in: text).isEmpty)
        #expect(ling.matches(loose, in: text).map(\.text) == ["J'en ai vraiment marre"])
        #expect(ling.matches(loose, in: text).first?.parts.count == 4, "the skipped word is not a part")
        #expect(ling.matches(loose, in: "J'en ai. Marre").isEmpty, "not across sentences")
    }

    @Test func oneMatchPerPieceOfText() {
        let l = WordLexicon(terms: [
            LexiconTerm(term: "ferme ta gueule", category: "intimidation", language: "fr"),
            LexiconTerm(term: "ta gueule", category: "insult", language: "fr"),
            LexiconTerm(term: "gueule", category: "insult", language: "fr"),
        ])
        #expect(ling.matches(l, in: "Ferme ta gueule !").map(\.value) == ["ferme ta gueule"])
        #expect(ling.matches(l, in: "Ferme ta gueule !", MatchFilter(overlapping: true)).count == 3)
    }

    @Test func anEmptyTermIsReported() {
        let l = lexicon([("!!", "fr"), ("ok", "fr")])
        #expect(l.emptyTerms == [0])
    }
}

@Suite struct EvidenceOffsetTests {
    let ling = Linguistics()

    @Test(arguments: [
        ("Quels crétins !", "crétins"),
        ("😡😡 Vous êtes des crétins", "crétins"),
        ("Des cre\u{301}tins, voilà", "cre\u{301}tins"),
        ("Des 𝗖𝗥𝗘́𝗧𝗜𝗡𝗦 𝗳𝗶𝗻𝗶𝘀", "𝗖𝗥𝗘́𝗧𝗜𝗡𝗦"),
        ("👍🏽 Ａｕ ｒｅｖｏｉｒ les crétines", "crétines"),
        ("Œuvre de crétin\u{00A0}!", "crétin"),
    ])
    func lexiconOffsetsCutTheOriginal(_ text: String, _ expected: String) {
        let found = ling.matches(lexicon([("crétin", "fr")]), in: text)
        #expect(found.map(\.text) == [expected])
        #expect(found.first.map { $0.start..<$0.end } == scalars(of: expected, in: text))
        #expect(found.first?.parts == [scalars(of: expected, in: text)!])
    }

    @Test func patternOffsetsAndPartsAcrossEmojiAndBoldLetters() throws {
        let text = "🤬 𝗧𝘂 𝘃𝗮𝘀 vraiment le 𝗿𝗲𝗴𝗿𝗲𝘁𝘁𝗲𝗿 😤"
        let m = try #require(try ling.matches(TokenPattern("tu vas … regretter"), in: text).first)
        #expect(m.text == "𝗧𝘂 𝘃𝗮𝘀 vraiment le 𝗿𝗲𝗴𝗿𝗲𝘁𝘁𝗲𝗿")
        #expect(m.start..<m.end == scalars(of: m.text, in: text))
        #expect(m.parts == [scalars(of: "𝗧𝘂", in: text)!, scalars(of: "𝘃𝗮𝘀", in: text)!, scalars(of: "𝗿𝗲𝗴𝗿𝗲𝘁𝘁𝗲𝗿", in: text)!])
    }

    @Test func tokenOffsetsWithAccentsAndElisions() {
        let text = "L’été, j’ai lavé 𝗹𝗲𝘀 fenêtres 🧽"
        let a = ling.analyze(text)
        let original = Array(text.unicodeScalars)
        for t in a.tokens {
            let written = String(String.UnicodeScalarView(original[t.start..<t.end]))
            #expect(TextNormalizer.standard.fold(written) == t.text || ["le", "je"].contains(t.text), "\(written) → \(t.text)")
        }
        #expect(a.tokens.map(\.text) == ["le", "ete", "je", "ai", "lave", "les", "fenetres", "🧽"])
    }
}
