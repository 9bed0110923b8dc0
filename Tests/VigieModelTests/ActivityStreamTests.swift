import Foundation
import Testing

@testable import VigieModel
@testable import VigieImport

@Suite struct ActivityStreamTests {
    func sample(_ i: Int, text: String = "Bonjour à tous !") -> Activity {
        Activity(
            id: "mastodon:\(i)", kind: .post, platform: .mastodon, author: Account(platform: .mastodon, handle: "a"),
            timestamp: Timestamp(secondsSince1970: 1_700_000_000 + Double(i), utcOffset: 3600), visibility: .unlisted,
            text: text, hashtags: ["ménage"], source: RecordSource(file: "outbox.json", index: i, line: i + 3))
    }

    @Test func writesThenReadsBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.path("out.jsonl")
        let writer = try ActivityStreamWriter(path: path)
        let written = (0..<200).map { sample($0, text: "Ligne \($0)\navec « guillemets » et \"quotes\"") }
        for activity in written { try writer.write(activity) }
        try writer.close()
        #expect(writer.count == 200)

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 200)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"schema\":\"vigie.activity/1\",") })

        var read: [Activity] = []
        for record in try ActivityStreamReader(path: path) {
            guard case .activity(let activity, _) = record else {
                Issue.record("unexpected issue: \(record)")
                continue
            }
            read.append(activity)
        }
        // The source written in each line (the original export) is kept.
        #expect(read == written)
    }

    @Test func sameActivityGivesTheSameLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        for name in ["a.jsonl", "b.jsonl"] {
            let writer = try ActivityStreamWriter(path: folder.path(name))
            try writer.write(sample(1))
            try writer.close()
        }
        #expect(FileManager.default.contents(atPath: folder.path("a.jsonl")) == FileManager.default.contents(atPath: folder.path("b.jsonl")))
    }

    @Test func badLinesAreReportedAndSkipped() throws {
        var activities: [(Activity, Int)] = []
        var issues: [ImportIssue] = []
        try ActivityStreamReader(path: fixture("jsonl/activities.jsonl"), displayName: "activities.jsonl").forEach { record in
            switch record {
            case .activity(let activity, let line): activities.append((activity, line))
            case .skipped(let issue): issues.append(issue)
            }
        }
        #expect(activities.map(\.1) == [1, 6, 8])
        #expect(activities.first?.0.source == RecordSource(file: "activities.jsonl", index: 0, line: 1))
        #expect(activities.last?.0.text == "Dernière ligne sans saut de ligne final")
        #expect(issues.map(\.line) == [2, 3, 4, 7])
        #expect(issues.map(\.reason) == [.invalidJSON, .missingField, .unsupportedSchema, .invalidUTF8])
        #expect(issues[1].description == "activities.jsonl:3: record 3: missing field \"author\"")
        // Issues never quote the text of the line.
        #expect(!issues.contains { $0.description.contains("Sans auteur") })
    }

    @Test func normalizedTextIsComputedWhenAbsent() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try folder.write("min.jsonl", """
            {"schema":"vigie.activity/1","id":"x:1","kind":"comment","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z","text":"𝗕𝗢𝗟𝗗 Été"}

            """)
        let records = Array(try ActivityStreamReader(path: path))
        guard case .activity(let activity, _) = records.first else {
            Issue.record("expected an activity")
            return
        }
        #expect(activity.normalizedText == "bold ete")
        #expect(activity.visibility == .unknown)
        #expect(activity.source.line == 1)
    }

    /// A 500 MB stream: one gigantic line between two good ones. It is read
    /// through the fixed buffer, the line is reported as too long, and the peak
    /// memory of the process does not grow by anything near the file's size.
    @Test func fiveHundredMegabyteStreamRunsInBoundedMemory() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.path("huge.jsonl")
        let good = #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z","text":"ok"}"#
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data((good + "\n").utf8))
        try handle.write(contentsOf: Data(#"{"schema":"vigie.activity/1","id":"x:2","text":""#.utf8))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<500 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(("\"}\n" + good.replacingOccurrences(of: "x:1", with: "x:3") + "\n").utf8))
        try handle.close()
        #expect(fileSize(at: path) > 500_000_000)

        let before = peakResidentBytes()
        let result = try runImport(path)
        let growth = peakResidentBytes() - before
        #expect(result.summary.recordsRead == 3)
        #expect(result.summary.imported == 2)
        #expect(result.summary.skippedByReason == ["line too long": 1])
        #expect(result.issues.first?.line == 2)
        #expect(result.summary.isBalanced)
        #expect(growth < 100_000_000, "peak memory grew by \(growth) bytes")
    }
}
