import CaseFileTestSupport
import Foundation
import Testing
import VigieModel

@testable import VigieCaseFile

/// The case file's behaviour, run against both back ends (SQLite always,
/// PostgreSQL when the test server is there): everything recorded the same
/// way, the same questions answered the same way.
@Suite struct SharedRunTests {
    @Test(arguments: TestBackend.available)
    func aRunKeepsItsPolicyInputsCountsAndStatus(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
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
        #expect {
            try file.finishRun(RunID(42), findings: [], counts: RunCounts(activities: 0))
        } throws: { error in
            let error = error as? CaseFileError
            return error?.code == .unknownRun && error!.description.contains("list the runs")
        }
    }

    @Test(arguments: TestBackend.available)
    func findingsRoundTrip(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let id = try file.beginRun(start)
        var original = finding("pas-de-coordonnees", "facebook:1", 10, 24)
        original.advice = nil
        let other = Finding(
            ruleID: "r2", severity: .low, evidence: [], actorID: nil, activity: ActivityReference(id: "x:2", source: nil),
            advice: "« Guillemets » et accents : é, ç", mitigates: [])
        try file.finishRun(id, findings: [original, other], counts: RunCounts(activities: 2))
        let stored = try file.findings(in: id)
        #expect(stored.map(\.finding) == [original, other])
        #expect(stored.first?.firstSeenRun == id)
        #expect(stored.first?.lastSeenRun == id)
    }

    @Test(arguments: TestBackend.available)
    func newFindingsAgainstThePreviousRunAndTheBaseline(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
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
        #expect(try !file.revokeAcceptance(fingerprint: c.fingerprint))
        #expect(try file.compare(second, baseline: first).unchanged.count == 2)
        #expect(try file.latestCompleteRun()?.id == second)
        #expect(try file.latestCompleteRun(before: second)?.id == first)
    }

    @Test(arguments: TestBackend.available)
    func anAbandonedRunIsIgnored(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let a = finding("r1", "post-1")
        let b = finding("r1", "post-2")
        do {
            let file = try place.open()
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
            file.close()
        }
        // The next process opens the file and finds it consistent.
        let file = try place.open()
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
        #expect(try file.run(mistaken)?.status == .incomplete)
        #expect {
            try file.abandonRun(mistaken, reason: "again")
        } throws: { error in (error as? CaseFileError)?.code == .runNotRunning }

        let stopped = try file.beginRun(start)
        #expect(try file.interruptRun(stopped, reason: "interrupted by SIGINT"))
        #expect(try !file.interruptRun(stopped, reason: "twice"))
        #expect(try file.run(stopped)?.status == .interrupted)
        // A run of this process, still running, is not abandoned; its process is.
        let mine = try file.beginRun(start)
        #expect(try file.markAbandonedRuns() == [mine])
        #expect(try file.run(mine)?.status == .abandoned)
    }

    @Test(arguments: TestBackend.available)
    func aStreamThatFailsLeavesTheRunRunningAndNothingSaved(_ backend: TestBackend) throws {
        struct Broken: Error {}
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let run = try file.beginRun(start)
        #expect(throws: Broken.self) {
            try file.finishRun(run, counts: RunCounts(activities: 2)) { add in
                try add(finding("phone", "a1"))
                throw Broken()
            }
        }
        #expect(try file.run(run)?.status == .running)
        #expect(try file.findings(in: run).isEmpty)
        #expect(try file.findingEvents().isEmpty)
    }

    @Test(arguments: TestBackend.available)
    func aStreamedRunSavesWhatTheArrayFormSaves(_ backend: TestBackend) throws {
        let a = try TestCaseLocation(backend)
        let b = try TestCaseLocation(backend)
        let fileA = try a.open()
        let fileB = try b.open()
        let list = ["a1", "a2", "a3"].map { finding("phone", $0) } + [finding("phone", "a1")]
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

    @Test(arguments: TestBackend.available)
    func countsAndAddedFingerprintsAgreeWithTheFullComparison(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        func findings(_ activities: [String]) -> [Finding] {
            activities.map { finding("phone", $0) } + [finding("phone", activities[0])]
        }
        let first = try file.beginRun(start)
        try file.finishRun(first, findings: findings(["a1", "a2", "a3", "a4"]), counts: RunCounts(activities: 4))
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
        #expect([counts.added, counts.unchanged, counts.removed, counts.accepted] as [Int] == [2, 1, 2, 2])
        #expect(counts.added == full.added.count && counts.unchanged == full.unchanged.count)
        #expect(counts.removed == full.removed.count && counts.accepted == full.accepted.count)

        let added = try file.addedFingerprints(among: now.map(\.fingerprint), baseline: counts.baseline)
        #expect(added == Set(full.added.map(\.fingerprint)))
        #expect(try file.addedFingerprints(among: [], baseline: counts.baseline).isEmpty)
        let noBaseline = try file.addedFingerprints(among: now.map(\.fingerprint), baseline: nil)
        #expect(noBaseline == Set(now.map(\.fingerprint)).subtracting([finding("phone", "a3").fingerprint, finding("phone", "b2").fingerprint]))
    }
}

