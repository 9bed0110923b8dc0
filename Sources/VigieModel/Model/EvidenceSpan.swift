/// A stretch of an activity's original text that supports a finding.
///
/// Offsets count Unicode scalars from the start of `Activity.text`, `end`
/// excluded. `NormalizedText.originalRange(for:)` converts a match found in the
/// normalised text into such a span.
public struct EvidenceSpan: Hashable, Codable, Sendable {
    public var start: Int
    public var end: Int
    /// What the span is (`phone`, `client-name`), for the report.
    public var label: String?

    /// A span given backwards (`end < start`) is put the right way round.
    public init(start: Int, end: Int, label: String? = nil) {
        self.start = min(start, end)
        self.end = max(start, end)
        self.label = label
    }

    public init(_ range: Range<Int>, label: String? = nil) {
        self.init(start: range.lowerBound, end: range.upperBound, label: label)
    }

    public var range: Range<Int> { start..<end }

    /// The spanned text of `text`, or nil when the span falls outside it.
    public func excerpt(of text: String) -> String? {
        let scalars = text.unicodeScalars
        guard start >= 0, let from = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex),
            let to = scalars.index(from, offsetBy: end - start, limitedBy: scalars.endIndex)
        else { return nil }
        return String(scalars[from..<to])
    }
}
