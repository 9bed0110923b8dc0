import VigieModel

/// A text prepared for the scanners (a class: the detectors share one
/// without copying its arrays): the normalised scalars (lower case, no
/// accents, plain apostrophes and spaces) that the detectors read, and the
/// way back to the original text for the matches they report.
final class ScanText {
    let normalized: NormalizedText
    /// The normalised scalars.
    let s: [UInt32]
    private let originalScalars: OriginalScalars
    /// The original scalars.
    var original: [Unicode.Scalar] { originalScalars.scalars }

    convenience init(_ text: String) {
        let normalized = TextNormalizer.standard.normalize(text)
        self.init(normalized: normalized, scalars: ScalarDecoding.values(of: normalized.text), original: OriginalScalars(text))
    }

    /// `scalars`: the scalar values of `normalized.text`, when the caller
    /// has them already (a `PreparedText` decodes them once for the
    /// detectors and the lexicons).
    init(normalized: NormalizedText, scalars: [UInt32], original: OriginalScalars) {
        self.normalized = normalized
        s = scalars
        originalScalars = original
    }

    var count: Int { s.count }

    /// How many ASCII digits the normalised text has. Most texts have none,
    /// and then the detectors of numbers (telephones, addresses, postal
    /// codes, IBAN, NIR, SIN) return at once: every one of them needs a
    /// digit (a telephone number, eight).
    /// The first index from `i` whose scalar is an ASCII digit (`count`
    /// when there is none): the scanners of numbers skip to it in a tight
    /// loop instead of testing each scalar with their full conditions.
    func nextDigit(from i: Int) -> Int {
        s.withUnsafeBufferPointer { s in
            var k = max(i, 0)
            while k < s.count && s[k] &- 0x30 >= 10 { k += 1 }
            return k
        }
    }

    private(set) lazy var digitCount: Int = s.withUnsafeBufferPointer { s in
        var n = 0
        for c in s where c &- 0x30 < 10 { n += 1 }
        return n
    }

    /// The scalar at `i`, or 0 outside the text.
    @inline(__always)
    subscript(i: Int) -> UInt32 { i >= 0 && i < s.count ? s[i] : 0 }

    /// A match for the normalised range, with its original text and offsets.
    func match(
        _ kind: String, _ range: Range<Int>, value: String? = nil, attributes: [String: String] = [:]
    ) -> TextMatch {
        let r = normalized.originalRange(for: range)
        return TextMatch(
            kind: kind, text: originalText(r), start: r.lowerBound, end: r.upperBound, value: value,
            attributes: attributes)
    }

    func originalText(_ r: Range<Int>) -> String {
        let original = self.original
        return ScalarDecoding.string(original[max(0, r.lowerBound)..<min(original.count, r.upperBound)])
    }

    /// The original scalar that produced the normalised scalar at `i`.
    func originalScalar(at i: Int) -> Unicode.Scalar? {
        guard i >= 0 && i < s.count else { return nil }
        let o = normalized.originalOffset(for: i)
        let original = self.original
        return o < original.count ? original[o] : nil
    }

    /// Whether the normalised scalar at `i` was an upper-case letter in the original.
    func isCapitalized(at i: Int) -> Bool {
        guard let scalar = originalScalar(at: i) else { return false }
        return scalar.properties.isUppercase
    }

    /// The normalised scalars in `range`, as a string.
    func string(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(s.count, range.upperBound)
        guard !r.isEmpty else { return "" }
        if s[r].allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: r.count) { buffer in
                for (j, k) in r.enumerated() { buffer[j] = UInt8(truncatingIfNeeded: s[k]) }
                return r.count
            }
        }
        var view = String.UnicodeScalarView()
        for k in r { view.append(Unicode.Scalar(s[k])!) }
        return String(view)
    }

    // MARK: - Character classes (on normalised scalars)

    @inline(__always) func isDigit(_ i: Int) -> Bool { Scalar.isDigit(self[i]) }
    @inline(__always) func isLetter(_ i: Int) -> Bool { Scalar.isLetter(self[i]) }
    @inline(__always) func isWord(_ i: Int) -> Bool { Scalar.isWord(self[i]) }
    @inline(__always) func isSpace(_ i: Int) -> Bool { Scalar.isSpace(self[i]) }

    /// The end of the run of scalars satisfying `predicate` from `i`.
    func run(from i: Int, while predicate: (UInt32) -> Bool) -> Int {
        var k = i
        while k < s.count && predicate(s[k]) { k += 1 }
        return k
    }

    /// Skips horizontal spaces (at most `limit`).
    func skipSpaces(from i: Int, limit: Int = 3) -> Int {
        var k = i
        while k < s.count && k - i < limit && (s[k] == 0x20 || s[k] == 0x09) { k += 1 }
        return k
    }

    /// Whether the normalised text at `i` starts with the ASCII `word`.
    func hasPrefix(_ word: String, at i: Int) -> Bool {
        var k = i
        for b in word.utf8 {
            guard k < s.count && s[k] == UInt32(b) else { return false }
            k += 1
        }
        return true
    }

    /// The lower-case word (letters only) that ends right before `i`, skipping
    /// spaces and the punctuation in `skipping`.
    func previousWord(before i: Int, skipping: Set<UInt32> = [], window: Int = 12) -> (word: String, start: Int)? {
        var k = i - 1
        let limit = max(0, i - window)
        while k >= limit && (isSpace(k) || skipping.contains(s[k])) { k -= 1 }
        guard k >= 0 && isLetter(k) else { return nil }
        let end = k + 1
        while k >= 0 && isLetter(k) { k -= 1 }
        return (string((k + 1)..<end), k + 1)
    }
}

/// The scalars of a text, decoded on first use: only matches need them
/// (their text, the case of a letter), and most texts scanned have none.
/// Shared by the scanners and the lexicons of a `PreparedText`.
final class OriginalScalars {
    private let text: String
    private var storage: [Unicode.Scalar]?

    init(_ text: String) { self.text = text }

    var scalars: [Unicode.Scalar] {
        if let s = storage { return s }
        let s = ScalarDecoding.scalars(of: text)
        storage = s
        return s
    }
}

/// Character classes on scalar values.
enum Scalar {
    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) }

    @inline(__always) static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIILetter(c) }
        return Unicode.Scalar(c)?.properties.isAlphabetic ?? false
    }

    @inline(__always) static func isWord(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIILetter(c) || isDigit(c) || c == 95 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    @inline(__always) static func isSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        return Unicode.Scalar(c)?.properties.isWhitespace ?? false
    }

    @inline(__always) static func digit(_ c: UInt32) -> Int { Int(c) - 48 }
}
