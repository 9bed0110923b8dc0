import VigieModel

/// A text cut into tokens and sentences, with each token's stems and the
/// keys it matches for the lexicons and patterns of its `Linguistics`.
public final class AnalyzedText {
    public let text: PreparedText
    public let tokens: [LinguisticToken]
    public let sentences: [LinguisticSentence]
    /// Per token: its French and English stems (a number or a symbol: its text).
    public let frenchStems: [String]
    public let englishStems: [String]
    /// Per token: the vocabulary ids of its keys, `keyStart[i]..<keyStart[i + 1]`.
    var keyIDs: [Int32] = []
    var keyStart: [Int32] = []
    /// The vocabulary version the ids were computed with.
    var version = -1
    /// The language of the text when its function words make it clear
    /// (`le`, `vous`, `est`… against `the`, `you`, `is`…), nil otherwise.
    public let language: StemLanguage?

    init(text: PreparedText, tokens: [LinguisticToken], sentences: [LinguisticSentence], french: [String], english: [String]) {
        self.text = text
        self.tokens = tokens
        self.sentences = sentences
        self.frenchStems = french
        self.englishStems = english
        self.language = AnalyzedText.guessLanguage(tokens)
    }

    static let frenchWords: Set<String> = [
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "je", "tu", "il", "elle", "nous", "vous", "ils",
        "elles", "que", "qui", "pas", "ne", "pour", "avec", "dans", "sur", "mais", "au", "aux", "ce", "cette", "mon", "ma",
        "mes", "ton", "ta", "tes", "votre", "vos", "notre", "nos", "leur", "leurs", "sont", "suis", "ai", "avez", "chez",
        "tres", "merci", "bonjour", "oui", "non", "ca", "cest", "quand", "comme",
    ]
    static let englishWords: Set<String> = [
        "the", "and", "is", "are", "was", "were", "i", "you", "he", "she", "it", "we", "they", "to", "of", "in", "for",
        "with", "my", "your", "our", "their", "this", "that", "not", "do", "does", "did", "have", "has", "be", "will", "at",
        "from", "just", "so", "but", "am", "would", "what", "when", "thanks", "thank", "hi", "yes",
    ]

    static func guessLanguage(_ tokens: [LinguisticToken]) -> StemLanguage? {
        var fr = 0
        var en = 0
        for t in tokens where t.kind == .word {
            if frenchWords.contains(t.text) { fr += 1 }
            if englishWords.contains(t.text) { en += 1 }
        }
        if fr >= 2 && fr >= 2 * en { return .french }
        if en >= 2 && en >= 2 * fr { return .english }
        return nil
    }

    /// The original text of `start..<end` (scalar offsets, clamped to the text).
    public func original(_ range: Range<Int>) -> String {
        let o = text.original
        return ScalarDecoding.string(o[max(0, range.lowerBound)..<min(o.count, range.upperBound)])
    }
}

/// The linguistic layer's workshop: the Snowball stemmers, the stems of the
/// words seen so far, and the vocabulary of the lexicons and patterns it has
/// matched (each word of a text is looked up once per text, whatever the
/// number of lexicons). Not thread-safe: one per thread (the engine has one
/// per Lua state); `WordLexicon` and `TokenPattern` are shared.
///
/// ```swift
/// let ling = Linguistics()
/// let insults = WordLexicon(terms: [LexiconTerm(term: "crétin", category: "insult", language: "fr")])
/// ling.matches(insults, in: "Quels crétins !")          // "crétins", 5..<12
/// let threat = try TokenPattern("tu vas … regretter")
/// ling.matches(threat, in: "Tu vas vraiment le regretter.") // "Tu vas vraiment le regretter"
/// ```
public final class Linguistics {
    let stemmers = Stemmers()
    private var vocabulary: [String: Int32] = [:]
    /// The lengths (in scalars) of the prefixes in the vocabulary.
    private var prefixLengths: [Int] = []
    private var version = 0

    private struct Word {
        var french: String
        var english: String
        var ids: [Int32]
        var version: Int
    }
    /// Folded word → its stems and vocabulary ids (bounded: cleared when full).
    private var words: [String: Word] = [:]
    private static let wordsKept = 50_000

    /// Lexicon-local key → vocabulary id, per lexicon or pattern seen.
    private final class Binding {
        let owner: AnyObject
        /// Indexed by vocabulary id: the owner's local key, or -1.
        var local: [Int32]
        init(owner: AnyObject, local: [Int32]) {
            self.owner = owner
            self.local = local
        }
    }
    private var bindings: [ObjectIdentifier: Binding] = [:]
    private var last: AnalyzedText?