@Suite struct SharedAcceptanceTests {
    @Test(arguments: TestBackend.available)
    func acceptancesNeedAReasonExpireAndMergeLaterOnesFirst(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let a = finding("r", "p1")
        let b = finding("r", "p2")
        let run = try file.beginRun(start)
        try file.finishRun(run, findings: [a, b], counts: RunCounts(activities: 2))
        #expect { try file.accept(fingerprint: a.fingerprint, reason: " ", by: "Julie") } throws: { error in
            (error as? CaseFileError)?.code == .missingReason
        }
        #expect { try file.accept(fingerprint: "0123", reason: "connu", by: "Julie") } throws: { error in
            (error as? CaseFileError)?.code == .unknownFingerprint
        }
        let then = Date(timeIntervalSince1970: 1_780_000_000.1234)
        // Expired: listed, but no longer in force.
        try file.accept(fingerprint: a.fingerprint, reason: "  connu  ", by: "Julie", at: then, expires: Date().addingTimeInterval(-60))
        try file.accept(fingerprint: b.fingerprint, reason: "connu", by: "Julie", at: then, expires: Date().addingTimeInterval(86_400))
        #expect(try file.compareCounts(run).accepted == 1)
        #expect(try file.addedFingerprints(among: [a.fingerprint, b.fingerprint], baseline: nil) == [a.fingerprint])
        let listed = try file.acceptedFindings()
        #expect(listed.map(\.fingerprint).sorted() == [a.fingerprint, b.fingerprint].sorted())
        #expect(listed.first { $0.fingerprint == a.fingerprint }?.reason == "connu")
        #expect(listed.allSatisfy { abs($0.acceptedAt.timeIntervalSince(then)) < 0.001 })

        // A team's shared file: the later acceptance wins; unknown fingerprints are taken.
        let taken = try file.merge(acceptances: [
            AcceptedFinding(fingerprint: a.fingerprint, reason: "older", acceptedBy: "Marc", acceptedAt: then.addingTimeInterval(-10)),
            AcceptedFinding(fingerprint: b.fingerprint, reason: "newer", acceptedBy: "Marc", acceptedAt: then.addingTimeInterval(10)),
            AcceptedFinding(fingerprint: "not-seen-yet", reason: "shared", acceptedBy: "Marc", acceptedAt: then),
        ])
        #expect(taken == 2)
        let merged = try file.acceptedFindings()
        #expect(merged.first { $0.fingerprint == a.fingerprint }?.reason == "connu")
        #expect(merged.first { $0.fingerprint == b.fingerprint }?.reason == "newer")
        #expect(merged.contains { $0.fingerprint == "not-seen-yet" })
    }
}

@Suite struct SharedIncidentTests {
    let plan = ReactionPlan(
        id: "client-mecontent", on: "negative-comment-by-client",
        steps: [
            ReactionStep(id: "dialogue", advice: "Contacter le client en privé, calmement."),
            ReactionStep(id: "avertissement", condition: "menace-ou-intimidation"),
            ReactionStep(id: "exclusion", condition: "recidive-apres-avertissement", recordReasons: true),
        ])

