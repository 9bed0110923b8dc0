import VigieModel

/// Cuts a normalised text into tokens, sentences and clauses, spells out
/// elisions and contractions, and marks negation scopes and questions.
/// One pass over the scalars, then one pass over the tokens: linear in the
/// length of the text.
enum LinguisticTokenizer {
    struct Result {
        var tokens: [LinguisticToken]
        var sentences: [LinguisticSentence]
    }

    static func tokenize(_ text: PreparedText) -> Result {
        tokenize(normalized: text.normalized, scalars: text.normalizedScalars, original: text.original)
    }

    /// Tokens, then their annotations with each word's flags computed here
    /// (`Linguistics` takes them from its cache of words instead).
    static func tokenize(normalized: NormalizedText, scalars s: [UInt32], original: [Unicode.Scalar]) -> Result {
        var scanned = scan(normalized: normalized, scalars: s, original: original)
        let flags = scanned.tokens.map { $0.kind == .word ? WordFlags(word: $0.text) : WordFlags() }
        let sentences = annotate(&scanned.tokens, flags: flags, questionMarks: scanned.questionMarks, original: original)
        return Result(tokens: scanned.tokens, sentences: sentences)
    }

    /// What the later passes need to know of a word, computed once per word.
    struct WordFlags: OptionSet, Hashable {
        let rawValue: UInt32
        init(rawValue: UInt32) { self.rawValue = rawValue }

        static let conjunction = WordFlags(rawValue: 1 << 0)
        static let frenchParticle = WordFlags(rawValue: 1 << 1)
        static let negativeSubject = WordFlags(rawValue: 1 << 2)
        static let standaloneNegation = WordFlags(rawValue: 1 << 3)
        static let questionOpener = WordFlags(rawValue: 1 << 4)
        static let invertedPronoun = WordFlags(rawValue: 1 << 5)
        static let askingVerb = WordFlags(rawValue: 1 << 6)
        static let frenchFunction = WordFlags(rawValue: 1 << 7)
        static let englishFunction = WordFlags(rawValue: 1 << 8)
        static let ne = WordFlags(rawValue: 1 << 9)
        static let plus = WordFlags(rawValue: 1 << 10)
        static let jamais = WordFlags(rawValue: 1 << 11)
        static let non = WordFlags(rawValue: 1 << 12)
        static let est = WordFlags(rawValue: 1 << 13)
        static let ce = WordFlags(rawValue: 1 << 14)
        static let savoir = WordFlags(rawValue: 1 << 15)
        static let si = WordFlags(rawValue: 1 << 16)
        static let vousNous = WordFlags(rawValue: 1 << 17)
        static let ou = WordFlags(rawValue: 1 << 18)

        init(word t: String) {
            var f: WordFlags = []
            if clauseConjunctions.contains(t) { f.insert(.conjunction) }
            if frenchParticles.contains(t) { f.insert(.frenchParticle) }
            if negativeSubjects.contains(t) { f.insert(.negativeSubject) }
            if standaloneNegations.contains(t) { f.insert(.standaloneNegation) }
            if questionOpeners.contains(t) { f.insert(.questionOpener) }
            if invertedPronouns.contains(t) { f.insert(.invertedPronoun) }
            if askingVerbs.contains(t) { f.insert(.askingVerb) }
            if AnalyzedText.frenchWords.contains(t) { f.insert(.frenchFunction) }
            if AnalyzedText.englishWords.contains(t) { f.insert(.englishFunction) }
            switch t {
            case "ne": f.insert(.ne)
            case "plus": f.insert(.plus)
            case "jamais": f.insert(.jamais)
            case "non": f.insert(.non)
            case "est": f.insert(.est)
            case "ce": f.insert(.ce)
            case "savez", "sais": f.insert(.savoir)
            case "si": f.insert(.si)
            case "vous", "nous": f.insert(.vousNous)
            case "ou": f.insert(.ou)
            default: break
            }
            self = f
        }
    }