    public init() {}

    /// The stem of a word in a language, as lexicons and patterns compare them
    /// (the word is folded first: `Crétins` → `cretin`).
    public func stem(_ word: String, _ language: StemLanguage) -> String {
        stemmers.stem(TextNormalizer.standard.fold(word), language)
    }

    // MARK: - Analysis

    public func analyze(_ text: String) -> AnalyzedText { analyze(PreparedText(text)) }

    /// The tokens, sentences and stems of a prepared text (the last one is
    /// kept: rules ask for the same `post.text` many times).
    public func analyze(_ text: PreparedText) -> AnalyzedText {
        if let last, last.text === text { return last }
        let result = LinguisticTokenizer.tokenize(text)
        var french: [String] = []
        var english: [String] = []
        french.reserveCapacity(result.tokens.count)
        english.reserveCapacity(result.tokens.count)
        for t in result.tokens {
            if t.kind == .word {
                let w = word(t.text)
                french.append(w.french)
                english.append(w.english)
            } else {
                french.append(t.text)
                english.append(t.text)
            }
        }
        let analysis = AnalyzedText(
            text: text, tokens: result.tokens, sentences: result.sentences, french: french, english: english)
        last = analysis
        return analysis
    }

    private func word(_ folded: String) -> Word {
        if let w = words[folded] { return w }
        if words.count >= Self.wordsKept { words.removeAll(keepingCapacity: true) }
        let w = Word(
            french: stemmers.stem(folded, .french), english: stemmers.stem(folded, .english), ids: [], version: -1)
        words[folded] = w
        return w
    }

    /// The vocabulary ids of each token's keys (exact form, French stem,
    /// English stem, prefixes), for the current vocabulary.
    private func resolveKeys(_ a: AnalyzedText) {
        guard a.version != version else { return }
        var ids: [Int32] = []
        var starts: [Int32] = [0]
        ids.reserveCapacity(a.tokens.count * 2)
        starts.reserveCapacity(a.tokens.count + 1)
        for (i, t) in a.tokens.enumerated() {
            if t.kind == .word {
                var w = words[t.text] ?? word(t.text)
                if w.version != version {
                    w.ids = []
                    if let id = vocabulary[WordKey.exact(t.text)] { w.ids.append(id) }
                    // A stem of three letters cut from a much longer word
                    // ("connaît" → "con", "serait" → "ser") is not a key:
                    // the word matches exactly only.
                    if !WordKey.isStub(a.frenchStems[i], of: t.text),
                        let id = vocabulary[WordKey.stem(a.frenchStems[i], .french)]
                    {
                        w.ids.append(id)
                    }
                    if !WordKey.isStub(a.englishStems[i], of: t.text),
                        let id = vocabulary[WordKey.stem(a.englishStems[i], .english)]
                    {
                        w.ids.append(id)
                    }
                    if !prefixLengths.isEmpty {
                        let scalars = t.text.unicodeScalars
                        for length in prefixLengths where length <= scalars.count {
                            let prefix = String(String.UnicodeScalarView(scalars.prefix(length)))
                            if let id = vocabulary[WordKey.prefix(prefix)] { w.ids.append(id) }
                        }
                    }
                    w.version = version
                    words[t.text] = w
                }
                ids.append(contentsOf: w.ids)
            } else if let id = vocabulary[WordKey.exact(t.text)] {
                ids.append(id)
            }
            starts.append(Int32(ids.count))
        }
        a.keyIDs = ids
        a.keyStart = starts
        a.version = version
    }

    /// The binding of a lexicon's or pattern's keys to the vocabulary
    /// (adding the keys it does not know yet).
    private func binding(_ owner: AnyObject, keys: [String]) -> Binding {
        if let b = bindings[ObjectIdentifier(owner)], b.owner === owner { return b }
        var ids: [Int32] = []
        for key in keys {
            if let id = vocabulary[key] {
                ids.append(id)
            } else {
                let id = Int32(vocabulary.count)
                vocabulary[key] = id
                ids.append(id)
                version += 1
                if key.hasPrefix("p:") {
                    let length = key.unicodeScalars.count - 2
                    if !prefixLengths.contains(length) { prefixLengths.append(length) }
                }
            }
        }
        var local = [Int32](repeating: -1, count: vocabulary.count)
        for (i, id) in ids.enumerated() { local[Int(id)] = Int32(i) }
        let b = Binding(owner: owner, local: local)
        bindings[ObjectIdentifier(owner)] = b
        return b
    }