    @Test(arguments: TestBackend.available)
    func anIncidentEscalatedAcrossTwoRunsKeepsItsDecisionsAndReasons(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let f1 = finding("commentaire-negatif", "facebook:c1")
        let t0 = Timestamp(secondsSince1970: 1_700_000_000.123456, utcOffset: 3600)

        var incident = Incident(id: "inc-1", kind: plan.on, actorID: "client-42", openedBy: [f1.fingerprint])
        incident.record(Decision(action: .opened, step: "dialogue", reason: "Commentaire négatif sur la page", at: t0, by: "vigie"))
        let first = try file.beginRun(start)
        try file.finishRun(first, findings: [f1], incidents: [incident], counts: RunCounts(activities: 1))

        try file.record(
            Decision(action: .note, reason: "Appel au client : il maintient ses propos", at: Timestamp(secondsSince1970: 1_700_100_000), by: "Julie Horn"),
            incident: "inc-1")

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
        file.close()

        let reopened = try place.open()
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

    /// The escalation's decisions are keyed: the same findings again, or
    /// split into several runs, record nothing twice; a consultant's
    /// decision is replayed by every later escalation; what is no longer
    /// derived is superseded.
    @Test(arguments: TestBackend.available)
    func keyedDecisionsAreRecordedOnceAndManualOnesKept(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let julie = (1...3).map { finding("r", "j\($0)", actor: "julie") }
        let marc = (1...2).map { finding("r", "m\($0)", actor: "marc") }

        let first = try file.beginRun(start)
        let one = try finish(file, first, Array(julie.prefix(2)) + [marc[0]])
        #expect(one.decisions.compactMap(\.decision.key).sorted() == ["auto:inc-julie:opened", "auto:inc-marc:opened"])
        #expect(one.run.incidentCount == 2)

        // The same findings again and one more: only the new step is recorded.
        let second = try file.beginRun(start)
        let two = try finish(file, second, julie + [marc[0]])
        #expect(two.decisions.map(\.decision.key) == ["auto:inc-julie:\(julie[2].fingerprint)"])
        #expect(try file.findingEvents().count == 4)

        let manual = try file.recordManual(
            Decision(action: .held, step: "step-1", reason: "En attente de son appel", at: Timestamp(secondsSince1970: 1_700_900_000), by: "Claire"),
            incident: "inc-julie")
        #expect(manual.incident.history.last?.key?.hasPrefix("manual:") == true)
        #expect(try file.manualIncidents().map(\.id) == ["inc-julie"])
        #expect(try file.manualIncidents().first?.incident.history.count == 1)

        // `vigie react` between runs: nothing new to derive, nothing recorded.
        #expect(try file.escalate(by: toyEscalation).isEmpty)
        let horizon = try #require(try file.escalationHorizon())
        #expect(horizon == event(julie[2], at: 1_700_000_000 + 2 * 3600).at)

        // An earlier finding about Marc arrives: his derived history changes,
        // the decision no longer derived is superseded, not deleted.
        let early = finding("r", "m0", actor: "marc")
        let third = try file.beginRun(start)
        let three = try finish(file, third, [early, marc[1]], times: [1_600_000_000, 1_700_500_000])
        #expect(Set(three.decisions.compactMap(\.decision.key)) == ["auto:inc-marc:\(marc[1].fingerprint)"])
        let stored = try file.storedIncidents()
        #expect(stored.map(\.id) == ["inc-julie", "inc-marc"])
        let marcIncident = try #require(stored.first { $0.id == "inc-marc" })
        #expect(marcIncident.incident.openedBy.contains(early.fingerprint))
        #expect(marcIncident.actorKey == "marc")
        let julieIncident = try #require(stored.first { $0.id == "inc-julie" })
        #expect(julieIncident.incident.history.map(\.action) == [.opened, .escalated, .held])

        // An escalation that derives no incident for Marc: his incident leaves the case.
        _ = try file.escalate { basis in
            var result = toyEscalation(basis)
            result.incidents.removeAll { $0.id == "inc-marc" }
            return result
        }
        #expect(try file.storedIncidents().map(\.id) == ["inc-julie"])
        #expect(try file.storedIncidents(status: .closed).isEmpty)

        // Decisions carried over from an older file are kept once.
        var carried = Incident(id: "inc-old", kind: "toy", actorID: "paul", openedBy: [])
        carried.record(Decision(action: .opened, step: "step-0", reason: "carried over", at: Timestamp(secondsSince1970: 1_500_000_000), key: "imported:inc-old:0"))
        let old = StoredIncident(incident: carried, actorKey: "paul", openedAt: carried.history[0].at)
        try file.importIncidents([old])
        try file.importIncidents([old])
        #expect(try file.incident("inc-old")?.history.count == 1)
    }

    /// Two writers at once on one case file (two consultants' runs): every
    /// run is kept, none is lost or doubled, and the incidents move once.
    @Test(arguments: TestBackend.available)
    func twoConcurrentWritersLoseAndDoubleNothing(_ backend: TestBackend) async throws {
        let place = try TestCaseLocation(backend)
        _ = try place.open()
        let runsPerWriter = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let file = try place.open(busyTimeout: 60)
                    defer { file.close() }
                    for index in 0..<runsPerWriter {
                        let id = try file.beginRun(
                            RunStart(policyName: "p\(writer)", policyVersion: "1", inputs: ["w\(writer)-\(index)"]))
                        // Both writers see the same people; each run adds findings.
                        let findings = (0..<20).map { finding("rule-\(writer)", "post-\(writer)-\(index)-\($0)", actor: "person-\($0 % 4)") }
                        try finish(file, id, findings, times: (0..<20).map { 1_700_000_000 + Double(writer * 1000 + index * 20 + $0) })
                    }
                }
            }
            try await group.waitForAll()
        }
        let file = try place.open()
        #expect(try file.integrityCheck() == ["ok"])
        let runs = try file.runs()
        #expect(runs.count == 2 * runsPerWriter)
        #expect(runs.allSatisfy { $0.status == .complete && $0.findingCount == 20 && $0.newFindingCount == 20 })
        #expect(try file.findingEvents().count == 2 * runsPerWriter * 20)
        // The incidents are those of one escalation of every event, whatever the interleaving.
        let expected = toyEscalation(EscalationBasis(events: try file.findingEvents(), manual: [], horizon: nil))
        let stored = try file.storedIncidents()
        #expect(stored.map(\.id) == expected.incidents.map(\.id))
        for (s, e) in zip(stored, expected.incidents) {
            // In the order they were recorded (the runs interleave), each once.
            let keys = s.incident.history.compactMap(\.key)
            #expect(Set(keys).count == keys.count)
            #expect(Set(keys) == Set(e.incident.history.compactMap(\.key)))
        }
    }
}

