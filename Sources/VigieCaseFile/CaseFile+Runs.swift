import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import VigieModel

extension CaseFile {
    /// Records the start of a run and returns its id. Nothing else is written
    /// until `finishRun`: a run whose process dies stays `running` and is ignored.
    public func beginRun(_ start: RunStart) throws -> RunID {
        let inputs = try JSONCoding.encode(start.inputs)
        return try wrap {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (policyName, policyVersion, inputs, startedAt, status, processID)
                        VALUES (?, ?, ?, ?, 'running', ?)
                        """,
                    arguments: [start.policyName, start.policyVersion, inputs, start.startedAt, Int64(getpid())])
                return RunID(db.lastInsertedRowID)
            }
        }
    }

    /// Saves everything a run found, in one transaction, and marks it complete:
    /// its findings (first and last run seen updated), the incidents it opened
    /// or moved with the decisions not yet stored, and its counts.
    ///
    /// Findings with the same fingerprint are saved once. Incident histories
    /// are append-only: decisions already in the file are recognised and kept,
    /// new ones are added after them.
    @discardableResult
    public func finishRun(
        _ id: RunID, findings: [Finding], incidents: [Incident] = [], counts: RunCounts,
        finishedAt: Date = Date()
    ) throws -> RunRecord {
        try finishRun(id, findings: findings, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: nil)
    }

    /// Like `finishRun(_:findings:incidents:counts:finishedAt:)`, for findings
    /// that do not fit in memory: `findings` is called inside the run's one
    /// transaction and hands each finding to `add` in turn (from a file, say).
    /// What `findings` throws rolls the whole run back, as any failure does.
    @discardableResult
    public func finishRun(
        _ id: RunID, incidents: [Incident] = [], counts: RunCounts, finishedAt: Date = Date(),
        streaming findings: (_ add: (Finding) throws -> Void) throws -> Void
    ) throws -> RunRecord {
        try finishRun(id, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: nil, streaming: findings)
    }

    /// Saves a run as `finishRun(_:incidents:counts:finishedAt:streaming:)`
    /// does, with each finding's event (who, when) for the escalation, then
    /// recomputes the incidents with `escalate` from every event recorded so
    /// far and saves them, all in the run's one transaction. Returns the run
    /// and the decisions recorded for the first time.
    public func finishRun(
        _ id: RunID, counts: RunCounts, finishedAt: Date = Date(),
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void,
        escalate: (EscalationBasis) throws -> EscalationResult
    ) throws -> (run: RunRecord, decisions: [RecordedDecision]) {
        try withoutActuallyEscaping(escalate) { escalate in
            try finishRun(
                id, incidents: [], counts: counts, finishedAt: finishedAt, failAfter: nil, streaming: findings,
                escalate: escalate)
        }
    }

    /// `failAfter` makes the transaction throw after that many findings: the
    /// tests use it to check that a run dying mid-write leaves nothing behind.
    func finishRun(
        _ id: RunID, findings: [Finding], incidents: [Incident], counts: RunCounts,
        finishedAt: Date, failAfter: Int?
    ) throws -> RunRecord {
        try finishRun(id, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: failAfter) { add in
            for finding in findings { try add(finding) }
        }
    }

    func finishRun(
        _ id: RunID, incidents: [Incident], counts: RunCounts, finishedAt: Date, failAfter: Int?,
        streaming findings: (_ add: (Finding) throws -> Void) throws -> Void
    ) throws -> RunRecord {
        try finishRun(
            id, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: failAfter,
            streaming: { add in
                try withoutActuallyEscaping(add) { add in try findings { try add($0, nil) } }
            }, escalate: nil
        ).run
    }

    func finishRun(
        _ id: RunID, incidents: [Incident], counts: RunCounts, finishedAt: Date, failAfter: Int?,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void,
        escalate: ((EscalationBasis) throws -> EscalationResult)?
    ) throws -> (run: RunRecord, decisions: [RecordedDecision]) {
        try wrap {
            try pool.writeWithoutTransaction { db in
                var result: (run: RunRecord, decisions: [RecordedDecision])?
                try db.inTransaction(.immediate) {
                    result = try finishRun(
                        id, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: failAfter,
                        streaming: findings, escalate: escalate, db: db)
                    return .commit
                }
                return result!
            }
        }
    }

    private func finishRun(
        _ id: RunID, incidents: [Incident], counts: RunCounts, finishedAt: Date, failAfter: Int?,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void,
        escalate: ((EscalationBasis) throws -> EscalationResult)?, db: Database
    ) throws -> (run: RunRecord, decisions: [RecordedDecision]) {
        let run = try requireRun(id, in: db)
        guard run.status == .running else {
            throw CaseFileError(
                .runNotRunning, path: path,
                message: "run \(id) is already \(run.status.rawValue); start a new run with beginRun")
        }
        // Findings with the same fingerprint are saved once (the first
        // one): the run's rows tell, no set of fingerprints is kept.
        var saved = 0
        var newCount = 0
        try findings { finding, event in
            let row = try FindingRow(finding)
            let seen = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM runFinding WHERE runID = ? AND fingerprint = ?",
                arguments: [id.rawValue, row.fingerprint]) ?? false
            if seen { return }
            if let failAfter, saved == failAfter {
                throw CaseFileError(.database, path: path, message: "simulated failure after \(failAfter) findings")
            }
            saved += 1
            try db.execute(
                sql: """
                    INSERT INTO finding (fingerprint, ruleID, firstSeenRun, lastSeenRun) VALUES (?, ?, ?, ?)
                    ON CONFLICT(fingerprint) DO UPDATE SET
                      firstSeenRun = min(firstSeenRun, excluded.firstSeenRun),
                      lastSeenRun = max(lastSeenRun, excluded.lastSeenRun)
                    """,
                arguments: [row.fingerprint, row.ruleID, id.rawValue, id.rawValue])
            try db.execute(
                sql: """
                    INSERT INTO runFinding (runID, fingerprint, ruleID, severity, actorID, activityID,
                      sourceFile, sourceIndex, sourceLine, evidence, advice, mitigates)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.rawValue, row.fingerprint, row.ruleID, row.severity, row.actorID, row.activityID,
                    row.sourceFile, row.sourceIndex, row.sourceLine, row.evidence, row.advice, row.mitigates,
                ])
            if let event { try Self.insert(event, run: id, db: db) }
            if try isNew(row.fingerprint, in: id, db: db) { newCount += 1 }
        }
        for incident in incidents {
            try saveIncident(incident, run: id, db: db)
        }
        var decisions: [RecordedDecision] = []
        if let escalate {
            decisions = try applyEscalation(escalate, run: id, db: db)
        }
        let incidentCount = escalate == nil
            ? incidents.count
            : try Int.fetchOne(db, sql: "SELECT count(*) FROM incident WHERE superseded = 0") ?? 0
        try db.execute(
            sql: """
                UPDATE run SET status = 'complete', finishedAt = ?, activityCount = ?, skippedCount = ?,
                  findingCount = ?, newFindingCount = ?, incidentCount = ?
                WHERE id = ?
                """,
            arguments: [
                finishedAt, counts.activities, counts.skipped, saved, newCount, incidentCount, id.rawValue,
            ])
        return (try requireRun(id, in: db), decisions)
    }

    /// Marks a run incomplete: it will never be compared with. For a run that
    /// failed, was interrupted, or was started by mistake.
    public func abandonRun(_ id: RunID, reason: String, at date: Date = Date()) throws {
        try wrap {
            try pool.write { db in
                let run = try requireRun(id, in: db)
                guard run.status == .running else {
                    throw CaseFileError(
                        .runNotRunning, path: path,
                        message: "run \(id) is already \(run.status.rawValue); only a running run can be abandoned")
                }
                try db.execute(
                    sql: "UPDATE run SET status = 'incomplete', statusReason = ?, finishedAt = ? WHERE id = ?",
                    arguments: [reason, date, id.rawValue])
            }
        }
    }

    /// Marks a running run `interrupted` (a signal stopped it): it will never
    /// be compared with. Returns whether it was running.
    @discardableResult
    public func interruptRun(_ id: RunID, reason: String, at date: Date = Date()) throws -> Bool {
        try wrap {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE run SET status = 'interrupted', statusReason = ?, finishedAt = ? WHERE id = ? AND status = 'running'",
                    arguments: [reason, date, id.rawValue])
                return db.changesCount > 0
            }
        }
    }

    /// Marks `abandoned` the runs still `running` whose process is gone on
    /// this machine (killed outright, crashed): a run in progress in another
    /// live process is left alone. Call it before beginning a run. Returns
    /// their ids.
    @discardableResult
    public func markAbandonedRuns(at date: Date = Date()) throws -> [RunID] {
        try wrap {
            try pool.write { db in
                let rows = try Row.fetchAll(db, sql: "SELECT id, processID FROM run WHERE status = 'running' ORDER BY id")
                var abandoned: [RunID] = []
                for row in rows {
                    let pid: Int64? = row["processID"]
                    if let pid, pid > 0, pid <= Int64(Int32.max), Self.processIsAlive(Int32(pid)) { continue }
                    let id: Int64 = row["id"]
                    try db.execute(
                        sql: """
                            UPDATE run SET status = 'abandoned', finishedAt = ?,
                              statusReason = 'abandoned: its process ended without finishing the run'
                            WHERE id = ?
                            """,
                        arguments: [date, id])
                    abandoned.append(RunID(id))
                }
                return abandoned
            }
        }
    }

    /// Whether a process with this id runs on this machine. Our own id
    /// counts as gone: a run calls this before it begins its own, so a
    /// `running` row with our id is an earlier process's that had it.
    static func processIsAlive(_ pid: Int32) -> Bool {
        if pid == getpid() { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Marks incomplete the runs still `running` that started before `date`:
    /// those whose process died. Returns their ids. Choose a date older than
    /// any run that may still be going on in another process.
    @discardableResult
    public func markInterruptedRuns(startedBefore date: Date) throws -> [RunID] {
        try wrap {
            try pool.write { db in
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM run WHERE status = 'running' AND startedAt < ? ORDER BY id",
                    arguments: [date])
                try db.execute(
                    sql: """
                        UPDATE run SET status = 'incomplete', statusReason = 'interrupted: the run never finished'
                        WHERE status = 'running' AND startedAt < ?
                        """,
                    arguments: [date])
                return ids.map { RunID($0) }
            }
        }
    }

    /// The run with this id, or nil.
    public func run(_ id: RunID) throws -> RunRecord? {
        try wrap { try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id.rawValue]).map(RunRecord.init(row:)) } }
    }

    /// Every run, oldest first.
    public func runs() throws -> [RunRecord] {
        try wrap { try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id").map(RunRecord.init(row:)) } }
    }

    /// The last complete run, optionally the last one before `run`.
    public func latestCompleteRun(before run: RunID? = nil) throws -> RunRecord? {
        try wrap {
            try pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT * FROM run WHERE status = 'complete' AND id < ? ORDER BY id DESC LIMIT 1",
                    arguments: [run?.rawValue ?? Int64.max]
                ).map(RunRecord.init(row:))
            }
        }
    }

    func requireRun(_ id: RunID, in db: Database) throws -> RunRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id.rawValue]) else {
            throw CaseFileError(.unknownRun, path: path, message: "no run \(id) in this case file; list the runs to find its id")
        }
        return try RunRecord(row: row)
    }
}

extension RunRecord {
    init(row: Row) throws {
        let inputsJSON: String = row["inputs"]
        self.init(
            id: RunID(row["id"] as Int64),
            policyName: row["policyName"],
            policyVersion: row["policyVersion"],
            inputs: (try? JSONCoding.decode([String].self, from: inputsJSON)) ?? [],
            startedAt: row["startedAt"],
            finishedAt: row["finishedAt"],
            status: RunStatus(rawValue: row["status"]) ?? .incomplete,
            statusReason: row["statusReason"],
            activityCount: row["activityCount"],
            skippedCount: row["skippedCount"],
            findingCount: row["findingCount"],
            newFindingCount: row["newFindingCount"],
            incidentCount: row["incidentCount"])
    }
}

/// JSON for the few list-valued columns, with sorted keys so that equal
/// values give equal text.
enum JSONCoding {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