    /// The owner-local keys of token `i`.
    @inline(__always)
    private func locals(_ a: AnalyzedText, _ i: Int, _ b: Binding, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        for k in Int(a.keyStart[i])..<Int(a.keyStart[i + 1]) {
            let id = Int(a.keyIDs[k])
            if id < b.local.count {
                let l = b.local[id]
                if l >= 0 { out.append(l) }
            }
        }
    }

    // MARK: - Lexicons

    public func matches(_ lexicon: WordLexicon, in text: String, _ filter: MatchFilter = .all) -> [LinguisticMatch] {
        matches(lexicon, in: analyze(text), filter)
    }

    public func matches(_ lexicon: WordLexicon, in text: PreparedText, _ filter: MatchFilter = .all) -> [LinguisticMatch] {
        matches(lexicon, in: analyze(text), filter)
    }

    /// Every occurrence of the lexicon's terms, filtered and without
    /// overlaps unless the filter keeps them.
    public func matches(_ lexicon: WordLexicon, in a: AnalyzedText, _ filter: MatchFilter = .all) -> [LinguisticMatch] {
        let b = binding(lexicon, keys: lexicon.keys)
        resolveKeys(a)
        let language = filter.language(for: a)
        var found: [LinguisticMatch] = []
        struct Walk {
            var node: Int32
            var skipped: Int
            var parts: [Int]
        }
        var candidates: [Int32] = []
        var active: [Walk] = []
        var next: [Walk] = []
        let tokens = a.tokens
        for i in tokens.indices {
            locals(a, i, b, into: &candidates)
            if candidates.isEmpty { continue }
            active.removeAll(keepingCapacity: true)
            active.append(Walk(node: 0, skipped: 0, parts: []))
            var j = i
            while j < tokens.count && !active.isEmpty && tokens[j].sentence == tokens[i].sentence {
                if j > i { locals(a, j, b, into: &candidates) }
                next.removeAll(keepingCapacity: true)
                for w in active {
                    for key in candidates {
                        guard let child = lexicon.child(w.node, key) else { continue }
                        var parts = w.parts
                        parts.append(j)
                        for term in lexicon.nodeTerms[Int(child)] where lexicon.speaks(Int(term), language) {
                            found.append(match(lexicon.terms[Int(term)], a, parts))
                        }
                        if parts.count < lexicon.depth { next.append(Walk(node: child, skipped: 0, parts: parts)) }
                    }
                    // Skip this token inside a term (not before its first word).
                    if j > i && w.skipped < lexicon.gap && !w.parts.isEmpty {
                        next.append(Walk(node: w.node, skipped: w.skipped + 1, parts: w.parts))
                    }
                }
                swap(&active, &next)
                j += 1
            }
        }
        return filter.resolve(found)
    }

    private func match(_ term: LexiconTerm, _ a: AnalyzedText, _ parts: [Int]) -> LinguisticMatch {
        let first = a.tokens[parts[0]]
        let last = a.tokens[parts[parts.count - 1]]
        return LinguisticMatch(
            kind: "lexicon", text: a.original(first.start..<last.end), start: first.start, end: last.end,
            value: term.term, category: term.category, weight: term.weight, language: term.language,
            negated: first.negated, question: a.sentences[first.sentence].question, sentence: first.sentence,
            parts: parts.map { a.tokens[$0].start..<a.tokens[$0].end })
    }

    /// Whether the lexicon has a match that the filter keeps.
    public func contains(_ lexicon: WordLexicon, in a: AnalyzedText, _ filter: MatchFilter = .all) -> Bool {
        !matches(lexicon, in: a, MatchFilter(negated: filter.negated, question: filter.question, categories: filter.categories, overlapping: true, language: filter.language)).isEmpty
    }

    // MARK: - Patterns

    public func matches(_ pattern: TokenPattern, in text: String, _ filter: MatchFilter = .all) -> [LinguisticMatch] {
        matches(pattern, in: analyze(text), filter)
    }

    public func matches(_ pattern: TokenPattern, in text: PreparedText, _ filter: MatchFilter = .all) -> [LinguisticMatch] {
        matches(pattern, in: analyze(text), filter)
    }