@Suite struct SharedErasureAndServeLogTests {
    @Test(arguments: TestBackend.available)
    func erasureRemovesThePersonFromEveryTableInOneGo(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let julie = (1...3).map { finding("r", "j\($0)", actor: "julie") }
        let marc = (1...2).map { finding("r", "m\($0)", actor: "marc") }
        let run = try file.beginRun(start)
        try finish(file, run, julie + marc)
        try file.accept(fingerprint: julie[0].fingerprint, reason: "connu", by: "Claire")
        try file.recordManual(Decision(action: .note, reason: "appel", at: Timestamp(secondsSince1970: 1_700_000_100), by: "Claire"), incident: "inc-julie")
        try file.recordServeDecisions([
            ServeDecisionRecord(decidedAt: Date(), policyName: "p", policyVersion: "1", decision: "warn", rules: ["r"], person: "julie", draftHash: "aa"),
            ServeDecisionRecord(decidedAt: Date(), policyName: "p", policyVersion: "1", decision: "allow", rules: [], person: "marc", draftHash: "bb"),
        ])
        #expect {
            try file.erase(person: "julie", by: " ", reason: "demande")
        } throws: { error in (error as? CaseFileError)?.code == .missingReason }

        let removed = try file.erase(person: "julie", by: "Claire", reason: "demande du 3 mars")
        // 3 run findings, 3 events, 1 acceptance, 3 findings, 3 decisions
        // (opened, one step, the note), 1 incident, 1 serve decision.
        #expect(removed == 15)
        #expect(try file.findings(in: run).map(\.finding.actorID) == ["marc", "marc"])
        #expect(try file.findingEvents().allSatisfy { $0.actorKey == "marc" })
        #expect(try file.storedIncidents().map(\.id) == ["inc-marc"])
        #expect(try file.acceptedFindings().isEmpty)
        #expect(try file.serveDecisions(person: "julie").isEmpty)
        #expect(try file.serveDecisions().map(\.person) == ["marc"])
        let erasures = try file.erasures()
        #expect(erasures.count == 1)
        #expect(erasures.first?.rowsRemoved == 15)
        #expect(erasures.first?.erasedBy == "Claire")
        // Nothing held any more: nothing removed, nothing recorded.
        #expect(try file.erase(person: "julie", by: "Claire", reason: "encore") == 0)
        #expect(try file.erasures().count == 1)
    }

    @Test(arguments: TestBackend.available)
    func theServeDecisionLogKeepsEveryDecisionOnce(_ backend: TestBackend) throws {
        let place = try TestCaseLocation(backend)
        let file = try place.open()
        let when = Date(timeIntervalSince1970: 1_780_000_000.5)
        let records = (0..<2_500).map { i in
            ServeDecisionRecord(
                decidedAt: when.addingTimeInterval(Double(i)), policyName: "entretien-menager", policyVersion: "1.0.0",
                decision: ["allow", "warn", "block"][i % 3], rules: i % 3 == 0 ? [] : ["pii-\(i % 5)", "a \"quoted\"\nrule"],
                failedRules: i % 7 == 0 ? ["slow"] : [], person: i % 2 == 0 ? "p\(i % 10)" : nil, draftHash: "h\(i % 100)",
                platform: i % 4 == 0 ? "facebook" : nil, kind: "post")
        }
        try file.recordServeDecisions(Array(records.prefix(1_200)))
        try file.recordServeDecisions(Array(records.dropFirst(1_200)))
        try file.recordServeDecisions([])
        let all = try file.serveDecisions()
        #expect(all.count == 2_500)
        #expect(all.map(\.draftHash) == records.map(\.draftHash))
        #expect(all[1].rules == ["pii-1", "a \"quoted\"\nrule"])
        #expect(all[7].failedRules == ["slow"])
        #expect(all[0].decidedAt == when)
        #expect(try file.serveDecisions(draftHash: "h3").count == 25)
        #expect(try file.serveDecisions(draftHash: "h4", person: "p4").count == 25)
        #expect(try file.eraseServeDecisions(person: "p2") == 250)
        #expect(try file.serveDecisions().count == 2_250)
    }
}