    struct Scanned {
        var tokens: [LinguisticToken]
        var questionMarks: Set<Int>
    }

    /// Clauses opened by conjunctions, negation scopes, sentences and questions.
    static func annotate(
        _ tokens: inout [LinguisticToken], flags: [WordFlags], questionMarks: Set<Int>, original: [Unicode.Scalar]
    ) -> [LinguisticSentence] {
        // Conjunctions open a clause of their own.
        var shift = 0
        for k in tokens.indices {
            if k > 0 && tokens[k].sentence == tokens[k - 1].sentence && flags[k].contains(.conjunction)
                && tokens[k].clause + shift == tokens[k - 1].clause
            {
                shift += 1
            }
            tokens[k].clause += shift
        }
        markNegations(&tokens, flags)
        return buildSentences(tokens, flags, questionMarks: questionMarks, original: original)
    }

    // MARK: - Scalars

    @inline(__always) static func isApostrophe(_ c: UInt32) -> Bool { c == 0x27 }
    @inline(__always) static func isHyphen(_ c: UInt32) -> Bool { c == 0x2D || c == 0x2010 || c == 0x2011 }
    @inline(__always) static func isLineBreak(_ c: UInt32) -> Bool {
        c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029
    }
    /// Punctuation that ends a clause (not a sentence).
    static func isClausePunctuation(_ c: UInt32) -> Bool {
        switch c {
        case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x22, 0x2F, 0xAB, 0xBB, 0x2013, 0x2014, 0x2015,
            0x201C, 0x201D, 0x201E, 0x2039, 0x203A, 0x2026, 0x3001, 0xFF0C:
            return true
        default:
            return false
        }
    }