    /// The matches of the pattern (every pattern of the set), one pass over
    /// the tokens of each sentence keeping at most one thread per state.
    public func matches(_ pattern: TokenPattern, in a: AnalyzedText, _ filter: MatchFilter = .all) -> [LinguisticMatch] {
        let b = binding(pattern, keys: pattern.keys)
        resolveKeys(a)
        let language = filter.language(for: a)
        let states = pattern.states
        var current = ThreadList(count: states.count)
        var next = ThreadList(count: states.count)
        var generation = 0
        var stack: [Int32] = []
        var candidates: [Int32] = []
        var found: [LinguisticMatch] = []
        let tokens = a.tokens

        /// Adds a thread at `state` and at every state it reaches without
        /// consuming; a state already holding a thread keeps the one that
        /// started later (the shorter match).
        func add(_ state: Int32, _ thread: PatternThread, into list: inout ThreadList) {
            stack.removeAll(keepingCapacity: true)
            stack.append(state)
            while let s = stack.popLast() {
                guard s >= 0 else { continue }
                let index = Int(s)
                if list.mark[index] == list.tag {
                    guard let existing = list.threads[index], existing.start < thread.start else { continue }
                    list.threads[index] = thread
                } else {
                    list.mark[index] = list.tag
                    list.threads[index] = thread
                    list.states.append(s)
                }
                switch states[index] {
                case .split(let x, let y):
                    stack.append(y)
                    stack.append(x)
                case .jump(let t):
                    stack.append(t)
                case .consume, .accept:
                    break
                }
            }
        }

        for sentence in a.sentences {
            generation += 1
            current.reset(generation)
            for j in sentence.firstToken..<sentence.endToken {
                add(pattern.start, PatternThread(start: j, parts: []), into: &current)
                locals(a, j, b, into: &candidates)
                generation += 1
                next.reset(generation)
                let token = tokens[j]
                for s in current.states {
                    guard case .consume(let test, let negated, let part, let target) = states[Int(s)],
                        let thread = current.threads[Int(s)]
                    else { continue }
                    if negated && !token.negated { continue }
                    guard passes(pattern.tests[Int(test)], token, j, a, candidates) else { continue }
                    var t = thread
                    if part { t.parts.append(j) }
                    add(target, t, into: &next)
                }
                for s in next.states {
                    guard case .accept(let index) = states[Int(s)], let t = next.threads[Int(s)], !t.parts.isEmpty,
                        pattern.speaks(Int(index), language)
                    else { continue }
                    found.append(patternMatch(pattern.sources[Int(index)], a, t.parts))
                }
                swap(&current, &next)
            }
        }
        return filter.resolve(found)
    }

    @inline(__always)
    private func passes(_ test: TokenPattern.Test, _ token: LinguisticToken, _ j: Int, _ a: AnalyzedText, _ candidates: [Int32]) -> Bool {
        switch test {
        case .words(let keys):
            for c in candidates where keys.contains(c) { return true }
            return false
        case .number(let lo, let hi):
            guard token.kind == .number else { return false }
            let n = token.text.utf8.count
            return n >= lo && n <= hi
        case .name:
            return token.kind == .word && token.capitalized && !token.uppercase
                && a.sentences[token.sentence].firstToken != j
        case .word:
            return token.kind == .word
        case .any:
            return true
        case .symbol:
            return token.kind == .symbol
        case .caps:
            return token.kind == .word && token.uppercase
        }
    }

    private func patternMatch(_ source: TokenPattern.Source, _ a: AnalyzedText, _ parts: [Int]) -> LinguisticMatch {
        let first = a.tokens[parts[0]]
        let last = a.tokens[parts[parts.count - 1]]
        return LinguisticMatch(
            kind: "pattern", text: a.original(first.start..<last.end), start: first.start, end: last.end,
            value: source.pattern, category: source.category, weight: source.weight, language: source.language,
            negated: first.negated, question: a.sentences[first.sentence].question, sentence: first.sentence,
            parts: parts.map { a.tokens[$0].start..<a.tokens[$0].end })
    }

    /// Whether the pattern has a match that the filter keeps.
    public func contains(_ pattern: TokenPattern, in a: AnalyzedText, _ filter: MatchFilter = .all) -> Bool {
        !matches(pattern, in: a, MatchFilter(negated: filter.negated, question: filter.question, categories: filter.categories, overlapping: true, language: filter.language)).isEmpty
    }
}

/// A thread of the pattern automaton: where its match starts, and the
/// tokens its words matched.
private struct PatternThread {
    var start: Int
    var parts: [Int]
}

/// The threads at each state for one token, with the list of states that
/// hold one (a state holds one when its mark is the list's tag).
private struct ThreadList {
    var threads: [PatternThread?]
    var mark: [Int]
    var states: [Int32] = []
    var tag = 0

    init(count: Int) {
        threads = [PatternThread?](repeating: nil, count: count)
        mark = [Int](repeating: -1, count: count)
    }

    mutating func reset(_ generation: Int) {
        states.removeAll(keepingCapacity: true)
        tag = generation
    }
}
