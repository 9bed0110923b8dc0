import Foundation
import Testing
import VigieModel
import VigieReport
@testable import VigieRun

/// `check --format json` writes each finding straight from the spill's
/// bytes (`FindingJSON`): the same bytes as `CheckedFinding.writeJSON`
/// (itself compared with `JSONEncoder`), for findings with and without
/// each optional member, empty and full lists, and texts that need escapes.
@Suite("Findings written from the spill's bytes")
struct FindingJSONTests {
    @Test func theBytesAreTheWritersForEveryShapeOfFinding() throws {
        let spill = try FindingSpill()
        defer { spill.remove() }
        var written: [CheckedFinding] = []
        var random = SplitMix64(seed: 11)
        let texts = [
            "Appelez-moi au 06 12 34 56 78 😅", "guillemets \"droits\" et \\ barre", "", "tab\tret\rline\nfeed\u{08}\u{0C}",
            "contrôle \u{01}\u{1F} fin", "𝗕𝗼𝗹𝗱 — « guillemets » / barre oblique",
        ]
        for i in 0..<600 {
            let severity = Severity.allCases[Int(random.next() % UInt64(Severity.allCases.count))]
            let spans = Int(random.next() % 4)
            var finding = Finding(
                ruleID: "règle-\(i % 9)", severity: severity,
                evidence: (0..<spans).map { k in
                    EvidenceSpan(start: k * 3 + i % 5, end: k * 3 + i % 5 + 2, label: k % 2 == 0 ? (i % 3 == 0 ? "ph\"one" : "phone") : nil)
                },
                actorID: i % 4 == 0 ? nil : "personne-\(i % 7)",
                activity: ActivityReference(
                    id: "a\(i)\(i % 11 == 0 ? "\n" : "")",
                    source: i % 5 == 0 ? nil : RecordSource(file: "f \(i % 3).jsonl", index: i - 300, line: i % 2 == 0 ? i + 1 : nil)),
                advice: i % 6 == 0 ? nil : "Conseil \(texts[i % texts.count])", mitigates: Array(["t1", "t\"2", "t3"].prefix(i % 4)))
            finding.fingerprint = "fp\(i)"
            let text = texts[i % texts.count]
            let timestamp = Timestamp(secondsSince1970: 1_770_000_000 + Double(i) * 60.5, utcOffset: (i % 3 - 1) * 3600)
            // The recorder writes `time` as the timestamp's ISO 8601 text; others may not.
            let recorded = i % 2 == 0
            let line = CheckedFinding(
                finding: finding, isNew: i % 3 != 0, platform: "mastodon", kind: i % 2 == 0 ? "post" : "comment",
                author: "auteur \(text)", time: recorded ? timestamp.iso8601 : "2026-03-0\(1 + i % 9)T10:00:00Z",
                excerpt: "« \(text) »", activityText: text, timestamp: timestamp)
            written.append(line)
            try spill.append(
                line.finding, platform: line.platform, kind: line.kind, author: line.author, time: line.time,
                timeIsTimestamp: recorded, excerpt: line.excerpt, activityText: line.activityText,
                timestamp: line.timestamp, actorKey: "clé", ordinal: i % 3)
        }
        var index = 0
        var mismatches = 0
        try spill.forEachView { view in
            let expected = written[index]
            var writer = PrettyJSONWriter(level: 2)
            expected.writeJSON(into: &writer)
            let sink = ByteSink()
            FindingJSON.write(view, isNew: expected.isNew, into: sink)
            let bytes = Array(sink.bytes)
            if bytes != writer.bytes {
                mismatches += 1
                if mismatches == 1 {
                    Issue.record("finding \(index):\n\(String(decoding: bytes, as: UTF8.self))\n---\n\(String(decoding: writer.bytes, as: UTF8.self))")
                }
            }
            #expect(view.event == expected.event.with(actorKey: "clé", ordinal: index % 3))
            index += 1
        }
        #expect(index == written.count)
        #expect(mismatches == 0)
    }

    /// The eight-bytes-at-a-time search for bytes to escape finds each
    /// one wherever it is, and nothing in text that has none.
    @Test func theEscapeSearchFindsEveryByteToEscape() {
        let plain = Array("Bonjour à toi, « cher » ami ! 😅 ~ é".utf8)
        #expect(plain.withUnsafeBytes { !FindingJSON.needsEscape($0) })
        for special: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x22, 0x5C] {
            for at in 0..<plain.count {
                var bytes = plain
                bytes[at] = special
                #expect(bytes.withUnsafeBytes { FindingJSON.needsEscape($0) }, "byte \(special) at \(at)")
            }
        }
        for b in UInt8(0x20)...0xFF where b != 0x22 && b != 0x5C {
            let bytes = [UInt8](repeating: b, count: 19)
            #expect(bytes.withUnsafeBytes { !FindingJSON.needsEscape($0) }, "byte \(b)")
        }
    }

    @Test func integersAreWrittenInDecimal() {
        for v in [0, 7, -7, 10, 99, 1_000_000, Int.max, Int.min + 1, -120] {
            let out = ByteSink()
            FindingJSON.int(v, into: out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(v))
        }
    }
}

extension FindingEvent {
    func with(actorKey: String, ordinal: Int) -> FindingEvent {
        FindingEvent(
            fingerprint: fingerprint, ruleID: ruleID, severity: severity, activityID: activityID, at: at,
            actorKey: actorKey, actorID: actorID, ordinal: ordinal)
    }
}
