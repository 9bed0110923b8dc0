import VigieModel

/// A list of terms matched all at once against texts.
///
/// Terms and texts are folded with `TextNormalizer.standard` (case, accents,
/// apostrophes, NFKC), so "connard", "Connârd" and "𝗖𝗢𝗡𝗡𝗔𝗥𝗗" match the same
/// term; a run of whitespace counts as one space, so multi-word terms ("ferme
/// ta gueule", "shut up") match across line breaks and double spaces. With
/// `wholeWords`, a match must not have a letter or digit right before or
/// after it ("con" does not match "contrat"). Hyphens count as spaces, so
/// "ras-le-bol" and "ras le bol" are the same term.
///
/// The terms are compiled once into an Aho–Corasick automaton over folded
/// scalars: matching costs one pass over the text whatever the number of
/// terms. A lexicon is immutable and can be shared between threads.
public final class Lexicon: Sendable {
    /// The terms, in the order given.
    public let terms: [LexiconTerm]
    public let wholeWords: Bool
    /// The folded form of each term (empty for terms that fold to nothing).
    let keys: [[UInt32]]
    let automaton: Automaton
    /// Each term's match value (its folded form) and attributes, made once:
    /// a match shares them instead of building them again.
    private let values: [String]
    private let attributes: [[String: String]]

    public init(terms: [LexiconTerm], wholeWords: Bool = true) {
        self.terms = terms
        self.wholeWords = wholeWords
        let keys = terms.map { Lexicon.key($0.term) }
        self.keys = keys
        self.automaton = Automaton(keys: keys)
        values = keys.map { ScalarDecoding.string(values: $0) }
        attributes = terms.map { entry in
            var attributes = [
                "category": entry.category, "term": entry.term, "weight": Lexicon.format(entry.weight),
            ]
            if let language = entry.language { attributes["language"] = language }
            return attributes
        }
    }

    /// Whitespace and hyphens (U+002D, U+2010, U+2011): "pot-de-vin" and
    /// "pot de vin" are the same term.
    @inline(__always)
    static func isSeparator(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x2D || c == 0x2010 || c == 0x2011 || Scalar.isSpace(c)
    }

    /// The number of terms.
    public var count: Int { terms.count }

    /// The folded form of a term: normalised, whitespace runs made one space, trimmed.
    public static func fold(_ term: String) -> String {
        String(String.UnicodeScalarView(key(term).compactMap(Unicode.Scalar.init)))
    }

    static func key(_ term: String) -> [UInt32] {
        var out: [UInt32] = []
        var pendingSpace = false
        for scalar in TextNormalizer.standard.fold(term).unicodeScalars {
            if Lexicon.isSeparator(scalar.value) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(scalar.value)
        }
        return out
    }

    /// Every occurrence of every term, sorted by start (longer first at the
    /// same start). Kind "lexicon"; value: the folded term; attributes
    /// "category", "term", "weight" and "language" (when the term has one).
    /// Overlapping occurrences of different terms are all reported.
    public func matches(in text: String) -> [TextMatch] { matches(LexiconInput(text)) }

    func matches(_ input: LexiconInput) -> [TextMatch] {
        var result: [TextMatch] = []
        scan(input) { term, range in
            result.append(match(term, range, in: input))
            return true
        }
        return Lexicon.inTextOrder(result)
    }

    /// Matches sorted by start, longer first at the same start (a stable
    /// sort: the scan's order otherwise); none or one as they are.
    static func inTextOrder(_ matches: [TextMatch]) -> [TextMatch] {
        matches.count < 2 ? matches : matches.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
    }

    /// The match of term `term` found at `range` of `input`'s normalised text.
    func match(_ term: Int, _ range: Range<Int>, in input: LexiconInput) -> TextMatch {
        let r = input.normalized.originalRange(for: range)
        return TextMatch(
            kind: "lexicon", text: input.originalText(r), start: r.lowerBound, end: r.upperBound,
            value: values[term], attributes: attributes[term])
    }

