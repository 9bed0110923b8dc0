import Foundation
import Testing
import VigieModel

@testable import VigieCaseFile

/// A fresh folder per test, removed at the end.
struct TemporaryFolder: ~Copyable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var casePath: String { url.appendingPathComponent(".vigie/case.sqlite").path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

func finding(_ rule: String, _ activity: String, _ start: Int = 0, _ end: Int = 5, severity: Severity = .high) -> Finding {
    Finding(
        ruleID: rule, severity: severity, evidence: [EvidenceSpan(start: start, end: end, label: "phone")],
        actorID: "julie", activity: ActivityReference(id: activity, source: RecordSource(file: "export.zip!/posts.json", index: 3, line: 12)),
        advice: "Retirer le numéro.", mitigates: ["suivi-chez-clients"])
}

let start = RunStart(policyName: "entretien-menager", policyVersion: "1.0.0", inputs: ["exports/facebook.zip"])

@Suite struct CaseFileCreationTests {
    @Test func createsTheFileAndItsFolderOnFirstUse() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile.open(policyFolder: folder.url.path)
        #expect(FileManager.default.fileExists(atPath: folder.casePath))
        #expect(file.path == folder.casePath)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".vigie/.gitignore").path))
        #expect(try file.runs().isEmpty)
    }

    @Test func migratesAnEmptyFileAndReopensIt() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".vigie"), withIntermediateDirectories: true)
        // An empty file is a valid, empty SQLite database: the migrator fills it.
        _ = FileManager.default.createFile(atPath: folder.casePath, contents: Data())
        let first = try CaseFile(path: folder.casePath)
        let migrations = try first.appliedMigrations()
        #expect(migrations == ["v1 runs", "v1 findings and baseline", "v1 incidents", "v2 escalation, acceptances, erasures, run states", "v3 serve decision log"])
        let run = try first.beginRun(start)
        try first.finishRun(run, findings: [finding("r", "a1")], counts: RunCounts(activities: 1))

        let reopened = try CaseFile(path: folder.casePath)
        #expect(try reopened.appliedMigrations() == migrations)
        #expect(try reopened.runs().map(\.status) == [.complete])
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func refusesAFileWrittenByANewerVigie() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        try file.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')")
        }
        #expect {
            try CaseFile(path: folder.casePath)
        } throws: { error in
            (error as? CaseFileError)?.code == .tooNew
        }
    }

    @Test func errorsSayWhatToDo() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        #expect {
            try file.finishRun(RunID(42), findings: [], counts: RunCounts(activities: 0))
        } throws: { error in
            let error = error as? CaseFileError
            return error?.code == .unknownRun && error!.description.contains("list the runs")
        }
        #expect {
            try file.accept(fingerprint: "0123", reason: " ", by: "Julie")
        } throws: { error in (error as? CaseFileError)?.code == .missingReason }
        #expect {
            try file.accept(fingerprint: "0123", reason: "connu", by: "Julie")
        } throws: { error in (error as? CaseFileError)?.code == .unknownFingerprint }
    }
}

