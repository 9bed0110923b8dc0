import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VigieModel

extension PostgresCaseFile {
    static let runColumns = """
        id, policy_name, policy_version, inputs, \(PGDate.column("started_at")), \(PGDate.column("finished_at")), status,
        status_reason, activity_count, skipped_count, finding_count, new_finding_count, incident_count
        """

    func beginRun(_ start: RunStart) throws -> RunID {
        let inputs = try JSONCoding.encode(start.inputs)
        // A start tried again after its commit was lost finds its own row.
        let token = UUID().uuidString
        return try session.transaction(lockClient: false) { tx in
            guard
                let id = try tx.one(
                    """
                    INSERT INTO run (policy_name, policy_version, inputs, started_at, status, process_id, host, start_token)
                    VALUES ($1, $2, $3, $4::timestamptz, 'running', $5, $6, $7)
                    ON CONFLICT (start_token) DO UPDATE SET start_token = EXCLUDED.start_token
                    RETURNING id
                    """,
                    [.text(start.policyName), .text(start.policyVersion), .text(inputs), PGValue(start.startedAt),
                     .int(Int64(getpid())), .text(Self.hostName), .text(token)]
                )?.int64("id")
            else { throw error(.database, "the new run got no id") }
            return RunID(id)
        }
    }

    func finishRun(
        _ id: RunID, incidents: [Incident], counts: RunCounts, finishedAt: Date, failAfter: Int?,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void,
        escalate: ((EscalationBasis) throws -> EscalationResult)?
    ) throws -> (run: RunRecord, decisions: [RecordedDecision]) {
        // A finish tried again after its commit was lost recognises its own token.
        let token = UUID().uuidString
        return try session.transaction { tx in
            let (run, finishToken) = try requireRun(id, tx, forUpdate: true)
            if run.status == .complete, finishToken == token {
                return (run, try recordedDecisions(of: id, tx))
            }
            guard run.status == .running else {
                throw error(.runNotRunning, "run \(id) is already \(run.status.rawValue); start a new run with beginRun")
            }
            let saved = try saveFindings(of: id, failAfter: failAfter, tx, streaming: findings)
            try recordFindingsSeen(by: id, tx)
            let newCount = try countNew(in: id, tx)
            var decisions: [RecordedDecision] = []
            if !incidents.isEmpty {
                var state = try IncidentState.load(tx)
                for incident in incidents {
                    let held = state.stored(incident.id)
                    let stored = StoredIncident(
                        incident: incident, actorKey: held?.actorKey ?? incident.actorID ?? "?", openedAt: held?.openedAt)
                    decisions += try state.save(stored, run: id, tx)
                }
            }
            if let escalate {
                decisions += try applyEscalation(escalate, run: id, tx)
            }
            let incidentCount = escalate == nil
                ? incidents.count
                : try tx.one("SELECT count(*) AS n FROM incident WHERE NOT superseded")?.int("n") ?? 0
            try tx.execute(
                """
                UPDATE run SET status = 'complete', finished_at = $1::timestamptz, activity_count = $2, skipped_count = $3,
                  finding_count = $4, new_finding_count = $5, incident_count = $6, finish_token = $7
                WHERE id = $8
                """,
                [PGValue(finishedAt), PGValue(counts.activities), PGValue(counts.skipped), PGValue(saved), PGValue(newCount),
                 PGValue(incidentCount), .text(token), .int(id.rawValue)])
            return (try requireRun(id, tx).run, decisions)
        }
    }

