/// One thing found in a text by a detector or a lexicon.
///
/// `start` and `end` count Unicode scalars of the original text (not UTF-16
/// code units, not grapheme clusters), like `NormalizedText`: a Lua script
/// turns them into byte offsets with `utf8.offset`.
public struct TextMatch: Sendable, Hashable, Codable {
    /// "phone", "email", "postal-code", "street-address", "iban", "nir", "sin",
    /// "url", "domain", "date", "absence" or "lexicon".
    public var kind: String
    /// The matched text, as written in the original.
    public var text: String
    /// Offset of the first scalar in the original text (0-based, inclusive).
    public var start: Int
    /// Offset after the last scalar (exclusive).
    public var end: Int
    /// The normalised value, when the detector has one: E.164 phone number,
    /// lower-cased e-mail address, IBAN without spaces, ISO date…
    public var value: String?
    /// Detector-specific details: "country", "category", "language", "from",
    /// "to", "checksum"…
    public var attributes: [String: String]

    public init(
        kind: String, text: String, start: Int, end: Int, value: String? = nil,
        attributes: [String: String] = [:]
    ) {
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.value = value
        self.attributes = attributes
    }

    /// The number of scalars covered.
    public var length: Int { end - start }
}
