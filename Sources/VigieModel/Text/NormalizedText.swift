/// A text after normalisation, with the map back to the original text.
///
/// Offsets count Unicode scalars (not UTF-16 code units, not grapheme
/// clusters): offset 3 is the fourth `Unicode.Scalar` of the string. A Lua
/// script converts them to byte offsets with `utf8.offset`.
public struct NormalizedText: Sendable, Hashable {
    /// The text as given.
    public let original: String
    /// The normalised text.
    public let text: String
    /// For the normalised scalar at index i: the original scalars it came
    /// from; both empty when that is scalar i alone for every i (the map is
    /// the identity: nothing expanded, merged or removed before the last
    /// normalised scalar).
    let starts: [Int32]
    let ends: [Int32]
    let originalCount: Int
    /// Number of Unicode scalars in the normalised text.
    public let count: Int

    init(original: String, text: String, starts: [Int32], ends: [Int32], count: Int, originalCount: Int) {
        self.original = original
        self.text = text
        self.starts = starts
        self.ends = ends
        self.count = count
        self.originalCount = originalCount
    }

    /// The range of original scalars that produced the normalised scalars in
    /// `range`. A range that covers part of an expansion (`ﬁ` → `fi`, `œ` →
    /// `oe`) widens to the whole original character; combining accents and
    /// invisible characters removed by the normalisation are included when they
    /// follow a covered character. An empty range maps to an empty range.
    public func originalRange(for range: Range<Int>) -> Range<Int> {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        let identity = starts.isEmpty
        let start = lower < count ? (identity ? lower : Int(starts[lower])) : originalCount
        if upper == lower { return start..<start }
        return start..<(identity ? upper : Int(ends[upper - 1]))
    }

    /// The original offset of the normalised scalar at `offset`.
    public func originalOffset(for offset: Int) -> Int {
        originalRange(for: offset..<offset).lowerBound
    }

    /// The ranges of the normalised text where `needle` (normalised with
    /// `normalizer`) occurs, as original ranges. `wholeWords` requires a
    /// non-alphanumeric scalar (or the text's edge) on both sides.
    public func originalRanges(
        of needle: String, normalizer: TextNormalizer = .standard, wholeWords: Bool = false
    ) -> [Range<Int>] {
        let pattern = Array(normalizer.fold(needle).unicodeScalars)
        guard !pattern.isEmpty else { return [] }
        let haystack = Array(text.unicodeScalars)
        guard haystack.count >= pattern.count else { return [] }
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            s.properties.isAlphabetic || s.properties.numericType != nil || s == "_"
        }
        var result: [Range<Int>] = []
        var i = 0
        let first = pattern[0]
        while i + pattern.count <= haystack.count {
            if haystack[i] == first, haystack[i..<(i + pattern.count)].elementsEqual(pattern) {
                let end = i + pattern.count
                let boundaryOK =
                    !wholeWords
                    || ((i == 0 || !isWordScalar(haystack[i - 1]))
                        && (end == haystack.count || !isWordScalar(haystack[end])))
                if boundaryOK {
                    result.append(originalRange(for: i..<end))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return result
    }
}