    /// Writes the streamed findings of a run and their events, a batch at a
    /// time; the same fingerprint twice in a run is saved once (the first).
    /// Returns how many were saved.
    func saveFindings(
        of id: RunID, failAfter: Int?, _ tx: PGTransaction,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void
    ) throws -> Int {
        var saved = 0
        var batch: [(FindingRow, FindingEvent?)] = []
        var inBatch: Set<String> = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            let inserted = try insertRunFindings(batch.map(\.0), run: id, tx)
            saved += inserted.count
            let events = batch.compactMap { row, event in inserted.contains(row.fingerprint) ? event : nil }
            try insertEvents(events, run: id, tx)
            batch.removeAll(keepingCapacity: true)
            inBatch.removeAll(keepingCapacity: true)
        }
        try findings { finding, event in
            let row = try FindingRow(finding)
            guard inBatch.insert(row.fingerprint).inserted else { return }
            if let failAfter, saved + batch.count == failAfter {
                try flush()
                throw error(.database, "simulated failure after \(failAfter) findings")
            }
            batch.append((row, event))
            if batch.count == 500 { try flush() }
        }
        try flush()
        return saved
    }

    /// Inserts run findings; returns the fingerprints inserted now (those
    /// the run already held are left as they are).
    func insertRunFindings(_ rows: [FindingRow], run: RunID, _ tx: PGTransaction) throws -> Set<String> {
        guard !rows.isEmpty else { return [] }
        var binds: [PGValue] = []
        binds.reserveCapacity(rows.count * 12)
        var tuples: [String] = []
        for row in rows {
            let n = binds.count
            tuples.append("(" + (1...12).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
            binds += [
                .int(run.rawValue), .text(row.fingerprint), .text(row.ruleID), .text(row.severity), PGValue(row.actorID),
                .text(row.activityID), PGValue(row.sourceFile), PGValue(row.sourceIndex), PGValue(row.sourceLine),
                .text(row.evidence), PGValue(row.advice), .text(row.mitigates),
            ]
        }
        let result = try tx.query(
            """
            INSERT INTO run_finding (run_id, fingerprint, rule_id, severity, actor_id, activity_id, source_file,
              source_index, source_line, evidence, advice, mitigates)
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (run_id, fingerprint) DO NOTHING
            RETURNING fingerprint
            """, binds)
        return Set(result.rows.compactMap { $0.string("fingerprint") })
    }

    /// Inserts finding events; an event already recorded (by any run) is kept.
    func insertEvents(_ events: [FindingEvent], run: RunID?, _ tx: PGTransaction) throws {
        guard !events.isEmpty else { return }
        var binds: [PGValue] = []
        var tuples: [String] = []
        for event in events {
            let n = binds.count
            tuples.append("(" + (1...10).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
            binds += [
                .text(event.fingerprint), .text(event.actorKey), PGValue(event.actorID), .text(event.ruleID),
                .text(event.severity.rawValue), .text(event.activityID), .double(event.at.secondsSince1970),
                PGValue(event.at.utcOffset), PGValue(event.ordinal), PGValue(run?.rawValue),
            ]
        }
        try tx.execute(
            """
            INSERT INTO finding_event (fingerprint, actor_key, actor_id, rule_id, severity, activity_id, at_seconds,
              at_offset, ordinal, first_run)
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (fingerprint) DO NOTHING
            """, binds)
    }

    /// The findings of run `id` enter `finding` (first and last run seen).
    func recordFindingsSeen(by id: RunID, _ tx: PGTransaction) throws {
        try tx.execute(
            """
            INSERT INTO finding (fingerprint, rule_id, first_seen_run, last_seen_run)
            SELECT fingerprint, rule_id, run_id, run_id FROM run_finding WHERE run_id = $1
            ON CONFLICT (fingerprint) DO UPDATE SET
              first_seen_run = LEAST(finding.first_seen_run, EXCLUDED.first_seen_run),
              last_seen_run = GREATEST(finding.last_seen_run, EXCLUDED.last_seen_run)
            """, [.int(id.rawValue)])
    }

    /// The findings of run `id` no earlier complete run reported and nobody accepted.
    func countNew(in id: RunID, _ tx: PGTransaction) throws -> Int {
        try tx.one(
            """
            SELECT count(*) AS n FROM run_finding rf
            WHERE rf.run_id = $1
              AND NOT EXISTS (SELECT 1 FROM active_acceptance a WHERE a.fingerprint = rf.fingerprint)
              AND NOT EXISTS (SELECT 1 FROM run_finding p JOIN run r ON r.id = p.run_id
                WHERE p.fingerprint = rf.fingerprint AND p.run_id < rf.run_id AND r.status = 'complete')
            """, [.int(id.rawValue)]
        )?.int("n") ?? 0
    }

    /// The decisions a run recorded (for a finish tried again after its commit).
    func recordedDecisions(of id: RunID, _ tx: PGTransaction) throws -> [RecordedDecision] {
        try tx.rows("SELECT * FROM decision WHERE run_id = $1 ORDER BY id", [.int(id.rawValue)]).map {
            RecordedDecision(incidentID: try $0.text("incident_id"), decision: try Self.decision($0))
        }
    }

    func abandonRun(_ id: RunID, reason: String, at date: Date) throws {
        try session.transaction(lockClient: false) { tx in
            let run = try requireRun(id, tx, forUpdate: true).run
            guard run.status == .running else {
                throw error(.runNotRunning, "run \(id) is already \(run.status.rawValue); only a running run can be abandoned")
            }
            try tx.execute(
                "UPDATE run SET status = 'incomplete', status_reason = $1, finished_at = $2::timestamptz WHERE id = $3",
                [.text(reason), PGValue(date), .int(id.rawValue)])
        }
    }

    func interruptRun(_ id: RunID, reason: String, at date: Date) throws -> Bool {
        try session.transaction(lockClient: false) { tx in
            try tx.execute(
                """
                UPDATE run SET status = 'interrupted', status_reason = $1, finished_at = $2::timestamptz
                WHERE id = $3 AND status = 'running'
                """, [.text(reason), PGValue(date), .int(id.rawValue)]) > 0
        }
    }

    func markAbandonedRuns(at date: Date) throws -> [RunID] {
        try session.transaction(lockClient: false) { tx in
            // Only this machine's processes can be looked at; shared runs
            // are never abandoned here (their chunks are taken over).
            let rows = try tx.rows(
                """
                SELECT id, process_id FROM run
                WHERE status = 'running' AND batch_key IS NULL AND (host = $1 OR host IS NULL) ORDER BY id
                FOR UPDATE SKIP LOCKED
                """, [.text(Self.hostName)])
            var abandoned: [RunID] = []
            for row in rows {
                if let pid = row.int64("process_id"), pid > 0, pid <= Int64(Int32.max),
                    SQLiteCaseFile.processIsAlive(Int32(pid))
                {
                    continue
                }
                guard let id = row.int64("id") else { continue }
                try tx.execute(
                    """
                    UPDATE run SET status = 'abandoned', finished_at = $1::timestamptz,
                      status_reason = 'abandoned: its process ended without finishing the run'
                    WHERE id = $2
                    """, [PGValue(date), .int(id)])
                abandoned.append(RunID(id))
            }
            return abandoned
        }
    }

    func markInterruptedRuns(startedBefore date: Date) throws -> [RunID] {
        try session.transaction(lockClient: false) { tx in
            try tx.rows(
                """
                UPDATE run SET status = 'incomplete', status_reason = 'interrupted: the run never finished'
                WHERE status = 'running' AND started_at < $1::timestamptz
                RETURNING id
                """, [PGValue(date)]
            ).compactMap { $0.int64("id") }.sorted().map { RunID($0) }
        }
    }

    func run(_ id: RunID) throws -> RunRecord? {
        try session.query("SELECT \(Self.runColumns) FROM run WHERE id = $1", [.int(id.rawValue)]).rows.first.map(Self.runRecord)
    }

    func runs() throws -> [RunRecord] {
        try session.query("SELECT \(Self.runColumns) FROM run ORDER BY id").rows.map(Self.runRecord)
    }

    func latestCompleteRun(before run: RunID?) throws -> RunRecord? {
        try session.query(
            "SELECT \(Self.runColumns) FROM run WHERE status = 'complete' AND id < $1 ORDER BY id DESC LIMIT 1",
            [.int(run?.rawValue ?? Int64.max)]
        ).rows.first.map(Self.runRecord)
    }

    /// The run and its finish token; `forUpdate` locks its row until the transaction ends.
    func requireRun(_ id: RunID, _ tx: PGTransaction, forUpdate: Bool = false) throws -> (run: RunRecord, finishToken: String?) {
        guard
            let row = try tx.one(
                "SELECT \(Self.runColumns), finish_token FROM run WHERE id = $1\(forUpdate ? " FOR UPDATE" : "")",
                [.int(id.rawValue)])
        else {
            throw error(.unknownRun, "no run \(id) in this case file; list the runs to find its id")
        }
        return (Self.runRecord(row), row.string("finish_token"))
    }

    static func runRecord(_ row: PGRow) -> RunRecord {
        RunRecord(
            id: RunID(row.int64("id") ?? 0),
            policyName: row.string("policy_name") ?? "",
            policyVersion: row.string("policy_version") ?? "",
            inputs: (try? JSONCoding.decode([String].self, from: row.string("inputs") ?? "[]")) ?? [],
            startedAt: row.date("started_at") ?? Date(timeIntervalSince1970: 0),
            finishedAt: row.date("finished_at"),
            status: RunStatus(rawValue: row.string("status") ?? "") ?? .incomplete,
            statusReason: row.string("status_reason"),
            activityCount: row.int("activity_count"),
            skippedCount: row.int("skipped_count"),
            findingCount: row.int("finding_count"),
            newFindingCount: row.int("new_finding_count"),
            incidentCount: row.int("incident_count"))
    }
}
