import CaseFileTestSupport
import Foundation
import GRDB
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

func finding(
    _ rule: String, _ activity: String, _ start: Int = 0, _ end: Int = 5, severity: Severity = .high, actor: String = "julie"
) -> Finding {
    Finding(
        ruleID: rule, severity: severity, evidence: [EvidenceSpan(start: start, end: end, label: "phone")],
        actorID: actor, activity: ActivityReference(id: activity, source: RecordSource(file: "export.zip!/posts.json", index: 3, line: 12)),
        advice: "Retirer le numéro.", mitigates: ["suivi-chez-clients"])
}

/// The event of a finding, at `seconds` (UTC-4), about `actor`.
func event(_ finding: Finding, at seconds: Double, actor: String? = nil, ordinal: Int = 0) -> FindingEvent {
    FindingEvent(
        fingerprint: finding.fingerprint, ruleID: finding.ruleID, severity: finding.severity, activityID: finding.activity.id,
        at: Timestamp(secondsSince1970: seconds, utcOffset: -4 * 3600), actorKey: actor ?? finding.actorID ?? "?",
        actorID: finding.actorID, ordinal: ordinal)
}

let start = RunStart(policyName: "entretien-menager", policyVersion: "1.0.0", inputs: ["exports/facebook.zip"])

/// A stand-in for the engine's escalation, pure in its inputs as the real
/// one is: one incident per person, opened by their first finding, moved a
/// step by every second finding (keyed `auto:`), the consultants' decisions
/// (`basis.manual`) applied after them.
func toyEscalation(_ basis: EscalationBasis) -> EscalationResult {
    var byActor: [String: [FindingEvent]] = [:]
    for event in basis.events { byActor[event.actorKey, default: []].append(event) }
    var incidents: [StoredIncident] = []
    for actor in byActor.keys.sorted() {
        let events = byActor[actor]!
        let id = "inc-\(actor)"
        var incident = Incident(id: id, kind: "toy", actorID: events[0].actorID, openedBy: [events[0].fingerprint])
        incident.record(Decision(
            action: .opened, step: "step-0", reason: "opened by \(events[0].ruleID)", at: events[0].at, by: "vigie",
            key: "auto:\(id):opened", cause: events[0].fingerprint))
        for (index, e) in events.enumerated() where index > 0 && index % 2 == 0 {
            incident.record(Decision(
                action: .escalated, step: "step-\(index / 2)", reason: "again: \(e.ruleID)", at: e.at, by: "vigie",
                key: "auto:\(id):\(e.fingerprint)", cause: e.fingerprint))
        }
        for manual in basis.manual where manual.id == id {
            for decision in manual.incident.history { incident.record(decision) }
        }
        incidents.append(StoredIncident(incident: incident, actorKey: actor, openedAt: events[0].at))
    }
    return EscalationResult(incidents: incidents, horizon: basis.events.last?.at)
}

/// Finishes `run` with `findings` and their events (at increasing times),
/// escalated by `toyEscalation`.
@discardableResult
func finish(
    _ file: CaseFile, _ run: RunID, _ findings: [Finding], times: [Double]? = nil
) throws -> (run: RunRecord, decisions: [RecordedDecision]) {
    try file.finishRun(
        run, counts: RunCounts(activities: findings.count),
        streaming: { add in
            for (index, f) in findings.enumerated() {
                try add(f, event(f, at: times?[index] ?? 1_700_000_000 + Double(index) * 3600))
            }
        }, escalate: toyEscalation)
}

/// A check that fails when `make test` asked for PostgreSQL and the test
/// server is missing: the PostgreSQL half of the shared suite never goes
/// missing silently.
@Suite struct TestServerTests {
    @Test func thePostgreSQLTestServerIsThereWhenAskedFor() throws {
        guard TestBackend.postgresRequired else { return }
        let url = try #require(TestBackend.postgresURL, "VIGIE_REQUIRE_POSTGRES=1 but VIGIE_TEST_POSTGRES is not set")
        #expect(url.hasPrefix("postgres://"))
        #expect(TestBackend.available == [.sqlite, .postgres])
    }

    /// The tests with both back ends as arguments run SQLite alone without
    /// the server: this one shows, skipped, why their PostgreSQL half did not run.
    @Test(.enabled(if: TestBackend.postgresURL != nil, Comment(rawValue: TestBackend.skipReason)))
    func theSharedSuiteRunsAgainstPostgreSQLToo() throws {
        #expect(TestBackend.available.contains(.postgres))
        let place = try TestCaseLocation(.postgres)
        let file = try place.open()
        #expect(try file.appliedMigrations().count == PostgresCaseFile.migrations.count)
    }
}

extension CaseFile {
    /// The SQLite file's pool, for the tests that go below the case file.
    var pool: DatabasePool { (store as! SQLiteCaseFile).pool }
}
