import VigieModel

/// Writes a spilled finding as `check --format json` prints it, straight
/// from the spill's bytes (`SpillRecordView`): the same bytes as
/// `CheckedFinding.writeJSON` at level 2 (what `JSONEncoder` writes with
/// sorted keys, pretty-printed, slashes unescaped; tests compare them),
/// without decoding a string.
enum FindingJSON {
    // The layout of a finding nested two levels deep: members of the
    // finding's object at 6 spaces, of `finding` at 8, of `activity`,
    // each span and `mitigates` at 10, of `source` and the spans' members
    // at 12.
    // Static strings: no array to retain, no lazy global to check.
    private static var open: StaticString { "{\n      \"activityText\" : " }
    private static var author: StaticString { ",\n      \"author\" : " }
    private static var excerpt: StaticString { ",\n      \"excerpt\" : " }
    private static var findingActivityID: StaticString { ",\n      \"finding\" : {\n        \"activity\" : {\n          \"id\" : " }
    private static var sourceFile: StaticString { ",\n          \"source\" : {\n            \"file\" : " }
    private static var sourceIndex: StaticString { ",\n            \"index\" : " }
    private static var sourceLine: StaticString { ",\n            \"line\" : " }
    private static var sourceClose: StaticString { "\n          }" }
    private static var activityClose: StaticString { "\n        }" }
    private static var actorID: StaticString { ",\n        \"actorID\" : " }
    private static var advice: StaticString { ",\n        \"advice\" : " }
    private static var evidence: StaticString { ",\n        \"evidence\" : [" }
    private static var spanOpenFirst: StaticString { "\n          {\n            \"end\" : " }
    private static var spanOpenNext: StaticString { ",\n          {\n            \"end\" : " }
    private static var spanLabel: StaticString { ",\n            \"label\" : " }
    private static var spanStart: StaticString { ",\n            \"start\" : " }
    private static var spanClose: StaticString { "\n          }" }
    private static var arrayClose: StaticString { "\n        ]" }
    private static var emptyArrayClose: StaticString { "\n\n        ]" }
    private static var fingerprint: StaticString { ",\n        \"fingerprint\" : " }
    private static var mitigates: StaticString { ",\n        \"mitigates\" : [" }
    private static var mitigatedFirst: StaticString { "\n          " }
    private static var mitigatedNext: StaticString { ",\n          " }
    private static var ruleID: StaticString { ",\n        \"ruleID\" : " }
    private static var severity: StaticString { ",\n        \"severity\" : " }
    private static var isNewTrue: StaticString { "\n      },\n      \"isNew\" : true,\n      \"kind\" : " }
    private static var isNewFalse: StaticString { "\n      },\n      \"isNew\" : false,\n      \"kind\" : " }
    private static var note: StaticString { ",\n      \"note\" : " }
    private static var platform: StaticString { ",\n      \"platform\" : " }
    private static var time: StaticString { ",\n      \"time\" : " }
    private static var timestamp: StaticString { ",\n      \"timestamp\" : " }
    private static var close: StaticString { "\n    }" }

    static func write(_ v: SpillRecordView, isNew: Bool, into out: ByteSink) {
        out.append(open)
        string(v.bytes(v.activityText), into: out)
        out.append(author)
        string(v.bytes(v.author), into: out)
        out.append(excerpt)
        string(v.bytes(v.excerpt), into: out)
        out.append(findingActivityID)
        string(v.bytes(v.activityID), into: out)
        if let file = v.sourceFile {
            out.append(sourceFile)
            string(v.bytes(file), into: out)
            out.append(sourceIndex)
            int(v.sourceIndex, into: out)
            if let line = v.sourceLine {
                out.append(sourceLine)
                int(line, into: out)
            }
            out.append(sourceClose)
        }
        out.append(activityClose)
        if let a = v.actorID {
            out.append(actorID)
            string(v.bytes(a), into: out)
        }
        if let a = v.advice {
            out.append(advice)
            string(v.bytes(a), into: out)
        }
        out.append(evidence)
        var first = true
        v.forEachSpan { start, end, label in
            out.append(first ? spanOpenFirst : spanOpenNext)
            first = false
            int(end, into: out)
            if let label {
                out.append(spanLabel)
                string(label, into: out)
            }
            out.append(spanStart)
            int(start, into: out)
            out.append(spanClose)
        }
        out.append(first ? emptyArrayClose : arrayClose)
        out.append(fingerprint)
        string(v.bytes(v.fingerprint), into: out)
        out.append(mitigates)
        first = true
        v.forEachMitigated { m in
            out.append(first ? mitigatedFirst : mitigatedNext)
            first = false
            string(m, into: out)
        }
        out.append(first ? emptyArrayClose : arrayClose)
        out.append(ruleID)
        string(v.bytes(v.ruleID), into: out)
        out.append(severity)
        string(v.bytes(v.severity), into: out)
        out.append(isNew ? isNewTrue : isNewFalse)
        string(v.bytes(v.kind), into: out)
        if let n = v.note {
            out.append(note)
            string(v.bytes(n), into: out)
        }
        out.append(platform)
        string(v.bytes(v.platform), into: out)
        out.append(time)
        string(v.bytes(v.time), into: out)
        out.append(timestamp)
        if v.timeIsTimestamp {
            string(v.bytes(v.time), into: out)
        } else {
            var iso = v.timestamp.iso8601
            iso.withUTF8 { string(UnsafeRawBufferPointer($0), into: out) }
        }
        out.append(close)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether a string needs an escape: a byte under 0x20, `"` or `\`,
    /// looked for eight bytes at a time.
    @inline(__always)
    static func needsEscape(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let control = (w &- ones &* 0x20) & ~w & highs
            let q = w ^ (ones &* 0x22)
            let quote = (q &- ones) & ~q & highs
            let b = w ^ (ones &* 0x5C)
            let backslash = (b &- ones) & ~b & highs
            if control | quote | backslash != 0 { return true }
            i += 8
        }
        while i < n {
            let c = base.load(fromByteOffset: i, as: UInt8.self)
            if c < 0x20 || c == 0x22 || c == 0x5C { return true }
            i += 1
        }
        return false
    }

    /// A JSON string as `PrettyJSONWriter.string` writes it.
    static func string(_ bytes: UnsafeRawBufferPointer, into out: ByteSink) {
        if !needsEscape(bytes) {
            out.appendQuoted(bytes)
        } else {
            out.append(0x22)
            for b in bytes {
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append([0x5C, 0x5C])
                case 0x08: out.append([0x5C, 0x62])
                case 0x09: out.append([0x5C, 0x74])
                case 0x0A: out.append([0x5C, 0x6E])
                case 0x0C: out.append([0x5C, 0x66])
                case 0x0D: out.append([0x5C, 0x72])
                case 0..<0x20:
                    out.append([0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                default: out.append(b)
                }
            }
            out.append(0x22)
        }
    }

    /// An integer in decimal.
    static func int(_ v: Int, into out: ByteSink) {
        if v == 0 {
            out.append(0x30)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        var m = v.magnitude
        withUnsafeMutableBytes(of: &digits) { d in
            while m > 0 {
                d[n] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
                n += 1
            }
            if v < 0 { out.append(0x2D) }
            while n > 0 {
                n -= 1
                out.append(d[n])
            }
        }
    }
}
