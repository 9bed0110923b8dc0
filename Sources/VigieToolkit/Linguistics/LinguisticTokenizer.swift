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

    // MARK: - Tokenizing

    static func tokenize(normalized: NormalizedText, scalars s: [UInt32], original: [Unicode.Scalar]) -> Result {
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
                token.capitalized = original[r.lowerBound].properties.isUppercase
                if token.capitalized && range.count >= 2 {
                    var upper = true
                    for o in r where o < original.count {
                        let p = original[o].properties
                        if p.isLowercase { upper = false; break }
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
        // Conjunctions open a clause of their own.
        var shift = 0
        for k in tokens.indices {
            if k > 0 && tokens[k].sentence == tokens[k - 1].sentence && clauseConjunctions.contains(tokens[k].text)
                && tokens[k].clause + shift == tokens[k - 1].clause
            {
                shift += 1
            }
            tokens[k].clause += shift
        }
        markNegations(&tokens)
        let sentences = buildSentences(tokens, questionMarks: questionMark, original: original)
        return Result(tokens: tokens, sentences: sentences)
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
    static func markNegations(_ tokens: inout [LinguisticToken]) {
        var start = 0
        while start < tokens.count {
            var end = start
            while end < tokens.count && tokens[end].clause == tokens[start].clause { end += 1 }
            var inScope = false
            var k = start
            while k < end {
                let t = tokens[k].text
                var cue = false
                if t == "ne" && tokens[k].kind == .word {
                    // "personne ne", "rien ne", "aucun … ne": the particle comes first.
                    if k > start && negativeSubjects.contains(tokens[k - 1].text) { cue = true }
                    var m = k + 1
                    while !cue && m < end {
                        if frenchParticles.contains(tokens[m].text) { cue = true; break }
                        m += 1
                    }
                } else if standaloneNegations.contains(t) && tokens[k].kind == .word {
                    // "non-profit", "non-stop": a prefix, not a negation.
                    cue = !(t == "non" && k + 1 < end && tokens[k + 1].hyphenated)
                } else if t == "plus" && k + 1 < end && tokens[k + 1].text == "jamais" {
                    cue = true
                } else if inScope && frenchParticles.contains(t) {
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

    static func buildSentences(_ tokens: [LinguisticToken], questionMarks: Set<Int>, original: [Unicode.Scalar])
        -> [LinguisticSentence]
    {
        var sentences: [LinguisticSentence] = []
        var k = 0
        while k < tokens.count {
            let index = tokens[k].sentence
            var end = k
            while end < tokens.count && tokens[end].sentence == index { end += 1 }
            var question = questionMarks.contains(index)
            if !question {
                let first = tokens[k]
                if questionOpeners.contains(first.text) {
                    question = true
                } else if first.text == "ou" && first.end - first.start == 2 && first.start + 1 < original.count
                    && (original[first.start + 1] == "ù" || original[first.start + 1] == "Ù")
                {
                    question = true  // "où", not "ou"
                }
            }
            if !question {
                for m in (k + 1)..<max(k + 1, end) where tokens[m].hyphenated && tokens[m - 1].kind == .word {
                    let t = tokens[m].text
                    let previous = tokens[m - 1].text
                    if invertedPronouns.contains(t) || ((t == "vous" || t == "nous") && askingVerbs.contains(previous))
                        || (previous == "est" && t == "ce")
                    {
                        question = true
                        break
                    }
                }
            }
            if !question {
                for m in k..<max(k, end - 1) where (tokens[m].text == "savez" || tokens[m].text == "sais")
                    && tokens[m + 1].text == "si"
                {
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