/// One scenario on both back ends, every answer compared: runs, findings,
/// comparisons, acceptances, incidents with their histories, events,
/// erasures and the serve log are the same, value for value.
@Suite struct BackEndEquivalenceTests {
    static func scenario(_ file: CaseFile) throws -> [String] {
        var answers: [String] = []
        func note(_ label: String, _ value: some Encodable) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(date.timeIntervalSinceReferenceDate)
            }
            answers.append(label + " " + String(decoding: try encoder.encode(value), as: UTF8.self))
        }
        let t0 = Date(timeIntervalSince1970: 1_790_000_000.987654)
        let people = ["julie", "marc", "facebook:@anon"]
        var all: [Finding] = []
        for run in 0..<3 {
            let id = try file.beginRun(RunStart(policyName: "p", policyVersion: "1", inputs: ["export-\(run).zip"], startedAt: t0.addingTimeInterval(Double(run))))
            let findings = (0..<12).map { i in
                finding("rule-\(i % 3)", "post-\(run)-\(i % 7)", i, i + 4, severity: Severity.allCases[i % Severity.allCases.count], actor: people[i % 3])
            }
            all += findings
            let result = try finish(file, id, findings, times: (0..<12).map { 1_700_000_000 + Double(run * 100 + $0) * 600 })
            try note("finish \(run)", result.decisions)
            var record = result.run
            record.finishedAt = nil  // the clock of the machine
            try note("run \(run)", record)
            try note("findings \(run)", try file.findings(in: id))
            try note("new \(run)", try file.newFindings(in: id))
            try note("compare \(run)", try file.compare(id))
            try note("counts \(run)", try file.compareCounts(id))
            if run == 0 {
                try file.accept(fingerprint: findings[1].fingerprint, reason: "connu", by: "Claire", at: t0, expires: nil)
                try file.accept(fingerprint: findings[2].fingerprint, reason: "plus tard", by: "Claire", at: t0, expires: t0.addingTimeInterval(86_400 * 365 * 5))
                _ = try file.recordManual(Decision(action: .held, reason: "attente", at: Timestamp(secondsSince1970: 1_700_030_000), by: "Claire", key: "manual:fixed"), incident: "inc-julie")
            }
        }
        try note("added", try file.addedFingerprints(among: all.map(\.fingerprint), baseline: RunID(1)).sorted())
        try note("accepted", try file.acceptedFindings())
        try note("events", try file.findingEvents())
        try note("incidents", try file.storedIncidents())
        try note("manual", try file.manualIncidents())
        try note("open", try file.incidents(status: .open))
        try note("horizon", try file.escalationHorizon())
        try file.recordServeDecisions([
            ServeDecisionRecord(decidedAt: t0, policyName: "p", policyVersion: "1", decision: "block", rules: ["r"], person: "marc", draftHash: "x")
        ])
        try note("serve", try file.serveDecisions())
        try note("erase", try file.erase(person: "marc", by: "Claire", reason: "demande", at: t0))
        try note("erasures", try file.erasures())
        try note("after erasure", try file.storedIncidents())
        try note("runs", try file.runs().map { run -> RunRecord in
            var run = run
            run.finishedAt = nil  // the clock of the machine
            return run
        })
        return answers
    }

    @Test(.enabled(if: TestBackend.postgresURL != nil, Comment(rawValue: TestBackend.skipReason)))
    func bothBackEndsAnswerEveryQuestionTheSameWay() throws {
        let sqlite = try TestCaseLocation(.sqlite)
        let postgres = try TestCaseLocation(.postgres)
        let a = try Self.scenario(try sqlite.open())
        let b = try Self.scenario(try postgres.open())
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y {
            let common = zip(x, y).prefix { $0 == $1 }.count
            let from = max(0, common - 150)
            Issue.record(
                "SQLite and PostgreSQL differ in \(x.prefix(30)):\n…\(x.dropFirst(from).prefix(400))\n…\(y.dropFirst(from).prefix(400))")
        }
    }
}
