/// Whole-word lexicons matched against a text in one scan: a policy's
/// rules often run several lexicons on every post (anger, insults, private
/// life, confidential markers…), and each scan walks the whole text, while
/// one automaton over all their terms walks it once.
///
/// A member's matches are the same as its own (`Lexicon.matches`), in the
/// same order: with whole words, a key is reported wherever it ends as a
/// whole word, whichever automaton holds it (a longer key of another
/// member only keeps a state that `isBoundary` then filters); the terms at
/// one node keep their lexicon's order.
public final class LexiconGroup: Sendable {
    /// A term found: its index in its lexicon and its range in the
    /// normalised text.
    struct Hit {
        var term: Int32
        var range: Range<Int>
    }

    public let members: [Lexicon]
    private let automaton: Automaton
    /// For each key of the automaton, its member and its term there.
    private let member: [Int32]
    private let term: [Int32]

    /// Nil unless there are two members or more, every one matching whole words.
    public init?(_ members: [Lexicon]) {
        guard members.count >= 2, members.allSatisfy(\.wholeWords) else { return nil }
        self.members = members
        var keys: [[UInt32]] = []
        var member: [Int32] = []
        var term: [Int32] = []
        for (m, lexicon) in members.enumerated() {
            for (t, key) in lexicon.keys.enumerated() {
                keys.append(key)
                member.append(Int32(m))
                term.append(Int32(t))
            }
        }
        automaton = Automaton(keys: keys)
        self.member = member
        self.term = term
    }

    /// The hits of every member in `input`, found once per text.
    private func hits(_ input: LexiconInput) -> [[Hit]] {
        if let cached = input.groupHits, cached.group === self { return cached.hits }
        // Appended to, not `init(repeating:count:)`, which allocates through
        // unspecialised code (see `ScalarDecoding.values(of:)`).
        var hits: [[Hit]] = []
        hits.reserveCapacity(members.count)
        for _ in members { hits.append([]) }
        Lexicon.scan(automaton, wholeWords: true, input) { key, range in
            hits[Int(member[key])].append(Hit(term: term[key], range: range))
            return true
        }
        input.groupHits = (self, hits)
        return hits
    }

    /// `members[index].matches(in: text)`.
    public func matches(_ index: Int, in text: PreparedText) -> [TextMatch] {
        let input = text.lexiconInput
        let found = hits(input)[index]
        // Most texts hit no term of most lexicons: nothing to build or sort.
        if found.isEmpty { return [] }
        let lexicon = members[index]
        return Lexicon.inTextOrder(found.map { lexicon.match(Int($0.term), $0.range, in: input) })
    }

    /// `members[index].contains(in: text)`.
    public func contains(_ index: Int, in text: PreparedText) -> Bool {
        !hits(text.lexiconInput)[index].isEmpty
    }
}
