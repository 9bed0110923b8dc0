import Synchronization
import VigieModel

/// How a word of a term or pattern is compared with a token: by its stem in
/// a language, exactly (folded), or as a prefix.
enum WordKey {
    /// The vocabulary key of a stem, an exact word or a prefix.
    static func stem(_ stem: String, _ language: StemLanguage) -> String {
        (language == .french ? "f:" : "e:") + stem
    }
    static func exact(_ word: String) -> String { "=" + word }
    static func prefix(_ word: String) -> String { "p:" + word }

    /// The tokens of a piece of a term or pattern, as a text would give them.
    static func tokens(of piece: String) -> [LinguisticToken] {
        LinguisticTokenizer.tokenize(PreparedText(piece)).tokens
    }

    /// The texts and kinds of the tokens of a piece: a piece of lowercase
    /// letters (ASCII, accented Latin, œ) is one word, its folded form (most
    /// words of the lists and patterns; the tokenizer is for the others).
    static func tokenTexts(of piece: String) -> [(text: String, kind: LinguisticToken.Kind)] {
        if isPlainWord(piece) {
            if piece.utf8.allSatisfy({ $0 < 0x80 }) { return [(piece, .word)] }
            return [(TextNormalizer.standard.fold(piece), .word)]
        }
        return tokens(of: piece).map { ($0.text, $0.kind) }
    }

    static func isPlainWord(_ piece: String) -> Bool {
        !piece.isEmpty && piece.unicodeScalars.allSatisfy { c in
            (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0xE0 && c.value <= 0xFF && c.value != 0xF7) || c.value == 0x153
        }
    }

    /// The keys of each token of a piece of a term or pattern (`prefix`: its
    /// last token is a prefix), computed once per process: the same words
    /// come back in many lists and patterns, and in every engine.
    static func pieceKeys(_ piece: String, exact: Bool, prefix: Bool, languages: [StemLanguage], stemmers: Stemmers) -> [[String]] {
        // One scalar for the options, then the piece.
        var code = (exact ? 1 : 0) + (prefix ? 2 : 0)
        for l in languages { code |= l == .french ? 4 : 8 }
        if languages.count == 2 && languages[0] == .english { code |= 16 }
        let cacheKey = String(Character(Unicode.Scalar(UInt8(0x40 + code)))) + piece
        if let known = pieceCache.withLock({ $0[cacheKey] }) { return known }
        let tokens = WordKey.tokenTexts(of: piece)
        let keys = tokens.enumerated().map { t, token in
            Self.keys(
                text: token.text, kind: token.kind, exact: exact, prefix: prefix && t == tokens.count - 1, languages: languages,
                stemmers: stemmers)
        }
        pieceCache.withLock { cache in
            if cache.count >= 100_000 { cache.removeAll() }
            cache[cacheKey] = keys
        }
        return keys
    }
    private static let pieceCache = Mutex<[String: [[String]]]>([:])

    /// The keys a token of a term matches with: numbers, symbols and exact
    /// words by their folded form, prefixes by theirs, other words by their
    /// stem in each of `languages`.
    static func keys(
        text: String, kind: LinguisticToken.Kind, exact: Bool, prefix: Bool, languages: [StemLanguage], stemmers: Stemmers
    ) -> [String] {
        if kind != .word || exact { return [Self.exact(text)] }
        if prefix { return [Self.prefix(text)] }
        var keys: [String] = []
        for language in languages {
            let s = stemmers.stem(text, language)
            // A stem that keeps too little of its word ("pétasse" → "pet",
            // the stem of "petit" too; "série" → "ser", that of "serait")
            // would match unrelated words: such a word is matched exactly,
            // or with a plural "s".
            let found = isTooShort(s, of: text) ? [Self.exact(text), Self.exact(text + "s")] : [stem(s, language)]
            for k in found where !keys.contains(k) { keys.append(k) }
        }
        return keys
    }

    /// The share of a word its stem must keep to be matched by its stem.
    static let minimumStemShare = 0.65

    /// A text word's stem that says too little: three letters or fewer,
    /// cut three or more letters short of its word.
    static func isStub(_ stem: String, of word: String) -> Bool {
        let s = stem.unicodeScalars.count
        return s <= 3 && word.unicodeScalars.count - s >= 3
    }

    static func isTooShort(_ stem: String, of word: String) -> Bool {
        let w = word.unicodeScalars.count
        return w >= 5 && Double(stem.unicodeScalars.count) < Double(w) * minimumStemShare
    }
}

