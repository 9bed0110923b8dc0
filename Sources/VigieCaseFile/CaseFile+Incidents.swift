import Foundation
import GRDB
import VigieModel

extension CaseFile {
    /// The incident with this id and its whole history, or nil.
    public func incident(_ id: String) throws -> Incident? {
        try wrap { try pool.read { db in try loadIncident(id, db: db) } }
    }

    /// The incidents, optionally only those with a status, ordered by id.
    public func incidents(status: Incident.Status? = nil) throws -> [Incident] {
        try wrap {
            try pool.read { db in
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM incident WHERE superseded = 0 AND (?1 IS NULL OR status = ?1) ORDER BY id",
                    arguments: [status?.rawValue])
                return try ids.compactMap { try loadIncident($0, db: db) }
            }
        }
    }

    /// Records a decision taken outside a run (a consultant warned someone,
    /// excluded them giving the reasons, closed the incident), and returns the
    /// incident as it now stands.
    @discardableResult
    public func record(_ decision: Decision, incident id: String) throws -> Incident {
        try wrap {
            try pool.write { db in
                guard var incident = try loadIncident(id, db: db) else {
                    throw CaseFileError(
                        .unknownIncident, path: path,
                        message: "no incident \"\(id)\" in this case file; list the incidents to find its id")
                }
                incident.record(decision)
                try saveIncident(incident, run: nil, db: db)
                return incident
            }
        }
    }

    // MARK: Storage

    func loadIncident(_ id: String, db: Database) throws -> Incident? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let history = try Row.fetchAll(
            db, sql: "SELECT * FROM decision WHERE incidentID = ? AND superseded = 0 ORDER BY position", arguments: [id]
        ).map(Decision.init(row:))
        return Incident(
            id: row["id"], kind: row["kind"], actorID: row["actorID"],
            openedBy: try JSONCoding.decode([String].self, from: row["openedBy"]),
            currentStep: row["currentStep"],
            status: Incident.Status(rawValue: row["status"]) ?? .open,
            history: history)
    }

    /// Inserts or updates an incident; appends the decisions of its history
    /// that the file does not hold yet (history is never rewritten): a
    /// decision with a key is recorded once per key, one without is
    /// recognised by being equal to one already stored. Returns the
    /// decisions recorded now.
    @discardableResult
    func saveIncident(_ incident: Incident, run: RunID?, db: Database) throws -> [RecordedDecision] {
        let stored = try loadStoredIncident(incident.id, db: db)
        return try saveIncident(
            StoredIncident(incident: incident, actorKey: stored?.actorKey ?? incident.actorID ?? "?", openedAt: stored?.openedAt),
            run: run, db: db)
    }

    @discardableResult
    func saveIncident(_ new: StoredIncident, run: RunID?, db: Database) throws -> [RecordedDecision] {
        let incident = new.incident
        let stored = try loadStoredIncident(incident.id, db: db)
        var openedBy = stored?.incident.openedBy ?? []
        for fingerprint in incident.openedBy where !openedBy.contains(fingerprint) { openedBy.append(fingerprint) }
        let openedByJSON = try JSONCoding.encode(openedBy)
        if stored == nil {
            try db.execute(
                sql: """
                    INSERT INTO incident (id, kind, actorID, openedBy, currentStep, status, firstRun, lastRun, actorKey,
                      openedAtSeconds, openedAtOffset)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    incident.id, incident.kind, incident.actorID, openedByJSON, incident.currentStep,
                    incident.status.rawValue, run?.rawValue, run?.rawValue, new.actorKey,
                    new.openedAt?.secondsSince1970, new.openedAt?.utcOffset,
                ])
        } else {
            try db.execute(
                sql: """
                    UPDATE incident SET kind = ?, actorID = ?, openedBy = ?, currentStep = ?, status = ?, superseded = 0,
                      firstRun = coalesce(firstRun, ?6), lastRun = coalesce(?6, lastRun), actorKey = ?,
                      openedAtSeconds = coalesce(?, openedAtSeconds), openedAtOffset = coalesce(?, openedAtOffset)
                    WHERE id = ?
                    """,
                arguments: [
                    incident.kind, incident.actorID, openedByJSON, incident.currentStep, incident.status.rawValue,
                    run?.rawValue, new.actorKey, new.openedAt?.secondsSince1970, new.openedAt?.utcOffset, incident.id,
                ])
        }
        let history = stored?.incident.history ?? []
        let keys = Set(history.compactMap(\.key))
        var unkeyed = history.filter { $0.key == nil }
        var position = try Int.fetchOne(
            db, sql: "SELECT coalesce(max(position) + 1, 0) FROM decision WHERE incidentID = ?", arguments: [incident.id]) ?? 0
        var recorded: [RecordedDecision] = []
        for decision in incident.history {
            if let key = decision.key {
                if keys.contains(key) { continue }
                // Derived again after being superseded: back in the case.
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM decision WHERE decisionKey = ?", arguments: [key]) == true {
                    try db.execute(sql: "UPDATE decision SET superseded = 0 WHERE decisionKey = ?", arguments: [key])
                    continue
                }
            } else if let index = unkeyed.firstIndex(of: decision) {
                unkeyed.remove(at: index)
                continue
            }
            try db.execute(
                sql: """
                    INSERT INTO decision (incidentID, position, action, step, reason, atSeconds, atOffset, decidedBy, runID,
                      decisionKey, cause)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    incident.id, position, decision.action.rawValue, decision.step, decision.reason,
                    decision.at.secondsSince1970, decision.at.utcOffset, decision.by, run?.rawValue, decision.key,
                    decision.cause,
                ])
            position += 1
            recorded.append(RecordedDecision(incidentID: incident.id, decision: decision))
        }
        return recorded
    }
}

extension Decision {
    init(row: Row) {
        self.init(
            action: Decision.Action(rawValue: row["action"]) ?? .note,
            step: row["step"], reason: row["reason"],
            at: Timestamp(secondsSince1970: row["atSeconds"], utcOffset: row["atOffset"]),
            by: row["decidedBy"], key: row["decisionKey"], cause: row["cause"])
    }
}
