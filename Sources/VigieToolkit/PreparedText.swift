import Foundation
import VigieModel

/// A text prepared once for every detector and lexicon that reads it: the
/// normalisation with its offset map, the scalars the detectors scan and the
/// folded input of the lexicons are each computed on first use and then
/// shared. A policy's rules run several detectors over the same
/// `post.text`; with one `PreparedText` per activity the text is normalised
/// once instead of once per detector.
///
/// Results are the same as the `String` entry points give. Not thread-safe
/// (one per activity, on the thread that checks it).
public final class PreparedText {
    public let text: String
    private var normalizedStorage: NormalizedText?
    private var originalStorage: [Unicode.Scalar]?
    private var scalarStorage: [UInt32]?
    private var scanStorage: ScanText?
    private var lexiconStorage: LexiconInput?
    /// What the detectors found in this text, by detector (and reference).
    private var detected: [String: [TextMatch]] = [:]
    /// How many times a detector really scanned this text (the rest came
    /// from `detected`).
    public private(set) var scans = 0

    public init(_ text: String) { self.text = text }

    /// The matches of the detector named `key` (with its reference, for
    /// dates), found once per text: two rules that run the same detector
    /// on a post share one scan.
    public func detections(_ key: String, _ detect: (PreparedText) -> [TextMatch]) -> [TextMatch] {
        if let found = detected[key] { return found }
        scans += 1
        let found = detect(self)
        detected[key] = found
        return found
    }

    /// The normalised text and its map back to `text`.
    public var normalized: NormalizedText {
        if let n = normalizedStorage { return n }
        let n = TextNormalizer.standard.normalize(text)
        normalizedStorage = n
        return n
    }

    var original: [Unicode.Scalar] {
        if let o = originalStorage { return o }
        let o = ScalarDecoding.scalars(of: text)
        originalStorage = o
        return o
    }

    /// The scalar values of the normalised text, read by both the detectors
    /// and the lexicons.
    var normalizedScalars: [UInt32] {
        if let s = scalarStorage { return s }
        let s = ScalarDecoding.values(of: normalized.text)
        scalarStorage = s
        return s
    }

    var scan: ScanText {
        if let s = scanStorage { return s }
        let s = ScanText(normalized: normalized, scalars: normalizedScalars, original: original)
        scanStorage = s
        return s
    }

    var lexiconInput: LexiconInput {
        if let l = lexiconStorage { return l }
        let l = LexiconInput(normalized: normalized, normalizedScalars: normalizedScalars, original: original)
        lexiconStorage = l
        return l
    }
}

extension Detectors {
    /// The same as `phones(in:)` on `text.text`, sharing its preparation.
    public static func phones(in text: PreparedText) -> [TextMatch] { phones(text.scan) }
    public static func emails(in text: PreparedText) -> [TextMatch] { emails(text.scan) }
    public static func postalCodes(in text: PreparedText) -> [TextMatch] { postalCodes(text.scan) }
    public static func streetAddresses(in text: PreparedText) -> [TextMatch] { streetAddresses(text.scan) }
    public static func ibans(in text: PreparedText) -> [TextMatch] { ibans(text.scan) }
    public static func nirs(in text: PreparedText) -> [TextMatch] { nirs(text.scan) }
    public static func sins(in text: PreparedText) -> [TextMatch] { sins(text.scan) }
    public static func all(in text: PreparedText) -> [TextMatch] { all(text.scan) }
    public static func links(in text: PreparedText) -> [TextMatch] { links(text.scan) }
    public static func domains(in text: PreparedText) -> [TextMatch] { domains(text.scan) }
    public static func dates(in text: PreparedText, reference: Date? = nil, timeZone: TimeZone = .current) -> [TextMatch] {
        dates(text.scan, reference: reference, timeZone: timeZone)
    }
    public static func absences(in text: PreparedText, reference: Date? = nil, timeZone: TimeZone = .current)
        -> [TextMatch]
    {
        absences(text.scan, reference: reference.map { CivilDate($0, timeZone: timeZone) })
    }
}

extension Lexicon {
    /// The same as `matches(in:)` on `text.text`, sharing its preparation.
    public func matches(in text: PreparedText) -> [TextMatch] { matches(text.lexiconInput) }

    /// The same as `contains(in:)` on `text.text`, sharing its preparation.
    public func contains(in text: PreparedText) -> Bool { contains(text.lexiconInput) }
}
