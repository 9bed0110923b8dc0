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
    private static func literal(_ s: String) -> [UInt8] { Array(s.utf8) }
    private static let open = literal("{\n      \"activityText\" : ")
    private static let author = literal(",\n      \"author\" : ")
    private static let excerpt = literal(",\n      \"excerpt\" : ")
    private static let findingActivityID = literal(",\n      \"finding\" : {\n        \"activity\" : {\n          \"id\" : ")
    private static let sourceFile = literal(",\n          \"source\" : {\n            \"file\" : ")
    private static let sourceIndex = literal(",\n            \"index\" : ")
    private static let sourceLine = literal(",\n            \"line\" : ")
    private static let sourceClose = literal("\n          }")
    private static let activityClose = literal("\n        }")
    private static let actorID = literal(",\n        \"actorID\" : ")
    private static let advice = literal(",\n        \"advice\" : ")
    private static let evidence = literal(",\n        \"evidence\" : [")
    private static let spanOpenFirst = literal("\n          {\n            \"end\" : ")
    private static let spanOpenNext = literal(",\n          {\n            \"end\" : ")
    private static let spanLabel = literal(",\n            \"label\" : ")
    private static let spanStart = literal(",\n            \"start\" : ")
    private static let spanClose = literal("\n          }")
    private static let arrayClose = literal("\n        ]")
    private static let emptyArrayClose = literal("\n\n        ]")
    private static let fingerprint = literal(",\n        \"fingerprint\" : ")
    private static let mitigates = literal(",\n        \"mitigates\" : [")
    private static let mitigatedFirst = literal("\n          ")
    private static let mitigatedNext = literal(",\n          ")
    private static let ruleID = literal(",\n        \"ruleID\" : ")
    private static let severity = literal(",\n        \"severity\" : ")
    private static let isNewTrue = literal("\n      },\n      \"isNew\" : true,\n      \"kind\" : ")
    private static let isNewFalse = literal("\n      },\n      \"isNew\" : false,\n      \"kind\" : ")
    private static let platform = literal(",\n      \"platform\" : ")
    private static let time = literal(",\n      \"time\" : ")
    private static let timestamp = literal(",\n      \"timestamp\" : ")
    private static let close = literal("\n    }")

    static func write(_ v: SpillRecordView, isNew: Bool, into out: inout [UInt8]) {
        out.append(contentsOf: open)
        string(v.bytes(v.activityText), into: &out)
        out.append(contentsOf: author)
        string(v.bytes(v.author), into: &out)
        out.append(contentsOf: excerpt)
        string(v.bytes(v.excerpt), into: &out)
        out.append(contentsOf: findingActivityID)
        string(v.bytes(v.activityID), into: &out)
        if let file = v.sourceFile {
            out.append(contentsOf: sourceFile)
            string(v.bytes(file), into: &out)
            out.append(contentsOf: sourceIndex)
            int(v.sourceIndex, into: &out)
            if let line = v.sourceLine {
                out.append(contentsOf: sourceLine)
                int(line, into: &out)
            }
            out.append(contentsOf: sourceClose)
        }
        out.append(contentsOf: activityClose)
        if let a = v.actorID {
            out.append(contentsOf: actorID)
            string(v.bytes(a), into: &out)
        }
        if let a = v.advice {
            out.append(contentsOf: advice)
            string(v.bytes(a), into: &out)
        }
        out.append(contentsOf: evidence)
        var first = true
        v.forEachSpan { start, end, label in
            out.append(contentsOf: first ? spanOpenFirst : spanOpenNext)
            first = false
            int(end, into: &out)
            if let label {
                out.append(contentsOf: spanLabel)
                string(label, into: &out)
            }
            out.append(contentsOf: spanStart)
            int(start, into: &out)
            out.append(contentsOf: spanClose)
        }
        out.append(contentsOf: first ? emptyArrayClose : arrayClose)
        out.append(contentsOf: fingerprint)
        string(v.bytes(v.fingerprint), into: &out)
        out.append(contentsOf: mitigates)
        first = true
        v.forEachMitigated { m in
            out.append(contentsOf: first ? mitigatedFirst : mitigatedNext)
            first = false
            string(m, into: &out)
        }
        out.append(contentsOf: first ? emptyArrayClose : arrayClose)
        out.append(contentsOf: ruleID)
        string(v.bytes(v.ruleID), into: &out)
        out.append(contentsOf: severity)
        string(v.bytes(v.severity), into: &out)
        out.append(contentsOf: isNew ? isNewTrue : isNewFalse)
        string(v.bytes(v.kind), into: &out)
        out.append(contentsOf: platform)
        string(v.bytes(v.platform), into: &out)
        out.append(contentsOf: time)
        string(v.bytes(v.time), into: &out)
        out.append(contentsOf: timestamp)
        if v.timeIsTimestamp {
            string(v.bytes(v.time), into: &out)
        } else {
            var iso = v.timestamp.iso8601
            iso.withUTF8 { string(UnsafeRawBufferPointer($0), into: &out) }
        }
        out.append(contentsOf: close)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string as `PrettyJSONWriter.string` writes it.
    static func string(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.append(0x22)
        var plain = true
        for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: bytes)
        } else {
            for b in bytes {
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0..<0x20:
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                default: out.append(b)
                }
            }
        }
        out.append(0x22)
    }

    /// An integer in decimal.
    static func int(_ v: Int, into out: inout [UInt8]) {
        if v == 0 {
            out.append(0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
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