/// A list of terms matched on tokens, by their stems: the term `crétin`
/// matches `crétins` and `CRÉTINE`, `bâclé` matches `baclées`, `regretter`
/// matches `regretteras`. Words of a term match in the term's language
/// (French or English), or in both when the term has none.
///
/// Each word of a term can also be written `=mot` (that exact word, folded:
/// `=con` does not match `cons`), `mot*` (any word that starts with it:
/// `arnaqu*`), or as alternatives `=cassé|=cassée|brisé`. A word whose stem
/// keeps less than 65 % of it (`pétasse` → `pet`, also the stem of `petit`)
/// is matched exactly (or with a plural `s`). With `gap`, up to that many other tokens may stand between
/// two words of a term (`j'en ai marre` matches `j'en ai vraiment marre`
/// with a gap of 1). A term never spans two sentences.
///
/// Terms are compiled once into a trie over words; matching walks it from
/// each token, so its cost is linear in the length of the text (times the
/// length of the longest term). Immutable and `Sendable`: build it once,
/// share it between threads; each thread matches with its own `Linguistics`.
public final class WordLexicon: Sendable {
    public let terms: [LexiconTerm]
    public let gap: Int
    /// Terms that give no word to match (only punctuation), by index.
    public let emptyTerms: [Int]
    /// The vocabulary keys of the lexicon's words (trie edges are indices here).
    let keys: [String]
    /// Per node: children `edgeStart[n]..<edgeStart[n + 1]`, sorted by key.
    let edgeStart: [Int32]
    let edgeKeys: [Int32]
    let edgeTargets: [Int32]
    /// Per node: the terms that end there.
    let nodeTerms: [[Int32]]
    /// The longest term, in words.
    let depth: Int

    /// The longest term accepted, in words.
    public static let maximumTermLength = 24
    public static let maximumGap = 8
    /// The most sequences one term may stand for (its words' alternatives multiplied).
    public static let maximumVariants = 64

    public init(terms: [LexiconTerm], gap: Int = 0) {
        self.terms = terms
        self.gap = max(0, min(gap, Self.maximumGap))
        let stemmers = Stemmers()
        var keyIndex: [String: Int32] = [:]
        var keys: [String] = []
        func local(_ key: String) -> Int32 {
            if let k = keyIndex[key] { return k }
            let k = Int32(keys.count)
            keys.append(key)
            keyIndex[key] = k
            return k
        }
        var children: [[Int32: Int32]] = [[:]]
        var nodeTerms: [[Int32]] = [[]]
        var empty: [Int] = []
        var depth = 0
        for (index, term) in terms.enumerated() {
            let languages = term.language.flatMap(StemLanguage.init(code:)).map { [$0] } ?? StemLanguage.allCases
            // The sequences of keys of the term: per language (the words of
            // a term are stemmed together in one language), and per choice
            // among a word's alternatives ("=cassé|=cassée vase").
            var sequences: [[Int32]] = []
            for language in languages {
                var partial: [[Int32]] = [[]]
                for raw in term.term.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                    var choices: [[Int32]] = []
                    for alternative in raw.split(separator: "|") {
                        var piece = Substring(alternative)
                        let exact = piece.hasPrefix("=")
                        if exact { piece = piece.dropFirst() }
                        let prefix = piece.hasSuffix("*")
                        if prefix { piece = piece.dropLast() }
                        let pieceKeys = WordKey.pieceKeys(
                            String(piece), exact: exact, prefix: prefix, languages: [language], stemmers: stemmers)
                        guard !pieceKeys.isEmpty else { continue }
                        var variants: [[Int32]] = [[]]
                        for keys in pieceKeys {
                            variants = variants.flatMap { v in keys.map { v + [local($0)] } }
                        }
                        choices += variants
                    }
                    guard !choices.isEmpty else { continue }
                    partial = partial.flatMap { p in choices.map { p + $0 } }
                    if partial.count > Self.maximumVariants { break }
                }
                sequences += partial.prefix(Self.maximumVariants)
            }
            guard let longest = sequences.map(\.count).max(), longest > 0, longest <= Self.maximumTermLength else {
                empty.append(index)
                continue
            }
            depth = max(depth, longest)
            var distinct = Set<[Int32]>()
            for sequence in sequences where !sequence.isEmpty && distinct.insert(sequence).inserted {
                var node: Int32 = 0
                for word in sequence {
                    if let next = children[Int(node)][word] {
                        node = next
                    } else {
                        let next = Int32(children.count)
                        children[Int(node)][word] = next
                        children.append([:])
                        nodeTerms.append([])
                        node = next
                    }
                }
                nodeTerms[Int(node)].append(Int32(index))
            }
        }
        var edgeStart: [Int32] = [0]
        var edgeKeys: [Int32] = []
        var edgeTargets: [Int32] = []
        for c in children {
            for (k, t) in c.sorted(by: { $0.key < $1.key }) {
                edgeKeys.append(k)
                edgeTargets.append(t)
            }
            edgeStart.append(Int32(edgeKeys.count))
        }
        self.keys = keys
        self.edgeStart = edgeStart
        self.edgeKeys = edgeKeys
        self.edgeTargets = edgeTargets
        self.nodeTerms = nodeTerms
        self.emptyTerms = empty
        self.depth = depth
        self.languages = terms.map { $0.language.flatMap(StemLanguage.init(code:)) }
    }

    /// The number of terms.
    public var count: Int { terms.count }

    /// The language of each term (nil: none given).
    let languages: [StemLanguage?]

    /// Whether term `i` may match a text in `language` (nil: any).
    @inline(__always)
    func speaks(_ i: Int, _ language: StemLanguage?) -> Bool {
        guard let language, let own = languages[i] else { return true }
        return own == language
    }

    @inline(__always)
    func child(_ node: Int32, _ key: Int32) -> Int32? {
        var lo = Int(edgeStart[Int(node)])
        var hi = Int(edgeStart[Int(node) + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let k = edgeKeys[mid]
            if k == key { return edgeTargets[mid] }
            if k < key { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }
}
