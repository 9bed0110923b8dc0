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
    /// Per token: its word in its `Linguistics`' cache (-1: a number or a symbol).
    let words: [Int32]
    /// The cache's generation the word indices belong to.
    var wordsGeneration = 0

    init(
        text: PreparedText, tokens: [LinguisticToken], sentences: [LinguisticSentence], french: [String],
        english: [String], words: [Int32], language: StemLanguage?
    ) {
        self.text = text
        self.tokens = tokens
        self.sentences = sentences
        self.frenchStems = french
        self.englishStems = english
        self.words = words
        self.language = language
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

    static func guessLanguage(_ flags: [LinguisticTokenizer.WordFlags]) -> StemLanguage? {
        var fr = 0
        var en = 0
        for f in flags {
            if f.contains(.frenchFunction) { fr += 1 }
            if f.contains(.englishFunction) { en += 1 }
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

    /// The words seen so far (bounded: forgotten when full), each with its
    /// stems, its flags for the tokenizer's later passes, and its vocabulary
    /// ids for the current vocabulary version.
    private var wordIndex: [String: Int32] = [:]
    private var wordFrench: [String] = []
    private var wordEnglish: [String] = []
    private var wordFlags: [LinguisticTokenizer.WordFlags] = []
    private var wordIDs: [[Int32]] = []
    private var wordVersion: [Int] = []
    private var wordsGeneration = 0
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
    /// The pattern automaton's thread lists, kept between calls.
    private var scratch = (ThreadList(count: 0), ThreadList(count: 0))
    private var generation = 0

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
        var scanned = LinguisticTokenizer.scan(
            normalized: text.normalized, scalars: text.normalizedScalars, original: text.original)
        let count = scanned.tokens.count
        var french: [String] = []
        var english: [String] = []
        var flags: [LinguisticTokenizer.WordFlags] = []
        var words: [Int32] = []
        french.reserveCapacity(count)
        english.reserveCapacity(count)
        flags.reserveCapacity(count)
        words.reserveCapacity(count)
        if wordIndex.count + count > Self.wordsKept { forgetWords() }
        for t in scanned.tokens {
            if t.kind == .word {
                let w = word(t.text)
                french.append(wordFrench[Int(w)])
                english.append(wordEnglish[Int(w)])
                flags.append(wordFlags[Int(w)])
                words.append(w)
            } else {
                french.append(t.text)
                english.append(t.text)
                flags.append([])
                words.append(-1)
            }
        }
        let sentences = LinguisticTokenizer.annotate(
            &scanned.tokens, flags: flags, questionMarks: scanned.questionMarks, original: text.original)
        let analysis = AnalyzedText(
            text: text, tokens: scanned.tokens, sentences: sentences, french: french, english: english, words: words,
            language: AnalyzedText.guessLanguage(flags))
        analysis.wordsGeneration = wordsGeneration
        last = analysis
        return analysis
    }

    /// The index of a folded word in the cache, added with its stems and flags.
    private func word(_ folded: String) -> Int32 {
        if let w = wordIndex[folded] { return w }
        let w = Int32(wordFrench.count)
        wordIndex[folded] = w
        wordFrench.append(stemmers.stem(folded, .french))
        wordEnglish.append(stemmers.stem(folded, .english))
        wordFlags.append(LinguisticTokenizer.WordFlags(word: folded))
        wordIDs.append([])
        wordVersion.append(-1)
        return w
    }

    private func forgetWords() {
        wordIndex.removeAll(keepingCapacity: true)
        wordFrench.removeAll(keepingCapacity: true)
        wordEnglish.removeAll(keepingCapacity: true)
        wordFlags.removeAll(keepingCapacity: true)
        wordIDs.removeAll(keepingCapacity: true)
        wordVersion.removeAll(keepingCapacity: true)
        wordsGeneration += 1
        last = nil
    }

    /// The vocabulary ids of each token's keys (exact form, French stem,
    /// English stem, prefixes), for the current vocabulary.
    private func resolveKeys(_ a: AnalyzedText) {
        guard a.version != version else { return }
        var keys: [Int32] = []
        var starts: [Int32] = [0]
        keys.reserveCapacity(a.tokens.count * 2)
        starts.reserveCapacity(a.tokens.count + 1)
        let sameWords = a.wordsGeneration == wordsGeneration
        for (i, t) in a.tokens.enumerated() {
            // An analysis made before the cache was last emptied looks its words up again.
            let w = t.kind != .word ? -1 : (sameWords ? Int(a.words[i]) : Int(word(t.text)))
            if t.kind == .word, w >= 0, w < wordVersion.count {
                if wordVersion[w] != version {
                    var ids: [Int32] = []
                    if let id = vocabulary[WordKey.exact(t.text)] { ids.append(id) }
                    // A stem of three letters cut from a much longer word
                    // ("connaît" → "con", "serait" → "ser") is not a key:
                    // the word matches exactly only.
                    if !WordKey.isStub(a.frenchStems[i], of: t.text),
                        let id = vocabulary[WordKey.stem(a.frenchStems[i], .french)]
                    {
                        ids.append(id)
                    }
                    if !WordKey.isStub(a.englishStems[i], of: t.text),
                        let id = vocabulary[WordKey.stem(a.englishStems[i], .english)]
                    {
                        ids.append(id)
                    }
                    if !prefixLengths.isEmpty {
                        let scalars = t.text.unicodeScalars
                        for length in prefixLengths where length <= scalars.count {
                            let prefix = String(String.UnicodeScalarView(scalars.prefix(length)))
                            if let id = vocabulary[WordKey.prefix(prefix)] { ids.append(id) }
                        }
                    }
                    wordIDs[w] = ids
                    wordVersion[w] = version
                }
                keys.append(contentsOf: wordIDs[w])

            } else if t.kind != .word, let id = vocabulary[WordKey.exact(t.text)] {
                keys.append(id)
            }
            starts.append(Int32(keys.count))
        }
        a.keyIDs = keys
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

    /// The owner-local keys of every token, in one pass: token `i`'s are
    /// `keys[starts[i]..<starts[i + 1]]`.
    private struct LocalKeys {
        var starts: [Int32]
        var keys: [Int32]

        @inline(__always)
        func range(_ i: Int) -> Range<Int> { Int(starts[i])..<Int(starts[i + 1]) }
    }

    /// Whether any token of the text has a key of the binding's owner (one
    /// pass, no allocation: most texts hold nothing of most lexicons).
    private func hasAnyKey(_ a: AnalyzedText, _ b: Binding) -> Bool {
        a.keyIDs.withUnsafeBufferPointer { ids in
            b.local.withUnsafeBufferPointer { local in
                for id in ids where Int(id) < local.count && local[Int(id)] >= 0 { return true }
                return false
            }
        }
    }

    private func localKeys(_ a: AnalyzedText, _ b: Binding) -> LocalKeys {
        var starts = [Int32](repeating: 0, count: a.tokens.count + 1)
        var keys: [Int32] = []
        let local = b.local
        a.keyIDs.withUnsafeBufferPointer { ids in
            a.keyStart.withUnsafeBufferPointer { keyStart in
                local.withUnsafeBufferPointer { local in
                    for i in 0..<a.tokens.count {
                        for k in Int(keyStart[i])..<Int(keyStart[i + 1]) {
                            let id = Int(ids[k])
                            if id < local.count, local[id] >= 0 { keys.append(local[id]) }
                        }
                        starts[i + 1] = Int32(keys.count)
                    }
                }
            }
        }
        return LocalKeys(starts: starts, keys: keys)
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
            /// The last word's token in the arena of parts (-1 before the first).
            var head: Int32
            var length: Int
        }
        var partToken: [Int32] = []
        var partPrevious: [Int32] = []
        func parts(_ head: Int32) -> [Int] {
            var out: [Int] = []
            var h = head
            while h >= 0 {
                out.append(Int(partToken[Int(h)]))
                h = partPrevious[Int(h)]
            }
            return out.reversed()
        }
        guard hasAnyKey(a, b) else { return [] }
        let table = localKeys(a, b)
        var active: [Walk] = []
        var next: [Walk] = []
        let tokens = a.tokens
        for i in tokens.indices {
            if table.starts[i] == table.starts[i + 1] { continue }
            active.removeAll(keepingCapacity: true)
            active.append(Walk(node: 0, skipped: 0, head: -1, length: 0))
            partToken.removeAll(keepingCapacity: true)
            partPrevious.removeAll(keepingCapacity: true)
            var j = i
            while j < tokens.count && !active.isEmpty && tokens[j].sentence == tokens[i].sentence {
                let candidates = table.range(j)
                next.removeAll(keepingCapacity: true)
                for w in active {
                    for c in candidates {
                        let key = table.keys[c]
                        guard let child = lexicon.child(w.node, key) else { continue }
                        partToken.append(Int32(j))
                        partPrevious.append(w.head)
                        let head = Int32(partToken.count - 1)
                        for term in lexicon.nodeTerms[Int(child)] where lexicon.speaks(Int(term), language) {
                            found.append(match(lexicon.terms[Int(term)], a, parts(head)))
                        }
                        if w.length + 1 < lexicon.depth {
                            next.append(Walk(node: child, skipped: 0, head: head, length: w.length + 1))
                        }
                    }
                    // Skip this token inside a term (not before its first word).
                    if j > i && w.skipped < lexicon.gap && w.length > 0 {
                        next.append(Walk(node: w.node, skipped: w.skipped + 1, head: w.head, length: w.length))
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
        let tokens = a.tokens
        // Without any key of the set, only a source that starts with a class can match.
        if !pattern.anchors.contains(where: { $0 == nil }) && !hasAnyKey(a, b) { return [] }
        let table = localKeys(a, b)
        // The keys the text has: a source whose first element none of its
        // tokens can match is skipped, and a source's thread starts only at
        // a token that can start it.
        var present = [Bool](repeating: false, count: pattern.keys.count)
        for c in table.keys { present[Int(c)] = true }
        // A source whose unavoidable words are not all in the text is skipped.
        func requiredPresent(_ i: Int) -> Bool {
            pattern.required[i].allSatisfy { group in group.contains(where: { present[Int($0)] }) }
        }
        var free: [Int32] = []
        var active = [Bool](repeating: false, count: pattern.entries.count)
        var anyActive = false
        for (i, entry) in pattern.entries.enumerated() where pattern.speaks(i, language) {
            guard let keys = pattern.anchors[i] else {
                if requiredPresent(i) { free.append(entry) }
                continue
            }
            if keys.contains(where: { present[Int($0)] }) && requiredPresent(i) {
                active[i] = true
                anyActive = true
            }
        }
        if free.isEmpty && !anyActive { return [] }
        let states = pattern.states
        // The thread lists are kept from call to call (their marks are
        // generations that only grow): no allocation per call.
        var current = ThreadList(count: 0)
        var next = ThreadList(count: 0)
        swap(&current, &scratch.0)
        swap(&next, &scratch.1)
        defer {
            swap(&current, &scratch.0)
            swap(&next, &scratch.1)
        }
        current.reserve(states.count)
        next.reserve(states.count)
        var stack: [Int32] = []
        var found: [LinguisticMatch] = []
        // The tokens each thread matched, as linked lists in one arena (no
        // array is copied when a thread moves on).
        var partToken: [Int32] = []
        var partPrevious: [Int32] = []
        func parts(_ head: Int32) -> [Int] {
            var out: [Int] = []
            var h = head
            while h >= 0 {
                out.append(Int(partToken[Int(h)]))
                h = partPrevious[Int(h)]
            }
            return out.reversed()
        }

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
            partToken.removeAll(keepingCapacity: true)
            partPrevious.removeAll(keepingCapacity: true)
            for j in sentence.firstToken..<sentence.endToken {
                let candidates = table.keys[table.range(j)]
                let starting = PatternThread(start: j, head: -1)
                for entry in free { add(entry, starting, into: &current) }
                for c in candidates {
                    for i in pattern.sourcesByKey[Int(c)] where active[Int(i)] {
                        add(pattern.entries[Int(i)], starting, into: &current)
                    }
                }
                if current.states.isEmpty { continue }
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
                    if part {
                        partToken.append(Int32(j))
                        partPrevious.append(t.head)
                        t.head = Int32(partToken.count - 1)
                    }
                    add(target, t, into: &next)
                }
                for s in next.states {
                    guard case .accept(let index) = states[Int(s)], let t = next.threads[Int(s)], t.head >= 0,
                        pattern.speaks(Int(index), language)
                    else { continue }
                    found.append(patternMatch(pattern.sources[Int(index)], a, parts(t.head)))
                }
                swap(&current, &next)
            }
        }
        return filter.resolve(found)
    }

    @inline(__always)
    private func passes(
        _ test: TokenPattern.Test, _ token: LinguisticToken, _ j: Int, _ a: AnalyzedText, _ candidates: ArraySlice<Int32>
    ) -> Bool {
        switch test {
        case .words(let keys):
            for c in candidates where Self.sortedContains(keys, c) { return true }
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

    @inline(__always)
    private static func sortedContains(_ keys: [Int32], _ key: Int32) -> Bool {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key
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
    /// The last matched token in the arena of parts, -1 before the first.
    var head: Int32
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

    /// Room for `count` states (a new state's mark is older than any generation).
    mutating func reserve(_ count: Int) {
        guard threads.count < count else { return }
        threads.append(contentsOf: repeatElement(nil, count: count - threads.count))
        mark.append(contentsOf: repeatElement(-1, count: count - mark.count))
    }

    mutating func reset(_ generation: Int) {
        states.removeAll(keepingCapacity: true)
        tag = generation
    }
}
