import VigieModel

/// The spill's record format: a record is its byte length (UInt32, little
/// endian) then its fields in a fixed order; integers are 8 bytes, strings
/// a length and their UTF-8 bytes, optionals a presence byte first. Written
/// and read only by the same run, so it needs no version. (JSON lines cost
/// more than the check itself for a policy that flags often.)
///
/// The fields, in order: rank; rule id; severity; evidence (count, then
/// start, end, label? each); actor id?; activity id; source? (file, index,
/// line?); advice?; mitigates (count, then each); fingerprint; platform;
/// kind; author; time; excerpt; activity text; timestamp (seconds as a
/// double, UTC offset); actor key; ordinal; whether `time` is the
/// timestamp's ISO 8601 text (as the recorder writes it); note?.
enum SpillBytes {
    @inline(__always)
    static func int(_ v: Int, into out: ByteSink) { out.int64(Int64(v)) }

    @inline(__always)
    static func double(_ v: Double, into out: ByteSink) { out.int64(Int64(bitPattern: v.bitPattern)) }

    @inline(__always)
    static func bool(_ v: Bool, into out: ByteSink) { out.append(v ? 1 : 0) }

    @inline(__always)
    static func string(_ s: String, into out: ByteSink) {
        if s.utf8.withContiguousStorageIfAvailable({ out.appendCounted(UnsafeRawBufferPointer($0)) }) != nil { return }
        var s = s
        s.withUTF8 { out.appendCounted(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    static func string(_ s: String?, into out: ByteSink) {
        bool(s != nil, into: out)
        if let s { string(s, into: out) }
    }

    @inline(__always)
    static func int(_ v: Int?, into out: ByteSink) {
        bool(v != nil, into: out)
        if let v { int(v, into: out) }
    }

    /// Appends one record, its length first.
    static func record(
        n: Int, finding: Finding, platform: String, kind: String, author: String, time: String, excerpt: String,
        activityText: String, timestamp: Timestamp, actorKey: String, ordinal: Int, timeIsTimestamp: Bool,
        note: String? = nil, into out: ByteSink
    ) {
        let lengthAt = out.count
        out.reserve(4)
        for _ in 0..<4 { out.append(0) }
        int(n, into: out)
        string(finding.ruleID, into: out)
        string(finding.severity.rawValue, into: out)
        int(finding.evidence.count, into: out)
        for e in finding.evidence {
            int(e.start, into: out)
            int(e.end, into: out)
            string(e.label, into: out)
        }
        string(finding.actorID, into: out)
        string(finding.activity.id, into: out)
        bool(finding.activity.source != nil, into: out)
        if let s = finding.activity.source {
            string(s.file, into: out)
            int(s.index, into: out)
            int(s.line, into: out)
        }
        string(finding.advice, into: out)
        int(finding.mitigates.count, into: out)
        for m in finding.mitigates { string(m, into: out) }
        string(finding.fingerprint, into: out)
        string(platform, into: out)
        string(kind, into: out)
        string(author, into: out)
        string(time, into: out)
        string(excerpt, into: out)
        string(activityText, into: out)
        double(timestamp.secondsSince1970, into: out)
        int(timestamp.utcOffset, into: out)
        string(actorKey, into: out)
        int(ordinal, into: out)
        bool(timeIsTimestamp, into: out)
        string(note, into: out)
        out.patchU32(at: lengthAt, UInt32(out.count - lengthAt - 4))
    }
}

/// Reads what `SpillBytes` wrote; throws on a record cut short.
struct SpillCursor {
    struct Truncated: Error {}

    let raw: UnsafeRawBufferPointer
    var at = 0

    mutating func take(_ n: Int) throws(Truncated) -> UnsafeRawBufferPointer {
        guard n >= 0, at + n <= raw.count else { throw Truncated() }
        defer { at += n }
        return UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)])
    }

    mutating func int() throws(Truncated) -> Int {
        Int(Int64(littleEndian: try take(8).loadUnaligned(as: Int64.self)))
    }