@Suite struct CaseFileRunTests {
    @Test func aRunKeepsItsPolicyInputsCountsAndStatus() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let id = try file.beginRun(start)
        #expect(try file.run(id)?.status == .running)
        let run = try file.finishRun(
            id, findings: [finding("r", "a1"), finding("r", "a1"), finding("r", "a2")],
            counts: RunCounts(activities: 10, skipped: 2))
        #expect(run.status == .complete)
        #expect(run.policyName == "entretien-menager")
        #expect(run.policyVersion == "1.0.0")
        #expect(run.inputs == ["exports/facebook.zip"])
        #expect(run.activityCount == 10)
        #expect(run.skippedCount == 2)
        #expect(run.findingCount == 2)  // the duplicate fingerprint is saved once
        #expect(run.newFindingCount == 2)
        #expect(run.finishedAt != nil)
        #expect {
            try file.finishRun(id, findings: [], counts: RunCounts(activities: 0))
        } throws: { error in (error as? CaseFileError)?.code == .runNotRunning }
    }

    @Test func findingsRoundTrip() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let id = try file.beginRun(start)
        let original = finding("pas-de-coordonnees", "facebook:1", 10, 24)
        try file.finishRun(id, findings: [original], counts: RunCounts(activities: 1))
        let stored = try file.findings(in: id)
        #expect(stored.map(\.finding) == [original])
        #expect(stored.first?.firstSeenRun == id)
        #expect(stored.first?.lastSeenRun == id)
    }

    @Test func newFindingsAgainstThePreviousRunAndTheBaseline() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let a = finding("r1", "post-1")
        let b = finding("r1", "post-2", severity: .medium)
        let c = finding("r2", "post-3", severity: .critical)
        let d = finding("r2", "post-4", severity: .low)

        let first = try file.beginRun(start)
        try file.finishRun(first, findings: [a, b, c], counts: RunCounts(activities: 4))
        #expect(Set(try file.newFindings(in: first).map(\.fingerprint)) == [a.fingerprint, b.fingerprint, c.fingerprint])

        try file.accept(fingerprint: c.fingerprint, reason: "Publication autorisée par le client", by: "Julie Horn")
        #expect(try file.acceptedFindings().map(\.fingerprint) == [c.fingerprint])

        let second = try file.beginRun(start)
        let run = try file.finishRun(second, findings: [a, c, d], counts: RunCounts(activities: 5))
        #expect(try file.newFindings(in: second).map(\.fingerprint) == [d.fingerprint])
        #expect(run.newFindingCount == 1)

        let comparison = try file.compare(second)
        #expect(comparison.baseline == first)
        #expect(comparison.added.map(\.fingerprint) == [d.fingerprint])
        #expect(comparison.unchanged.map(\.fingerprint) == [a.fingerprint])
        #expect(comparison.removed.map(\.fingerprint) == [b.fingerprint])
        #expect(comparison.accepted.map(\.fingerprint) == [c.fingerprint])
        #expect(comparison.accepted.first?.acceptance?.reason == "Publication autorisée par le client")

        let stored = try file.findings(in: second)
        #expect(stored.map(\.finding.severity) == [.critical, .high, .low])  // most severe first
        let storedA = try #require(stored.first { $0.fingerprint == a.fingerprint })
        #expect(storedA.firstSeenRun == first)
        #expect(storedA.lastSeenRun == second)

        #expect(try file.revokeAcceptance(fingerprint: c.fingerprint))
        #expect(try file.compare(second, baseline: first).unchanged.count == 2)
    }

    @Test func anAbandonedRunIsIgnored() throws {
        let folder = try TemporaryFolder()
        let a = finding("r1", "post-1")
        let b = finding("r1", "post-2")
        do {
            let file = try CaseFile(path: folder.casePath)
            let first = try file.beginRun(start)
            try file.finishRun(first, findings: [a], counts: RunCounts(activities: 1))
            // A run that dies half-way through writing its findings: the
            // transaction is rolled back, the run stays `running`.
            let crashed = try file.beginRun(start)
            #expect(throws: CaseFileError.self) {
                try file.finishRun(
                    crashed, findings: [b, finding("r1", "post-3"), finding("r1", "post-4")], incidents: [],
                    counts: RunCounts(activities: 3), finishedAt: Date(), failAfter: 2)
            }
            // A run whose process disappears without a word.
            _ = try file.beginRun(start)
        }
        // The next process opens the file and finds it consistent.
        let file = try CaseFile(path: folder.casePath)
        #expect(try file.integrityCheck() == ["ok"])
        let runs = try file.runs()
        #expect(runs.map(\.status) == [.complete, .running, .running])
        #expect(try file.findings(in: runs[1].id).isEmpty)
        #expect(try file.latestCompleteRun()?.id == runs[0].id)

        let next = try file.beginRun(start)
        try file.finishRun(next, findings: [a, b], counts: RunCounts(activities: 2))
        #expect(try file.newFindings(in: next).map(\.fingerprint) == [b.fingerprint])
        #expect(try file.compare(next).baseline == runs[0].id)

        let interrupted = try file.markInterruptedRuns(startedBefore: Date().addingTimeInterval(1))
        #expect(interrupted == [runs[1].id, runs[2].id])
        #expect(try file.run(runs[1].id)?.status == .incomplete)
        #expect(try file.run(next)?.status == .complete)

        let mistaken = try file.beginRun(start)
        try file.abandonRun(mistaken, reason: "wrong export")
        #expect(try file.run(mistaken)?.statusReason == "wrong export")
    }
}

@Suite struct CaseFileIncidentTests {
    let plan = ReactionPlan(
        id: "client-mecontent", on: "negative-comment-by-client",
        steps: [
            ReactionStep(id: "dialogue", advice: "Contacter le client en privé, calmement."),
            ReactionStep(id: "avertissement", condition: "menace-ou-intimidation"),
            ReactionStep(id: "exclusion", condition: "recidive-apres-avertissement", recordReasons: true),
        ])

    @Test func anIncidentEscalatedAcrossTwoRunsKeepsItsDecisionsAndReasons() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let f1 = finding("commentaire-negatif", "facebook:c1")
        let t0 = Timestamp(secondsSince1970: 1_700_000_000.123456, utcOffset: 3600)

        var incident = Incident(id: "inc-1", kind: plan.on, actorID: "client-42", openedBy: [f1.fingerprint])
        incident.record(Decision(action: .opened, step: "dialogue", reason: "Commentaire négatif sur la page", at: t0, by: "vigie"))
        let first = try file.beginRun(start)
        try file.finishRun(first, findings: [f1], incidents: [incident], counts: RunCounts(activities: 1))

