import VigieModel

/// The spill's record format: a record is its byte length (UInt32, little
/// endian) then its fields in a fixed order; strings are a length and their
/// UTF-8 bytes, optionals a presence byte first. Written and read only by
/// the same run, so it needs no version. (JSON lines cost more than the
/// check itself for a policy that flags often.)
struct SpillBytes {
    var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ v: Double) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func string(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func int(_ v: Int?) {
        bool(v != nil)
        if let v { int(v) }
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
}

extension FindingSpill.Record {
    /// Appends the record, its length first.
    func encode(into out: inout [UInt8]) {
        var b = SpillBytes()
        b.int(n)
        b.string(finding.ruleID)
        b.string(finding.severity.rawValue)
        b.int(finding.evidence.count)
        for e in finding.evidence {
            b.int(e.start)
            b.int(e.end)
            b.string(e.label)
        }
        b.string(finding.actorID)
        b.string(finding.activity.id)
        b.bool(finding.activity.source != nil)
        if let s = finding.activity.source {
            b.string(s.file)
            b.int(s.index)
            b.int(s.line)
        }
        b.string(finding.advice)
        b.int(finding.mitigates.count)
        for m in finding.mitigates { b.string(m) }
        b.string(finding.fingerprint)
        for s in [line.platform, line.kind, line.author, line.time, line.excerpt, line.activityText] { b.string(s) }
        b.double(line.timestamp.secondsSince1970)
        b.int(line.timestamp.utcOffset)
        b.string(line.actorKey)
        b.int(line.ordinal)
        b.string(line.note)
        withUnsafeBytes(of: UInt32(b.bytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: b.bytes)
    }

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
        let line = CheckedFinding(
            finding: finding, isNew: true, platform: try c.string(), kind: try c.string(), author: try c.string(),
            time: try c.string(), excerpt: try c.string(), activityText: try c.string(),
            timestamp: Timestamp(secondsSince1970: try c.double(), utcOffset: try c.int()),
            actorKey: try c.string(), ordinal: try c.int(), note: try c.optionalString())
        self.init(n: n, line: line)
        guard c.at == raw.count else { throw SpillCursor.Truncated() }
    }
}
