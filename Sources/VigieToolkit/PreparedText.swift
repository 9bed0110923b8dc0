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
    /// The scalars of `text`, decoded when a match or a linguistic
    /// analysis needs them.
    private lazy var originalScalars = OriginalScalars(text)
    private var scalarStorage: [UInt32]?
    private var scanStorage: ScanText?
    private var lexiconStorage: LexiconInput?
    /// What the detectors of `Detector` found in this text, a slot each.
    /// Behind a `let` pointer: a `var` property would cost a dynamic
    /// exclusivity check per access, more than the lookup itself, on calls
    /// made for every activity.
    private let found: UnsafeMutablePointer<[TextMatch]?>
    /// What the dated detectors found in this text, by detector and reference.
    private var detected: [String: [TextMatch]] = [:]
    /// How many times a detector really scanned this text (the rest came
    /// from what it found before).
    public private(set) var scans = 0
    /// The detectors (with their reference, for dates) that scanned this
    /// text, each once.
    public var detectorsRun: [String] {
        (detected.keys + Detector.allCases.filter { found[$0.rawValue] != nil }.map(\.name))
            .sorted()
    }

    /// The detectors whose matches a prepared text keeps.
    enum Detector: Int, CaseIterable {
        case phones, emails, postalCodes, streetAddresses, ibans, nirs, sins, all, links, domains

        static let count = allCases.count

        var name: String {
            switch self {
            case .phones: "phones"
            case .emails: "emails"
            case .postalCodes: "postal-codes"
            case .streetAddresses: "street-addresses"
            case .ibans: "ibans"
            case .nirs: "nirs"
            case .sins: "sins"
            case .all: "all"
            case .links: "links"
            case .domains: "domains"
            }
        }
    }

    /// The matches of `detector`, found once per text: two rules that run
    /// the same detector on a post, and the masking of its findings, share
    /// one scan.
    func detections(_ detector: Detector, _ detect: (ScanText) -> [TextMatch]) -> [TextMatch] {
        if let matches = found[detector.rawValue] { return matches }
        scans += 1
        let matches = detect(scan)
        found[detector.rawValue] = matches
        return matches
    }

    /// The UTF-8 length of `text`.
    private let utf8Count: Int

    public init(_ text: String) {
        self.text = text
        utf8Count = text.utf8.count
        found = .allocate(capacity: Detector.count)
        found.initialize(repeating: nil, count: Detector.count)
    }

    deinit {
        // Slot by slot, the empty ones left as they are (a nil array holds
        // nothing): `deinitialize(count:)` goes through the generic
        // runtime, slower than the few slots a text fills.
        for k in 0..<Detector.count where found[k] != nil { (found + k).deinitialize(count: 1) }
        found.deallocate()
    }

    /// Whether `text` is exactly these UTF-8 bytes.
    public func hasBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == utf8Count else { return false }
        if utf8Count == 0 { return true }
        if let same = text.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, bytes.baseAddress!, utf8Count) == 0 }) {
            return same
        }
        return text.utf8.elementsEqual(bytes)
    }

    /// Whether `other` has the same UTF-8 bytes as `text` (no Unicode
    /// comparison: canonically equivalent texts with other bytes differ).
    public func hasSameBytes(_ other: String) -> Bool {
        guard other.utf8.count == utf8Count else { return false }
        if let same = other.utf8.withContiguousStorageIfAvailable({ hasBytes(UnsafeRawBufferPointer($0)) }) { return same }
        return text.utf8.elementsEqual(other.utf8)
    }

    /// The matches of the detector named `key` (with its reference, for
    /// dates), found once per text: two rules that run the same detector
    /// on a post share one scan. (Names are the caller's: the detectors of
    /// `Detector` keep theirs apart.)
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

    var original: [Unicode.Scalar] { originalScalars.scalars }

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
        let s = ScanText(normalized: normalized, scalars: normalizedScalars, original: originalScalars)
        scanStorage = s
        return s
    }

    var lexiconInput: LexiconInput {
        if let l = lexiconStorage { return l }
        let l = LexiconInput(normalized: normalized, normalizedScalars: normalizedScalars, original: originalScalars)
        lexiconStorage = l
        return l
    }
}

extension Detectors {
    /// The same as `phones(in:)` on `text.text`, sharing its preparation;
    /// found once per text (as every detector here): the rules that look
    /// for phones in a post, and the masking of its findings, share one scan.
    public static func phones(in text: PreparedText) -> [TextMatch] { text.detections(.phones) { phones($0) } }
    public static func emails(in text: PreparedText) -> [TextMatch] { text.detections(.emails) { emails($0) } }
    public static func postalCodes(in text: PreparedText) -> [TextMatch] {
        text.detections(.postalCodes) { postalCodes($0) }
    }
    public static func streetAddresses(in text: PreparedText) -> [TextMatch] {
        text.detections(.streetAddresses) { streetAddresses($0) }
    }
    public static func ibans(in text: PreparedText) -> [TextMatch] { text.detections(.ibans) { ibans($0) } }
    public static func nirs(in text: PreparedText) -> [TextMatch] { text.detections(.nirs) { nirs($0) } }
    public static func sins(in text: PreparedText) -> [TextMatch] { text.detections(.sins) { sins($0) } }
    /// Every personal-data detector, reusing the matches of those that ran
    /// on this text before.
    public static func all(in text: PreparedText) -> [TextMatch] {
        text.detections(.all) { scan in
            all(scan, nirs: nirs(in: text), sins: sins(in: text), emails: emails(in: text), phones: phones(in: text),
                streetAddresses: streetAddresses(in: text), postalCodes: postalCodes(in: text))
        }
    }
    public static func links(in text: PreparedText) -> [TextMatch] { text.detections(.links) { links($0) } }
    public static func domains(in text: PreparedText) -> [TextMatch] { text.detections(.domains) { domains($0) } }
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
