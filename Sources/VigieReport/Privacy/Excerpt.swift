import Foundation
import VigieModel

/// What is shown of an activity's text around a finding's evidence, with
/// personal data masked by `Masker`: one place for both the one-line
/// window of `vigie check` and the report's excerpt (`PreparedReport`),
/// which also cuts on word boundaries and marks the evidence.
public enum Excerpt {
    /// The activity's text around its evidence on one line, personal data
    /// masked (unless `reveal`): the evidence labelled as personal data, and
    /// `personal`, the ranges a detector found. The window is `width`
    /// scalars, cut on scalar offsets and copied whole.
    public static func window(
        _ text: String, evidence: [EvidenceSpan], reveal: Bool, personal: [Range<Int>], width: Int = 160
    ) -> String {
        var shown = text
        // Nothing to mask (most findings): the text as it is.
        if !reveal && (!personal.isEmpty || evidence.contains { Masker.isPersonal(label: $0.label) }) {
            let masker = Masker(reveal: false, detector: Precomputed(ranges: personal))
            shown = Masker.apply(ranges: masker.ranges(in: text, evidence: evidence), to: text)
        }
        return window(masked: shown, evidence: evidence, width: width)
    }

    /// `window` of a text already masked as it would mask it (`masked`
    /// with the same evidence and ranges): the cut alone.
    public static func window(masked shown: String, evidence: [EvidenceSpan], width: Int = 160) -> String {
        // Masking keeps phones and identifiers in place but shortens e-mails:
        // the window around the evidence is approximate after one.
        var first = Int.max
        for span in evidence where span.start < first { first = span.start }
        let from = first != Int.max && first > width / 2 ? first - width / 2 : 0
        // A short text from its start: the whole of it (at most `width`
        // bytes, so at most `width` scalars).
        if from == 0 && shown.utf8.count <= width {
            return utf8Contains(shown, 0x0A) ? shown.replacingOccurrences(of: "\n", with: " ") : shown
        }
        var shown = shown
        return shown.withUTF8 { bytes in
            let lower = utf8Offset(bytes, from: 0, advancedBy: from) ?? bytes.count
            let upper = utf8Offset(bytes, from: lower, advancedBy: width) ?? bytes.count
            var window = String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
            if utf8Contains(window, 0x0A) { window = window.replacingOccurrences(of: "\n", with: " ") }
            return (lower > 0 ? "…" : "") + window + (upper < bytes.count ? "…" : "")
        }
    }

    /// The whole text with its personal data masked (unless `reveal`): the
    /// ranges a detector found (`personal`) and the evidence labelled as
    /// personal data. What `check --format json` prints as `activityText`.
    public static func masked(
        _ text: String, evidence: [EvidenceSpan], reveal: Bool, personal: [Range<Int>]
    ) -> String {
        guard !reveal else { return text }
        // Nothing to mask (most findings): the text as it is.
        if personal.isEmpty && !evidence.contains(where: { Masker.isPersonal(label: $0.label) }) { return text }
        let masker = Masker(reveal: false, detector: Precomputed(ranges: personal))
        return Masker.apply(ranges: masker.ranges(in: text, evidence: evidence), to: text)
    }

    /// Ranges found beforehand, as a detector.
    public struct Precomputed: PersonalDataDetector {
        public let ranges: [Range<Int>]

        public init(ranges: [Range<Int>]) { self.ranges = ranges }

        public func spans(in text: String) -> [Range<Int>] { ranges }
    }

    /// A window of `text` around the evidence (or its start), cut at
    /// `context` scalars on each side, masked, split into evidence and the rest.
    static func pieces(
        of text: String, evidence: [EvidenceSpan], masks: [Range<Int>], context: Int = 80, maximum: Int = 320
    ) -> [ExcerptPiece] {
        let scalars = Array(text.unicodeScalars)
        let count = scalars.count
        let spans = evidence.map { max(0, min($0.start, count))..<max(0, min($0.end, count)) }.filter { !$0.isEmpty }
        var from: Int
        var to: Int
        if let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max() {
            from = max(0, first - context)
            to = min(count, max(last + context, from + 1))
            if to - from > maximum { to = min(count, max(first + maximum - context, spans.first!.upperBound)) }
        } else {
            from = 0
            to = min(count, maximum)
        }
        // Start and end on a word boundary when cutting inside the text.
        let firstEvidence = spans.map(\.lowerBound).min() ?? count
        let lastEvidence = spans.map(\.upperBound).max() ?? 0
        if from > 0 {
            let limit = min(from + 20, firstEvidence, count)
            var i = from
            while i < limit, !scalars[i].properties.isWhitespace { i += 1 }
            if i < limit { from = i + 1 }
        }
        if to < count {
            let limit = max(to - 20, lastEvidence, from)
            var i = to
            while i > limit, !scalars[i - 1].properties.isWhitespace { i -= 1 }
            if i > limit { to = i - 1 }
        }
        // Never cut a masked value in two.
        for range in masks {
            if range.contains(from) { from = range.lowerBound }
            if to > range.lowerBound && to < range.upperBound { to = range.upperBound }
        }
        var evidenceFlags = [Bool](repeating: false, count: count)
        for span in spans { for i in span { evidenceFlags[i] = true } }

        var pieces: [ExcerptPiece] = []
        func append(_ text: String, _ flag: Bool) {
            if let last = pieces.last, last.isEvidence == flag {
                pieces[pieces.count - 1].text += text
            } else {
                pieces.append(ExcerptPiece(text: text, isEvidence: flag))
            }
        }
        if from > 0 { append("…", false) }
        var i = from
        var maskIndex = 0
        while i < to {
            while maskIndex < masks.count, masks[maskIndex].upperBound <= i { maskIndex += 1 }
            if maskIndex < masks.count, masks[maskIndex].lowerBound == i {
                let range = masks[maskIndex]
                let value = String(String.UnicodeScalarView(scalars[range]))
                append(Masker.maskValue(value), range.contains { evidenceFlags[$0] })
                i = range.upperBound
                continue
            }
            let scalar = scalars[i]
            let c = scalar == "\n" || scalar == "\r" ? " " : String(scalar)
            append(c, evidenceFlags[i])
            i += 1
        }
        if to < count { append("…", false) }
        return pieces
    }
}
