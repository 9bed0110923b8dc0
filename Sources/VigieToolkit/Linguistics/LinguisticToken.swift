/// A token of a text for the linguistic layer: a word, a number or a
/// symbol (an emoji, a currency sign), with its place in the original text
/// and in its sentence and clause.
public struct LinguisticToken: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case word, number, symbol
    }

    public var kind: Kind
    /// The folded form: lower case, no accents, NFKC (`𝗯𝗼𝗹𝗱` → `bold`).
    /// French elided words are spelt out (`j'` → `je`, `qu'` → `que`,
    /// `l'` → `le`), English contractions too (`don't` → `do` `not`,
    /// `you're` → `you` `are`). A number is its digits alone: groups
    /// joined by a space, a hyphen or a dot make one number (`514 555-0142`
    /// → `5145550142`).
    public var text: String
    /// Offsets in Unicode scalars of the original text (end excluded).
    public var start: Int
    public var end: Int
    /// Index of the sentence (`.`, `!`, `?` and line breaks end one).
    public var sentence: Int
    /// Index of the clause (commas, semicolons, colons, brackets, quotes,
    /// dashes, ellipses and the conjunctions `mais`, `but`… end one).
    public var clause: Int
    /// In the scope of a negation that comes before it in its clause
    /// (`ne … pas`, `jamais`, `sans`, `not`, `never`, `no`…).
    public var negated: Bool = false
    /// The token is itself a negation (`ne`, `pas`, `jamais`, `not`…).
    public var isNegation: Bool = false
    /// The first letter is upper case in the original.
    public var capitalized: Bool = false
    /// Every letter is upper case in the original (a word of two letters or more).
    public var uppercase: Bool = false
    /// Joined to the previous token by a hyphen (`savez-vous`, `Sainte-Rose`).
    public var hyphenated: Bool = false
    /// Joined to the previous token by an apostrophe (`j'en`, `don't`).
    var elided: Bool = false
}

/// A sentence of an analysed text.
public struct LinguisticSentence: Sendable, Hashable {
    /// Original offsets of its first and last tokens.
    public var start: Int
    public var end: Int
    /// Its tokens: `firstToken..<endToken`.
    public var firstToken: Int
    public var endToken: Int
    /// Ends with `?`, opens with a question word (`quand`, `où`, `who`,
    /// `do`…), holds `est-ce que` or an inverted pronoun (`savez-vous`,
    /// `part-il`).
    public var question: Bool
}