        // Between runs the consultant notes the talk.
        try file.record(
            Decision(action: .note, reason: "Appel au client : il maintient ses propos", at: Timestamp(secondsSince1970: 1_700_100_000), by: "Julie Horn"),
            incident: "inc-1")

        // The next month: threats. The engine reloads the incident and escalates.
        let f2 = finding("intimidation", "facebook:c2")
        var reloaded = try #require(try file.incident("inc-1"))
        #expect(reloaded.history.count == 2)
        reloaded.openedBy.append(f2.fingerprint)
        reloaded.record(Decision(
            action: .escalated, step: "avertissement", reason: "Menaces dans un second commentaire",
            at: Timestamp(secondsSince1970: 1_702_000_000), by: "vigie"))
        let second = try file.beginRun(start)
        try file.finishRun(second, findings: [f1, f2], incidents: [reloaded], counts: RunCounts(activities: 2))
        // Saving the same incident again adds nothing.
        let third = try file.beginRun(start)
        try file.finishRun(third, findings: [f1, f2], incidents: [reloaded], counts: RunCounts(activities: 2))

        try file.record(
            Decision(action: .escalated, step: "exclusion", reason: "Récidive après l'avertissement du 8 décembre ; propos menaçants", at: Timestamp(secondsSince1970: 1_702_500_000), by: "Julie Horn"),
            incident: "inc-1")

        let reopened = try CaseFile(path: folder.casePath)
        let stored = try #require(try reopened.incident("inc-1"))
        #expect(stored.currentStep == "exclusion")
        #expect(stored.status == .open)
        #expect(stored.openedBy == [f1.fingerprint, f2.fingerprint])
        #expect(stored.history.map(\.action) == [.opened, .note, .escalated, .escalated])
        #expect(stored.history.map(\.step) == ["dialogue", nil, "avertissement", "exclusion"])
        #expect(stored.history[3].reason == "Récidive après l'avertissement du 8 décembre ; propos menaçants")
        #expect(stored.history[3].by == "Julie Horn")
        #expect(stored.history[0].at == t0)  // the instant and its offset, exactly
        #expect(plan.step(after: stored.currentStep) == nil)
        #expect(try reopened.incidents(status: .open).map(\.id) == ["inc-1"])
        #expect(try reopened.incidents(status: .closed).isEmpty)

        #expect {
            try reopened.record(Decision(action: .note, reason: "x", at: t0), incident: "nope")
        } throws: { error in (error as? CaseFileError)?.code == .unknownIncident }
    }
}

@Suite struct CaseFileConcurrencyTests {
    /// Two pools on the same file, as two `vigie check` processes would have,
    /// each writing runs at the same time.
    @Test func twoConcurrentWritersDoNotCorruptTheFile() async throws {
        let folder = try TemporaryFolder()
        let path = folder.casePath
        _ = try CaseFile(path: path)
        let runsPerWriter = 15
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let file = try CaseFile(path: path, busyTimeout: 60)
                    for index in 0..<runsPerWriter {
                        let id = try file.beginRun(
                            RunStart(policyName: "p\(writer)", policyVersion: "1", inputs: ["w\(writer)-\(index)"]))
                        let findings = (0..<40).map { finding("rule-\(writer)", "post-\($0 % 25)", $0, $0 + 3) }
                        try file.finishRun(id, findings: findings, counts: RunCounts(activities: 40))
                    }
                }
            }
            try await group.waitForAll()
        }
        let file = try CaseFile(path: path)
        #expect(try file.integrityCheck() == ["ok"])
        let runs = try file.runs()
        #expect(runs.count == 2 * runsPerWriter)
        #expect(runs.allSatisfy { $0.status == .complete && $0.findingCount == 40 })
        for writer in 0..<2 {
            let mine = runs.filter { $0.policyName == "p\(writer)" }
            #expect(mine.count == runsPerWriter)
            // Each writer's first run saw its 40 findings as new; later ones none.
            #expect(mine.compactMap(\.newFindingCount) == [40] + Array(repeating: 0, count: runsPerWriter - 1))
        }
    }

    /// A writer that finds the file locked waits up to its busy timeout, then
    /// fails with an error that says what to do.
    @Test func aLockedFileMakesWritersWaitThenFailClearly() throws {
        let folder = try TemporaryFolder()
        let path = folder.casePath
        let holder = try CaseFile(path: path)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? holder.pool.write { _ in
                locked.signal()
                Thread.sleep(forTimeInterval: 0.6)
            }
            released.signal()
        }
        locked.wait()
        let impatient = try CaseFile(path: path, busyTimeout: 0.05)
        #expect {
            try impatient.beginRun(start)
        } throws: { error in
            let error = error as? CaseFileError
            return error?.code == .busy && error!.message.contains("busy timeout")
        }
        let patient = try CaseFile(path: path, busyTimeout: 10)
        let run = try patient.beginRun(start)  // waits for the holder to commit
        released.wait()
        #expect(try patient.run(run)?.status == .running)
    }
}

