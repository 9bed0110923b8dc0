import Foundation
import Testing
import VigieModel

@testable import VigieCaseFile

/// Runs recorded from a stream of findings, and comparisons as counts: what
/// `vigie check` uses so that its memory does not grow with the findings.
@Suite struct StreamingRunTests {
    /// The findings of a run with a duplicate (same fingerprint twice).
    func findings(_ activities: [String]) -> [Finding] {
        activities.map { finding("phone", $0) } + [finding("phone", activities[0])]
    }

    @Test func aStreamedRunSavesWhatTheArrayFormSaves() throws {
        let a = try TemporaryFolder()
        let b = try TemporaryFolder()
        let fileA = try CaseFile(path: a.casePath)
        let fileB = try CaseFile(path: b.casePath)
        let list = findings(["a1", "a2", "a3"])
        let runA = try fileA.beginRun(start)
        let recordA = try fileA.finishRun(runA, findings: list, counts: RunCounts(activities: 3))
        let runB = try fileB.beginRun(start)
        var handed = 0
        let recordB = try fileB.finishRun(runB, counts: RunCounts(activities: 3)) { add in
            for f in list {
                handed += 1
                try add(f)
            }
        }
        #expect(handed == 4)
        #expect(recordB.findingCount == 3)
        #expect(recordB.newFindingCount == 3)
        #expect(recordA.findingCount == recordB.findingCount)
        #expect(recordA.newFindingCount == recordB.newFindingCount)
        #expect(recordB.status == .complete)
        #expect(try fileA.findings(in: runA) == fileB.findings(in: runB))
    }

    @Test func aStreamThatFailsLeavesTheRunRunningAndNothingSaved() throws {
        struct Broken: Error {}
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let run = try file.beginRun(start)
        #expect(throws: Broken.self) {
            try file.finishRun(run, counts: RunCounts(activities: 2)) { add in
                try add(finding("phone", "a1"))
                throw Broken()
            }
        }
        #expect(try file.run(run)?.status == .running)
        let count = try file.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runFinding") }
        #expect(count == 0)
    }

    @Test func countsAndAddedFingerprintsAgreeWithTheFullComparison() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let first = try file.beginRun(start)
        try file.finishRun(first, findings: findings(["a1", "a2", "a3", "a4"]), counts: RunCounts(activities: 4))

        // The first run has no baseline: everything not accepted is added.
        let alone = try file.compareCounts(first)
        #expect(alone.baseline == nil)
        #expect(alone.added == 4 && alone.unchanged == 0 && alone.removed == 0 && alone.accepted == 0)

        let second = try file.beginRun(start)
        let now = findings(["a2", "a3", "b1", "b2", "b3"])
        try file.finishRun(second, findings: now, counts: RunCounts(activities: 5))
        try file.accept(fingerprint: finding("phone", "a3").fingerprint, reason: "known", by: "Claire")
        try file.accept(fingerprint: finding("phone", "b2").fingerprint, reason: "known", by: "Claire")

        let full = try file.compare(second)
        let counts = try file.compareCounts(second)
        #expect(counts.baseline == first)
        #expect(counts.added == full.added.count)
        #expect(counts.unchanged == full.unchanged.count)
        #expect(counts.removed == full.removed.count)
        #expect(counts.accepted == full.accepted.count)
        // b1, b3 added; a2 unchanged; a1, a4 gone; a3, b2 accepted.
        #expect([counts.added, counts.unchanged, counts.removed, counts.accepted] as [Int] == [2, 1, 2, 2])

        let added = try file.addedFingerprints(among: now.map(\.fingerprint), baseline: counts.baseline)
        #expect(added == Set(full.added.map(\.fingerprint)))
        #expect(try file.addedFingerprints(among: [], baseline: counts.baseline).isEmpty)
        // Without a baseline, only the accepted ones are not added.
        let noBaseline = try file.addedFingerprints(among: now.map(\.fingerprint), baseline: nil)
        #expect(noBaseline == Set(now.map(\.fingerprint)).subtracting([finding("phone", "a3").fingerprint, finding("phone", "b2").fingerprint]))
    }
}