    /// The matches that no longer match contains ("ferme ta gueule" without
    /// the "ta gueule" inside it), for scoring without double counting.
    /// Partial overlaps are kept.
    public func longestMatches(in text: String) -> [TextMatch] {
        let all = matches(in: text)
        return all.filter { m in
            !all.contains { o in
                o.length > m.length && o.start <= m.start && m.end <= o.end
            }
        }
    }

    /// Calls `body` with the index of each matching term (in `terms`) and
    /// its original range, without building matches; `body` returns false
    /// to stop.
    func forEachMatch(in text: String, _ body: (Int, Range<Int>) -> Bool) {
        let input = LexiconInput(text)
        scan(input) { term, range in body(term, input.normalized.originalRange(for: range)) }
    }

    /// Whether any term occurs in the text (stops at the first).
    public func contains(in text: String) -> Bool { contains(LexiconInput(text)) }

    func contains(_ input: LexiconInput) -> Bool {
        var found = false
        scan(input) { _, _ in
            found = true
            return false
        }
        return found
    }

    /// The sum of the weights of the matches, by category.
    public func scores(in text: String) -> [String: Double] {
        var scores: [String: Double] = [:]
        for m in matches(in: text) {
            scores[m.attributes["category"] ?? "", default: 0] += Double(m.attributes["weight"] ?? "1") ?? 1
        }
        return scores
    }

    static func format(_ weight: Double) -> String {
        weight == weight.rounded() && abs(weight) < 1e15 ? String(Int(weight)) : String(weight)
    }

    /// Whether `c` is an ASCII letter, digit or `_` (what `Scalar.isWord`
    /// says of ASCII), with one table lookup.
    @inline(__always)
    static func isASCIIWord(_ c: UInt32) -> Bool {
        // Lower-case letters first: folded texts are mostly made of them.
        c &- 0x61 < 26
            || (c < 0x80 && ((c < 0x40 ? 0x03FF_0000_0000_0000 as UInt64 : 0x07FF_FFFE_87FF_FFFE) >> UInt64(c & 0x3F)) & 1 != 0)
    }

    /// Runs the automaton; `found(term, normalisedRange)` returns false to stop.
    private func scan(_ input: LexiconInput, _ found: (Int, Range<Int>) -> Bool) {
        Lexicon.scan(automaton, wholeWords: wholeWords, input, found)
    }

    /// Runs `automaton` over `input`; `found(term, normalisedRange)` returns
    /// false to stop. Terms are the automaton's key indices.
    static func scan(
        _ automaton: Automaton, wholeWords: Bool, _ input: LexiconInput, _ found: (Int, Range<Int>) -> Bool
    ) {
        automaton.withView { a in
            input.scalars.withUnsafeBufferPointer { scalars in
                var state: Int32 = 0
                // With whole words, where the current run of ASCII word
                // scalars (letters, digits, `_`) began. A term that starts
                // inside the run, after its first scalar, cannot stand as a
                // whole word (`isBoundary` rejects it): neither can the
                // shorter keys on its failure chain, which start later still.
                // So a state whose key starts inside the run is dropped, and
                // no new key is begun there: the rest of the run is skipped
                // in a tight loop, and most scalars of most words (texts are
                // folded to lower-case ASCII mostly) cost no step. (ASCII
                // only, to stay cheap: any other scalar ends the run, which
                // only drops less.)
                var runStart = 0
                let n = scalars.count
                var k = 0
                while k < n {
                    let c = scalars[k]
                    if wholeWords {
                        if Lexicon.isASCIIWord(c) {
                            if k > runStart {
                                if state == 0 {
                                    // Nothing begins in the rest of the run.
                                    k += 1
                                    while k < n && Lexicon.isASCIIWord(scalars[k]) { k += 1 }
                                    continue
                                }
                                // Only a key that began at or before the
                                // run's start may go on: the failure chain
                                // is left as soon as it reaches shorter keys.
                                state = a.step(state, c, keepingDepth: Int32(k - runStart))
                                if state == 0 {
                                    k += 1
                                    continue
                                }
                            } else {
                                state = a.step(state, c)
                            }
                        } else {
                            runStart = k + 1
                            state = a.step(state, c)
                        }
                    } else {
                        state = a.step(state, c)
                    }
                    var node = a.node(state).report
                    while node > 0 {
                        let record = a.node(node)
                        let length = Int(record.depth)
                        let start = k + 1 - length
                        if !wholeWords || input.isBoundary(start: start, end: k + 1) {
                            var term = record.firstTerm
                            while term >= 0 {
                                let range = input.normalizedOffset(start)..<(input.normalizedOffset(k) + 1)
                                if !found(Int(term), range) { return }
                                term = a.nextTerm[Int(term)]
                            }
                        }
                        node = record.outputLink
                    }
                    k += 1
                }
            }
        }
    }
}

