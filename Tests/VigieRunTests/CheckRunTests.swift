import Foundation
import Testing
import VigieEngine
import VigieModel
@testable import VigieRun

/// The run as a library, in process: what `vigie check` and `vigie report`
/// do, without the command line. Serialized: the runs' temporary folders
/// are registered process-wide, and two tests assert that none is left.
@Suite("Check run", .serialized)
struct CheckRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path

    /// A private copy of the Nordelia policy (its case file is written
    /// inside it) and a JSONL stream of generated activities.
    final class Workspace {
        let folder: URL
        let policy: String
        let stream: String

        init(activities: Int, seed: UInt64 = 7, shuffled: Bool = false) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let policyURL = folder.appendingPathComponent("nordelia")
            try FileManager.default.copyItem(at: root.appendingPathComponent("Policies/nordelia"), to: policyURL)
            try? FileManager.default.removeItem(at: policyURL.appendingPathComponent(".vigie"))
            policy = policyURL.path
            stream = folder.appendingPathComponent("activities.jsonl").path
            var options = CorpusGenerator.Options(count: activities)
            options.seed = seed
            options.violationRate = 0.25
            options.people = 30
            var list = CorpusGenerator(options: options).map(\.activity)
            if shuffled {
                var random = SplitMix64(seed: seed)
                list.shuffle(using: &random)
            }
            let writer = try ActivityStreamWriter(path: stream)
            for activity in list { try writer.write(activity) }
            try writer.close()
        }

        func engine() throws -> PolicyEngine {
            try PolicyEngine(policyDirectory: policy, pluginPaths: [CheckRunTests.plugins])
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func spillGivesBackEveryFindingAsWrittenPerSeverityAndInOrder() throws {
        let spill = try FindingSpill()
        defer { spill.remove() }
        var written: [CheckedFinding] = []
        var random = SplitMix64(seed: 3)
        let texts = ["Appelez-moi au 06 12 34 56 78 😅", "𝗕𝗼𝗹𝗱 — « guillemets » et accents éàç", "", "plain\nline"]
        for i in 0..<700 {
            let severity = Severity.allCases[Int(random.next() % UInt64(Severity.allCases.count))]
            var finding = Finding(
                ruleID: "rule-\(i % 9)", severity: severity,
                evidence: i % 3 == 0 ? [] : [EvidenceSpan(start: i % 5, end: i % 5 + 4, label: i % 2 == 0 ? "phone" : nil)],
                actorID: i % 4 == 0 ? nil : "person-\(i % 7)",
                activity: ActivityReference(
                    id: "a\(i)", source: i % 5 == 0 ? nil : RecordSource(file: "f.jsonl", index: i, line: i % 2 == 0 ? i + 1 : nil)),
                advice: i % 6 == 0 ? nil : "Conseil \(i)", mitigates: Array(["t1", "t2", "t3"].prefix(i % 4)))
            finding.fingerprint = "fp\(i)"
            let text = texts[i % texts.count]
            written.append(CheckedFinding(
                finding: finding, isNew: true, platform: "mastodon", kind: "post", author: "auteur \(i)",
                time: "2026-03-0\(1 + i % 9)T10:00:00Z", excerpt: "« \(text) »", activityText: text,
                timestamp: Timestamp(secondsSince1970: 1_770_000_000 + Double(i) * 60.5, utcOffset: (i % 3 - 1) * 3600)))
            try spill.append(written.last!)
        }
        #expect(spill.total == written.count)
        var all: [CheckedFinding] = []
        try spill.forEach { all.append($0.line) }
        #expect(all == written)
        for severity in Severity.allCases {
            var some: [CheckedFinding] = []
            try spill.forEach(severity) { some.append($0.line) }
            #expect(some == written.filter { $0.finding.severity == severity })
            #expect(spill.counts[severity, default: 0] == some.count)
        }
        let folder = spill.folder.path
        #expect(RunsInProgress.shared.currentFolders.contains(folder))
        spill.remove()
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(!RunsInProgress.shared.currentFolders.contains(folder))
    }

    @Test func twoWorkersGiveWhatOneGives() throws {
        let workspace = try Workspace(activities: 1200)
        func check(workers: Int) throws -> (findings: [CheckedFinding], decisions: [ReactionOutcome], activities: Int) {
            let run = CheckRun(engine: try workspace.engine(), policyFolder: workspace.policy)
            defer { run.close() }
            try run.run(CheckRequest(inputs: [workspace.stream], caseFile: false, workers: workers))
            return (try run.allFindings(), run.decisions, run.activities)
        }
        let one = try check(workers: 1)
        let two = try check(workers: 2)
        #expect(one.activities == 1200)
        #expect(!one.findings.isEmpty)
        #expect(two.activities == one.activities)
        #expect(two.findings == one.findings)
        #expect(two.decisions == one.decisions)
    }

    @Test func replayChecksInTimeOrderAndReactsAfterEachActivity() throws {
        let workspace = try Workspace(activities: 400, seed: 9, shuffled: true)
        let run = CheckRun(engine: try workspace.engine(), policyFolder: workspace.policy)
        defer { run.close() }
        try run.run(CheckRequest(inputs: [workspace.stream], replay: true, caseFile: false))
        let findings = try run.allFindings()
        #expect(!findings.isEmpty)
        #expect(zip(findings, findings.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })

        // The same, by hand: the activities sorted, each checked, then the reactions.
        let engine = try workspace.engine()
        var activities: [Activity] = []
        for record in try ActivityStreamReader(path: workspace.stream) {
            if case .activity(let activity, _) = record { activities.append(activity) }
        }
        activities.sort { $0.timestamp < $1.timestamp }
        var events: [FindingEvent] = []
        var expected: [String] = []
        for activity in activities {
            let check = engine.check(activity)
            expected += check.findings.map(\.fingerprint)
            events += engine.events(of: activity, check)
        }
        #expect(findings.map(\.finding.fingerprint) == expected)
        let escalation = Escalation.replay(engine: engine, events: events, until: activities.last?.timestamp)
        #expect(!run.decisions.isEmpty)
        #expect(run.decisions == escalation.outcomes)
    }

    @Test func aSecondRunOnTheSameExportFindsNothingNew() throws {
        let workspace = try Workspace(activities: 300)
        let first = CheckRun(engine: try workspace.engine(), policyFolder: workspace.policy)
        try first.run(CheckRequest(inputs: [workspace.stream]))
        let firstFindings = try first.allFindings()
        #expect(first.runID != nil)
        #expect(!first.hasBaseline)
        #expect(!firstFindings.isEmpty)
        #expect(firstFindings.allSatisfy { $0.isNew })
        first.close()

        let second = CheckRun(engine: try workspace.engine(), policyFolder: workspace.policy)
        defer { second.close() }
        try second.run(CheckRequest(inputs: [workspace.stream]))
        let secondFindings = try second.allFindings()
        #expect(second.hasBaseline)
        #expect(second.comparison?.baseline == first.runID)
        #expect(second.comparison?.removed == 0)
        #expect(secondFindings.map(\.finding) == firstFindings.map(\.finding))
        #expect(secondFindings.allSatisfy { !$0.isNew })
    }

    @Test func aMissingInputIsATypedErrorAndLeavesNoTemporaryFolder() throws {
        let workspace = try Workspace(activities: 10)
        let run = CheckRun(engine: try workspace.engine(), policyFolder: workspace.policy)
        let before = RunsInProgress.shared.currentFolders
        #expect(throws: RunError.self) {
            try run.run(CheckRequest(inputs: [workspace.folder.appendingPathComponent("absent.jsonl").path]))
        }
        do {
            try run.run(CheckRequest(inputs: ["/nonexistent/export.zip"], caseFile: false))
            Issue.record("a missing input must fail the run")
        } catch {
            #expect(error.code == .missingInput)
            #expect(error.message.contains("/nonexistent/export.zip"))
        }
        #expect(RunsInProgress.shared.currentFolders == before)
    }

    @Test func theReportDocumentHoldsTheRunsFindingsAndIncidents() throws {
        let workspace = try Workspace(activities: 300)
        let run = CheckRun(engine: try workspace.engine(), policyFolder: workspace.policy)
        defer { run.close() }
        try run.run(CheckRequest(inputs: [workspace.stream], reveal: true, caseFile: false))
        let document = try run.reportDocument(inputs: [workspace.stream])
        #expect(document.findings.count == run.findingCount)
        #expect(document.run?.activities == 300)
        #expect(!run.incidents.isEmpty)
        #expect(document.incidents.map(\.incident.id) == run.incidents.map(\.id))
        #expect(document.policy.name == "nordelia")
    }
}
