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
    /// an unknown name. Built when first asked for (a policy uses a few of
    /// the lists), then shared.
    public static func lexicon(_ name: String) -> Lexicon? { built.lexicon(name) }

    /// The terms of a built-in list.
    public static func terms(_ name: String) -> [LexiconTerm]? { lexicon(name)?.terms }

    /// Every built-in list in one lexicon (the category tells them apart).
    public static let combined: Lexicon = Lexicon(terms: names.flatMap { terms($0) ?? [] })

    private static let built = Built()

    /// The lists built so far, shared by the threads.
    private final class Built: @unchecked Sendable {
        private let lock = NSLock()
        private var lexicons: [String: Lexicon] = [:]

        func lexicon(_ name: String) -> Lexicon? {
            lock.lock()
            defer { lock.unlock() }
            if let hit = lexicons[name] { return hit }
            guard let lists = sources[name] else { return nil }
            let lexicon = Vocabulary.build(name, lists)
            lexicons[name] = lexicon
            return lexicon
        }
    }

    private static func build(_ name: String, _ lists: [(String?, String)]) -> Lexicon {
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
        return Lexicon(terms: terms)
    }
}
