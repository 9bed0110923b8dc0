/// A match of an inflecting lexicon (`WordLexicon`) or of a token pattern
/// (`TokenPattern`) in a text.
public struct LinguisticMatch: Sendable, Hashable {
    /// "lexicon" or "pattern".
    public var kind: String
    /// The original text from the first matched token to the last (gaps included).
    public var text: String
    /// Offsets in Unicode scalars of the original text (end excluded).
    public var start: Int
    public var end: Int
    /// The term as written, or the pattern's source.
    public var value: String
    public var category: String
    public var weight: Double
    /// The term's or pattern's language, when it has one.
    public var language: String?
    /// The first matched token is in the scope of a negation that comes
    /// before the match (`je ne suis pas déçue` for the term `déçu`).
    public var negated: Bool
    /// The match is in a question (see `LinguisticSentence.question`).
    public var question: Bool
    /// Index of the sentence.
    public var sentence: Int
    /// The original ranges of the tokens the words matched (without the
    /// tokens a gap skipped): the evidence, piece by piece.
    public var parts: [Range<Int>]

    /// As the toolkit's other matches: attributes "category", "weight",
    /// "negated", "question" (and "language").
    public var textMatch: TextMatch {
        var attributes = [
            "category": category, "weight": Lexicon.format(weight), "negated": negated ? "true" : "false",
            "question": question ? "true" : "false",
        ]
        if let language { attributes["language"] = language }
        return TextMatch(kind: kind, text: text, start: start, end: end, value: value, attributes: attributes)
    }
}

/// Which matches to keep.
public struct MatchFilter: Sendable, Hashable {
    /// true: only negated matches; false: only those not negated; nil: both.
    public var negated: Bool?
    /// true: only in questions; false: only outside questions; nil: both.
    public var question: Bool?
    /// Only these categories (nil: all).
    public var categories: Set<String>?
    /// Keep overlapping matches (by default a match inside or across a
    /// longer one that starts earlier is dropped: one piece of text is
    /// evidence once).
    public var overlapping: Bool
    /// The text's language: terms and patterns of another language are not
    /// matched ("sale" is dirty in French, not in "a spring sale"). nil: the
    /// language guessed from the text's function words (when it is clear;
    /// otherwise every language); "any": every language; "fr", "en": that one.
    public var language: String?

    public init(
        negated: Bool? = nil, question: Bool? = nil, categories: Set<String>? = nil, overlapping: Bool = false,
        language: String? = nil
    ) {
        self.negated = negated
        self.question = question
        self.categories = categories
        self.overlapping = overlapping
        self.language = language
    }

    /// The language terms must have to be matched in `text` (nil: any).
    func language(for text: AnalyzedText) -> StemLanguage? {
        switch language {
        case nil: return text.language
        case "any": return nil
        case let code?: return StemLanguage(code: code)
        }
    }

    public static let all = MatchFilter()

    func keeps(_ m: LinguisticMatch) -> Bool {
        if let negated, m.negated != negated { return false }
        if let question, m.question != question { return false }
        if let categories, !categories.contains(m.category) { return false }
        return true
    }

    /// The matches kept, sorted by start (longer first), without overlaps
    /// unless asked: leftmost, then longest, then heaviest, wins.
    func resolve(_ matches: [LinguisticMatch]) -> [LinguisticMatch] {
        // Leftmost, then longest, then heaviest (two patterns of a set on
        // the same words: the one that says more wins).
        let kept = matches.filter(keeps).sorted {
            ($0.start, -$0.end, -$0.weight, $0.value) < ($1.start, -$1.end, -$1.weight, $1.value)
        }
        if overlapping {
            // Still one match per piece of text and term.
            var seen = Set<String>()
            return kept.filter { seen.insert("\($0.start):\($0.end):\($0.value)").inserted }
        }
        var out: [LinguisticMatch] = []
        var end = Int.min
        for m in kept where m.start >= end {
            out.append(m)
            end = m.end
        }
        return out
    }
}
