/// One entry of a lexicon: a word or phrase, its category and weight.
public struct LexiconTerm: Sendable, Hashable, Codable {
    /// The word or phrase as written ("ferme ta gueule"); folded for matching.
    public var term: String
    /// What the term indicates ("insult", "threat"…).
    public var category: String
    /// How strongly it indicates it (rules add weights up; 1 by default).
    public var weight: Double
    /// "fr", "en"… or nil when the term belongs to no language in particular.
    public var language: String?

    public init(term: String, category: String, weight: Double = 1, language: String? = nil) {
        self.term = term
        self.category = category
        self.weight = weight
        self.language = language
    }
}