    mutating func double() throws(Truncated) -> Double {
        Double(bitPattern: UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self)))
    }

    mutating func bool() throws(Truncated) -> Bool { try take(1)[0] != 0 }

    mutating func string() throws(Truncated) -> String {
        String(decoding: try take(try int()), as: UTF8.self)
    }

    mutating func optionalString() throws(Truncated) -> String? {
        try bool() ? try string() : nil
    }

    mutating func optionalInt() throws(Truncated) -> Int? {
        try bool() ? try int() : nil
    }

    /// Where the next string's bytes are, skipping them.
    mutating func stringRange() throws(Truncated) -> Range<Int> {
        let n = try int()
        let start = at
        _ = try take(n)
        return start..<(start + n)
    }

    mutating func optionalStringRange() throws(Truncated) -> Range<Int>? {
        try bool() ? try stringRange() : nil
    }
}

extension FindingSpill.Record {
    /// Reads one record's fields (without its length).
    init(decoding raw: UnsafeRawBufferPointer) throws(SpillCursor.Truncated) {
        var c = SpillCursor(raw: raw)
        let n = try c.int()
        let ruleID = try c.string()
        guard let severity = Severity(rawValue: try c.string()) else { throw SpillCursor.Truncated() }
        var evidence: [EvidenceSpan] = []
        for _ in 0..<max(0, try c.int()) {
            evidence.append(EvidenceSpan(start: try c.int(), end: try c.int(), label: try c.optionalString()))
        }
        let actorID = try c.optionalString()
        let activityID = try c.string()
        var source: RecordSource?
        if try c.bool() { source = RecordSource(file: try c.string(), index: try c.int(), line: try c.optionalInt()) }
        let advice = try c.optionalString()
        var mitigates: [String] = []
        for _ in 0..<max(0, try c.int()) { mitigates.append(try c.string()) }
        let fingerprint = try c.string()
        var finding = Finding(
            ruleID: ruleID, severity: severity, evidence: [], actorID: actorID,
            activity: ActivityReference(id: activityID, source: source), advice: advice, mitigates: mitigates)
        // As found: the spans as they were (the initialiser would reorder a
        // backwards one) and the fingerprint computed then.
        finding.evidence = evidence
        finding.fingerprint = fingerprint
        var line = CheckedFinding(
            finding: finding, isNew: true, platform: try c.string(), kind: try c.string(), author: try c.string(),
            time: try c.string(), excerpt: try c.string(), activityText: try c.string(),
            timestamp: Timestamp(secondsSince1970: try c.double(), utcOffset: try c.int()),
            actorKey: try c.string(), ordinal: try c.int())
        _ = try c.bool()
        line.note = try c.optionalString()
        self.init(n: n, line: line)
        guard c.at == raw.count else { throw SpillCursor.Truncated() }
    }
}

/// A spilled record read in place, its fields located but not decoded:
/// valid only while its bytes are (inside the closure that gets it). The
/// JSON output is written from its bytes (`FindingJSON`), and the
/// escalation reads its event, without decoding the texts.
struct SpillRecordView {
    let raw: UnsafeRawBufferPointer
    let n: Int
    let ruleID: Range<Int>
    let severity: Range<Int>
    /// The severity those bytes name (checked when the view is made).
    let severityValue: Severity
    /// Where the evidence spans start, and how many there are.
    let evidenceAt: Int
    let evidenceCount: Int
    let actorID: Range<Int>?
    let activityID: Range<Int>
    let sourceFile: Range<Int>?
    let sourceIndex: Int
    let sourceLine: Int?
    let advice: Range<Int>?
    let mitigatesAt: Int
    let mitigatesCount: Int
    let fingerprint: Range<Int>
    let platform: Range<Int>
    let kind: Range<Int>
    let author: Range<Int>
    let time: Range<Int>
    let excerpt: Range<Int>
    let activityText: Range<Int>
    let timestamp: Timestamp
    let actorKey: Range<Int>
    let ordinal: Int
    let timeIsTimestamp: Bool
    /// What the rule said of the finding (masked like the rest), if anything.
    let note: Range<Int>?