/// A text folded for the automaton: whitespace runs made one space, with the
/// index of each scalar in the normalised text.
final class LexiconInput {
    let normalized: NormalizedText
    private let originalScalars: OriginalScalars
    /// The original scalars (decoded when a match needs them).
    var original: [Unicode.Scalar] { originalScalars.scalars }
    let scalars: [UInt32]
    /// The index in the normalised text of each scalar; nil when it is the
    /// scalar's own (nothing was folded: most texts have no line break,
    /// hyphen or double space, and then share the normalised scalars).
    private let index: [Int32]?
    /// What a group of lexicons found in this text (`LexiconGroup`), a list
    /// of hits per member: the group's one scan, shared by its members.
    var groupHits: (group: LexiconGroup, hits: [[LexiconGroup.Hit]])?

    /// The index in the normalised text of `scalars[i]`.
    @inline(__always)
    func normalizedOffset(_ i: Int) -> Int { index.map { Int($0[i]) } ?? i }

    convenience init(_ text: String) {
        let normalized = TextNormalizer.standard.normalize(text)
        self.init(
            normalized: normalized, normalizedScalars: ScalarDecoding.values(of: normalized.text),
            original: OriginalScalars(text))
    }

    /// `normalizedScalars`: the scalar values of `normalized.text`. When
    /// there is something to fold, both arrays are written in place in one
    /// pass (the output is never longer than the input).
    init(normalized: NormalizedText, normalizedScalars source: [UInt32], original: OriginalScalars) {
        self.normalized = normalized
        originalScalars = original
        let n = source.count
        let unchanged = source.withUnsafeBufferPointer { source in
            var previousSpace = false
            for c in source {
                // Lower-case letters first: folded texts are mostly made of them.
                if c &- 0x61 < 26 {
                    previousSpace = false
                    continue
                }
                let space = LexiconInput.isSeparator(c)
                if space && (previousSpace || c != 0x20) { return false }
                previousSpace = space
            }
            return true
        }
        if unchanged {
            scalars = source
            index = nil
            return
        }
        // Reserved and appended to (see `ScalarDecoding.values(of:)`).
        var scalars: [UInt32] = []
        var index: [Int32] = []
        scalars.reserveCapacity(n)
        index.reserveCapacity(n)
        source.withUnsafeBufferPointer { source in
            var previousSpace = false
            for k in 0..<n {
                let c = source[k]
                let space = LexiconInput.isSeparator(c)
                if space && previousSpace { continue }
                scalars.append(space ? 0x20 : c)
                index.append(Int32(k))
                previousSpace = space
            }
        }
        self.scalars = scalars
        self.index = index
    }

    /// `Lexicon.isSeparator`, without a lookup of Unicode properties for ASCII.
    @inline(__always)
    static func isSeparator(_ c: UInt32) -> Bool {
        c < 0x80 ? c == 0x20 || c == 0x2D || (c >= 0x09 && c <= 0x0D) : Lexicon.isSeparator(c)
    }

    /// Whether the match `start..<end` (in `scalars`) stands as whole words:
    /// no word scalar joins it on a side where the match itself ends with one.
    func isBoundary(start: Int, end: Int) -> Bool {
        if start > 0 && Scalar.isWord(scalars[start]) && Scalar.isWord(scalars[start - 1]) { return false }
        if end < scalars.count && Scalar.isWord(scalars[end - 1]) && Scalar.isWord(scalars[end]) { return false }
        return true
    }

    func originalText(_ r: Range<Int>) -> String {
        let original = self.original
        return ScalarDecoding.string(original[max(0, r.lowerBound)..<min(original.count, r.upperBound)])
    }
}
