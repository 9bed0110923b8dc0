import Foundation

/// Word lists written for Vigie (French, with Québec usage, and English) for
/// the behaviours the method asks to watch: venting on social media,
/// insults, intimidation, threats, blackmail, gossip about clients, access to
/// a home (keys, codes, alarms), offers of money for information, and
/// personal-life disclosures.
///
/// They are starting points for a consultant, not verdicts: a match is a
/// reason to look, and a client policy adds its own terms. Weights go from
/// 0.5 (weak hint, frequent in harmless texts) to 3 (unambiguous).
public enum Vocabulary {
    /// The names of the built-in lists.
    public static let names: [String] = [
        "venting", "insult", "intimidation", "threat", "blackmail", "gossip", "access", "bribe", "personal-life",
    ]

    /// The lexicon of a built-in list (French and English terms), or nil for
    /// an unknown name. Built once, then shared.
    public static func lexicon(_ name: String) -> Lexicon? { lexicons[name] }

    /// The terms of a built-in list.
    public static func terms(_ name: String) -> [LexiconTerm]? { lexicons[name]?.terms }

    /// Every built-in list in one lexicon (the category tells them apart).
    public static let combined: Lexicon = Lexicon(terms: names.flatMap { lexicons[$0]?.terms ?? [] })

    private static let lexicons: [String: Lexicon] = {
        var result: [String: Lexicon] = [:]
        for (name, lists) in sources {
            var terms: [LexiconTerm] = []
            for (language, list) in lists {
                for entry in list.split(separator: "|") {
                    let parts = entry.split(separator: "=")
                    let term = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !term.isEmpty else { continue }
                    let weight = parts.count > 1 ? Double(parts[1].trimmingCharacters(in: .whitespaces)) ?? 1 : 1
                    terms.append(LexiconTerm(term: term, category: name, weight: weight, language: language))
                }
            }
            result[name] = Lexicon(terms: terms)
        }
        return result
    }()
}