    init(_ raw: UnsafeRawBufferPointer) throws(SpillCursor.Truncated) {
        self.raw = raw
        var c = SpillCursor(raw: raw)
        n = try c.int()
        ruleID = try c.stringRange()
        severity = try c.stringRange()
        evidenceCount = max(0, try c.int())
        evidenceAt = c.at
        for _ in 0..<evidenceCount {
            _ = try c.int()
            _ = try c.int()
            _ = try c.optionalStringRange()
        }
        actorID = try c.optionalStringRange()
        activityID = try c.stringRange()
        if try c.bool() {
            sourceFile = try c.stringRange()
            sourceIndex = try c.int()
            sourceLine = try c.optionalInt()
        } else {
            sourceFile = nil
            sourceIndex = 0
            sourceLine = nil
        }
        advice = try c.optionalStringRange()
        mitigatesCount = max(0, try c.int())
        mitigatesAt = c.at
        for _ in 0..<mitigatesCount { _ = try c.stringRange() }
        fingerprint = try c.stringRange()
        platform = try c.stringRange()
        kind = try c.stringRange()
        author = try c.stringRange()
        time = try c.stringRange()
        excerpt = try c.stringRange()
        activityText = try c.stringRange()
        timestamp = Timestamp(secondsSince1970: try c.double(), utcOffset: try c.int())
        actorKey = try c.stringRange()
        ordinal = try c.int()
        timeIsTimestamp = try c.bool()
        note = try c.optionalStringRange()
        guard c.at == raw.count, let value = Self.severity(UnsafeRawBufferPointer(rebasing: raw[severity])) else {
            throw SpillCursor.Truncated()
        }
        severityValue = value
    }

    /// The severity named by `bytes`, read without making a string (the
    /// JSON output reads one per finding).
    static func severity(_ bytes: UnsafeRawBufferPointer) -> Severity? {
        for s in Severity.allCases {
            var name = s.rawValue
            let same = name.withUTF8 { $0.count == bytes.count && $0.elementsEqual(bytes) }
            if same { return s }
        }
        return nil
    }

    func bytes(_ r: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw[r]) }

    func string(_ r: Range<Int>) -> String { String(decoding: bytes(r), as: UTF8.self) }

    /// The evidence spans, in order: start, end and the label's bytes.
    func forEachSpan(_ body: (Int, Int, UnsafeRawBufferPointer?) -> Void) {
        var c = SpillCursor(raw: raw, at: evidenceAt)
        do {
            for _ in 0..<evidenceCount {
                let s = try c.int()
                let e = try c.int()
                let label = try c.optionalStringRange()
                body(s, e, label.map { bytes($0) })
            }
        } catch {
            return  // checked when the view was made
        }
    }

    /// The threats the rule mitigates, as bytes.
    func forEachMitigated(_ body: (UnsafeRawBufferPointer) -> Void) {
        var c = SpillCursor(raw: raw, at: mitigatesAt)
        do {
            for _ in 0..<mitigatesCount { body(bytes(try c.stringRange())) }
        } catch {
            return  // checked when the view was made
        }
    }

    /// The finding as the escalation sees it.
    var event: FindingEvent { event(ruleIDs: nil) }

    /// The same, its rule id taken from `ruleIDs` when it is there (a run
    /// holds all its events at once: one string per rule, not per finding).
    func event(ruleIDs: SpillStrings?) -> FindingEvent {
        FindingEvent(
            fingerprint: string(fingerprint), ruleID: ruleIDs?.string(bytes(ruleID)) ?? string(ruleID),
            severity: severityValue, activityID: string(activityID), at: timestamp,
            actorKey: string(actorKey), actorID: actorID.map(string), ordinal: ordinal)
    }
}

/// Strings seen before, found again by their bytes (the few rule ids of a
/// run's findings).
final class SpillStrings {
    private var known: [(bytes: [UInt8], string: String)] = []

    func string(_ raw: UnsafeRawBufferPointer) -> String {
        for k in known where k.bytes.count == raw.count && k.bytes.elementsEqual(raw) { return k.string }
        let s = String(decoding: raw, as: UTF8.self)
        if known.count < 256 { known.append((Array(raw), s)) }
        return s
    }
}