    /// A symbol that is a token of its own: emoji and other pictographs,
    /// currency signs. Variation selectors, joiners and skin-tone modifiers
    /// are skipped.
    static func isSymbolToken(_ c: UInt32) -> Bool {
        guard c >= 0x80 || c == 0x24 else { return false }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .otherSymbol, .currencySymbol: return true
        default: return false
        }
    }

    // MARK: - Word lists

    /// French elided words (before an apostrophe) and what they stand for.
    static let frenchElisions: [String: String] = [
        "j": "je", "l": "le", "d": "de", "n": "ne", "m": "me", "t": "te", "s": "se", "c": "ce", "qu": "que",
        "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque", "quoiqu": "quoique", "presqu": "presque",
    ]
    /// After `t'`: `tu` before these (`t'es`, `t'as`), `te` otherwise.
    static let frenchTuVerbs: Set<String> = ["es", "as", "etais", "avais", "auras", "aurais", "etait", "vas"]
    /// English contractions after the apostrophe.
    static let englishContractions: [String: String] = ["re": "are", "ll": "will", "ve": "have", "m": "am", "d": "would"]
    static let englishNegatedStems: [String: String] = ["ca": "can", "wo": "will", "sha": "shall", "ai": "is"]

    /// Abbreviations whose dot does not end a sentence.
    static let abbreviations: Set<String> = [
        "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "st", "ste", "av", "ave", "boul", "bd", "app", "apt",
        "no", "ex", "etc", "vs", "jr", "sr", "env", "tel", "cie", "inc", "ltd", "co", "p", "pp", "ch", "rte", "prof",
    ]

    /// Conjunctions that open a new clause (and end a negation's scope).
    static let clauseConjunctions: Set<String> = [
        "mais", "cependant", "pourtant", "toutefois", "sauf", "but", "however", "though", "although", "except", "yet",
    ]

    /// French negative particles that make `ne` a negation.
    static let frenchParticles: Set<String> = [
        "pas", "plus", "jamais", "rien", "personne", "aucun", "aucune", "guere", "point", "ni", "nullement", "nulle",
    ]
    /// Subjects that make the `ne` after them a negation (`personne ne répond`).
    static let negativeSubjects: Set<String> = ["personne", "rien", "aucun", "aucune", "nul", "nulle", "jamais"]
    /// Negations on their own (spoken French drops `ne`; English).
    static let standaloneNegations: Set<String> = [
        "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "non", "nullement",
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "cannot", "hardly",
        "isnt", "wasnt", "arent", "werent", "doesnt", "didnt", "hasnt", "havent", "hadnt", "couldnt", "wouldnt",
        "shouldnt", "cant", "wont", "aint",
    ]

    /// Words that open a question.
    static let questionOpeners: Set<String> = [
        "qui", "quoi", "quand", "combien", "comment", "pourquoi", "quel", "quelle", "quels", "quelles", "lequel",
        "laquelle", "lesquels", "lesquelles",
        "who", "what", "when", "where", "which", "why", "how", "whose", "whom", "do", "does", "did", "is", "are",
        "was", "were", "can", "could", "would", "will", "should", "shall", "have", "has", "may", "might", "am",
        "anyone", "anybody",
    ]
    /// Pronouns that make a question when inverted after any verb (`part-il`, `sais-tu`).
    static let invertedPronouns: Set<String> = ["tu", "il", "elle", "ils", "elles", "on"]
    /// Verbs after which `-vous` or `-nous` asks (`pouvez-vous`); other
    /// verbs give imperatives (`écrivez-nous`, `inscrivez-vous`).
    static let askingVerbs: Set<String> = [
        "pouvez", "pourriez", "savez", "sauriez", "avez", "auriez", "voulez", "voudriez", "connaissez", "faites",
        "etes", "allez", "seriez", "desservez", "travaillez", "offrez", "acceptez", "prenez", "passez", "gardez",
        "pouvons", "avons", "allons", "sommes", "devons", "faisons", "partez", "venez", "habitez", "nettoyez",
    ]

    @inline(__always) static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value >= 65 && s.value <= 90) : s.properties.isUppercase
    }
    @inline(__always) static func isLowercase(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value >= 97 && s.value <= 122) : s.properties.isLowercase
    }

    // MARK: - Tokenizing

    /// The tokens (elisions spelt out), their sentences and clauses, and
    /// the sentences that a question mark ends.
    static func scan(normalized: NormalizedText, scalars s: [UInt32], original: [Unicode.Scalar]) -> Scanned {
        var tokens: [LinguisticToken] = []
        tokens.reserveCapacity(s.count / 5 + 1)
        var sentence = 0
        var clause = 0
        var pending: Pending = .none
        var questionMark: Set<Int> = []
        var previousEnd = -1  // normalised end of the previous token
        var joinHyphen = false
        var joinApostrophe = false
        let n = s.count

        enum Pending: Int, Comparable {
            case none, clause, sentence
            static func < (a: Pending, b: Pending) -> Bool { a.rawValue < b.rawValue }
        }

        func emit(_ kind: LinguisticToken.Kind, _ range: Range<Int>, _ text: String) {
            if !tokens.isEmpty {
                switch pending {
                case .sentence:
                    sentence += 1
                    clause += 1
                case .clause:
                    clause += 1
                case .none:
                    break
                }
            }
            pending = .none
            let r = normalized.originalRange(for: range)
            var token = LinguisticToken(
                kind: kind, text: text, start: r.lowerBound, end: r.upperBound, sentence: sentence, clause: clause)
            token.hyphenated = joinHyphen && previousEnd == range.lowerBound - 1
            token.elided = joinApostrophe && previousEnd == range.lowerBound - 1
            if kind == .word, r.lowerBound < original.count {
                token.capitalized = isUppercase(original[r.lowerBound])
                if token.capitalized && range.count >= 2 {
                    var upper = true
                    for o in r where o < original.count && isLowercase(original[o]) {
                        upper = false
                        break
                    }
                    token.uppercase = upper
                }
            }
            tokens.append(token)
            previousEnd = range.upperBound
            joinHyphen = false
            joinApostrophe = false
        }

        var i = 0
        while i < n {
            let c = s[i]
            if Scalar.isDigit(c) {
                var j = i
                var digits: [UInt32] = []
                while j < n && Scalar.isDigit(s[j]) { digits.append(s[j]); j += 1 }
                // Groups joined by one space, hyphen or dot: one number.
                while j + 1 < n && (s[j] == 0x20 || s[j] == 0x2D || s[j] == 0x2E) && Scalar.isDigit(s[j + 1]) {
                    var k = j + 1
                    while k < n && Scalar.isDigit(s[k]) { digits.append(s[k]); k += 1 }
                    j = k
                }
                emit(.number, i..<j, ScalarDecoding.string(values: digits))
                i = j
                continue
            }
            if Scalar.isLetter(c) {
                var j = i
                while j < n && Scalar.isLetter(s[j]) && !Scalar.isDigit(s[j]) { j += 1 }
                emit(.word, i..<j, ScalarDecoding.string(values: s[i..<j]))
                i = j
                continue
            }
            if isApostrophe(c) {
                if previousEnd == i && i + 1 < n && Scalar.isLetter(s[i + 1]) { joinApostrophe = true }
                i += 1
                continue
            }
            if isHyphen(c) {
                if previousEnd == i && i + 1 < n && Scalar.isLetter(s[i + 1]) {
                    joinHyphen = true
                } else if i + 1 < n && (s[i + 1] == 0x20 || isHyphen(s[i + 1])) {
                    pending = max(pending, .clause)  // a dash between words
                }
                i += 1
                continue
            }
            if c == 0x2E {  // .
                if i + 1 < n && s[i + 1] == 0x2E {
                    // An ellipsis: the thought goes on.
                    var j = i
                    while j < n && s[j] == 0x2E { j += 1 }
                    pending = max(pending, .clause)
                    i = j
                    continue
                }
                if let last = tokens.last, previousEnd == i, last.kind == .word,
                    abbreviations.contains(last.text) || (last.text.unicodeScalars.count == 1 && last.capitalized)
                {
                    i += 1
                    continue
                }
                pending = .sentence
                i += 1
                continue
            }
            if c == 0x3F || c == 0x21 || c == 0xFF1F || c == 0xFF01 {  // ? !
                if c == 0x3F || c == 0xFF1F, !tokens.isEmpty, pending != .sentence { questionMark.insert(sentence) }
                // "(pas vous !)": inside brackets, the sentence goes on.
                var k = i + 1
                while k < n && (s[k] == 0x20 || s[k] == 0x3F || s[k] == 0x21) { k += 1 }
                if k < n && (s[k] == 0x29 || s[k] == 0x5D) {
                    pending = max(pending, .clause)
                } else {
                    pending = .sentence
                }
                i += 1
                continue
            }
            if isLineBreak(c) {
                pending = .sentence
                i += 1
                continue
            }
            if isClausePunctuation(c) {
                pending = max(pending, .clause)
                i += 1
                continue
            }
            if isSymbolToken(c) {
                emit(.symbol, i..<(i + 1), ScalarDecoding.string(values: s[i..<(i + 1)]))
                i += 1
                continue
            }
            i += 1
        }

        spellOutElisions(&tokens)
        return Scanned(tokens: tokens, questionMarks: questionMark)
    }

    /// `j'en` → `je en`, `qu'il` → `que il`, `don't` → `do not`, `you're`
    /// → `you are`, `aujourd'hui` → `aujourdhui`.
    static func spellOutElisions(_ tokens: inout [LinguisticToken]) {
        var k = 1
        while k < tokens.count {
            guard tokens[k].elided, tokens[k - 1].kind == .word, tokens[k].kind == .word else {
                k += 1
                continue
            }
            let before = tokens[k - 1].text
            let after = tokens[k].text
            if before == "aujourd" && after == "hui" {
                tokens[k - 1].text = "aujourdhui"
                tokens[k - 1].end = tokens[k].end
                tokens.remove(at: k)
                continue
            }
            if let full = frenchElisions[before] {
                if before == "t" && frenchTuVerbs.contains(after) {
                    tokens[k - 1].text = "tu"
                } else if before == "s" && (after == "il" || after == "ils") {
                    tokens[k - 1].text = "si"
                } else {
                    tokens[k - 1].text = full
                }
            } else if after == "t" && before.utf8.count >= 2 && before.utf8.last == UInt8(ascii: "n") {
                let stem = String(before.dropLast())
                tokens[k - 1].text = englishNegatedStems[stem] ?? stem
                tokens[k].text = "not"
            } else if let full = englishContractions[after] {
                tokens[k].text = full
            }
            k += 1
        }
    }

    /// Marks negations and the tokens in their scope: from the negation to
    /// the end of its clause. `ne` counts only when a negative particle
    /// follows it in the clause (`ne … que` restricts, it does not negate).
    static func markNegations(_ tokens: inout [LinguisticToken], _ flags: [WordFlags]) {
        var start = 0
        while start < tokens.count {
            var end = start
            while end < tokens.count && tokens[end].clause == tokens[start].clause { end += 1 }
            var inScope = false
            var k = start
            while k < end {
                let f = flags[k]
                var cue = false
                if f.contains(.ne) {
                    // "personne ne", "rien ne", "aucun … ne": the particle comes first.
                    if k > start && flags[k - 1].contains(.negativeSubject) { cue = true }
                    var m = k + 1
                    while !cue && m < end {
                        if flags[m].contains(.frenchParticle) { cue = true; break }
                        m += 1
                    }
                } else if f.contains(.standaloneNegation) {
                    // "non-profit", "non-stop": a prefix, not a negation.
                    cue = !(f.contains(.non) && k + 1 < end && tokens[k + 1].hyphenated)
                } else if f.contains(.plus) && k + 1 < end && flags[k + 1].contains(.jamais) {
                    cue = true
                } else if inScope && f.contains(.frenchParticle) {
                    cue = true  // the particle of a `ne … pas` already open
                }
                if cue {
                    tokens[k].isNegation = true
                    inScope = true
                } else if inScope {
                    tokens[k].negated = true
                }
                k += 1
            }
            start = end
        }
    }

    static func buildSentences(
        _ tokens: [LinguisticToken], _ flags: [WordFlags], questionMarks: Set<Int>, original: [Unicode.Scalar]
    ) -> [LinguisticSentence] {
        var sentences: [LinguisticSentence] = []
        var k = 0
        while k < tokens.count {
            let index = tokens[k].sentence
            var end = k
            while end < tokens.count && tokens[end].sentence == index { end += 1 }
            var question = questionMarks.contains(index)
            if !question {
                let first = tokens[k]
                if flags[k].contains(.questionOpener) {
                    question = true
                } else if flags[k].contains(.ou) && first.end - first.start == 2 && first.start + 1 < original.count
                    && (original[first.start + 1] == "ù" || original[first.start + 1] == "Ù")
                {
                    question = true  // "où", not "ou"
                }
            }
            if !question {
                for m in (k + 1)..<max(k + 1, end) where tokens[m].hyphenated && tokens[m - 1].kind == .word {
                    let f = flags[m]
                    let previous = flags[m - 1]
                    if f.contains(.invertedPronoun) || (f.contains(.vousNous) && previous.contains(.askingVerb))
                        || (previous.contains(.est) && f.contains(.ce))
                    {
                        question = true
                        break
                    }
                }
            }
            if !question {
                for m in k..<max(k, end - 1) where flags[m].contains(.savoir) && flags[m + 1].contains(.si) {
                    question = true
                    break
                }
            }
            sentences.append(
                LinguisticSentence(
                    start: tokens[k].start, end: tokens[end - 1].end, firstToken: k, endToken: end, question: question))
            k = end
        }
        return sentences
    }
}
