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
                    db, sql: "SELECT id FROM incident WHERE ?1 IS NULL OR status = ?1 ORDER BY id",
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
            db, sql: "SELECT * FROM decision WHERE incidentID = ? ORDER BY position", arguments: [id]
        ).map(Decision.init(row:))
        return Incident(
            id: row["id"], kind: row["kind"], actorID: row["actorID"],
            openedBy: try JSONCoding.decode([String].self, from: row["openedBy"]),
            currentStep: row["currentStep"],
            status: Incident.Status(rawValue: row["status"]) ?? .open,
            history: history)
    }

    /// Inserts or updates an incident; appends the decisions of its history
    /// that the file does not hold yet (history is never rewritten).
    func saveIncident(_ incident: Incident, run: RunID?, db: Database) throws {
        let stored = try loadIncident(incident.id, db: db)
        var openedBy = stored?.openedBy ?? []
        for fingerprint in incident.openedBy where !openedBy.contains(fingerprint) { openedBy.append(fingerprint) }
        let openedByJSON = try JSONCoding.encode(openedBy)
        if stored == nil {
            try db.execute(
                sql: """
                    INSERT INTO incident (id, kind, actorID, openedBy, currentStep, status, firstRun, lastRun)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    incident.id, incident.kind, incident.actorID, openedByJSON, incident.currentStep,
                    incident.status.rawValue, run?.rawValue, run?.rawValue,
                ])
        } else {
            try db.execute(
                sql: """
                    UPDATE incident SET kind = ?, actorID = ?, openedBy = ?, currentStep = ?, status = ?,
                      firstRun = coalesce(firstRun, ?3), lastRun = coalesce(?, lastRun)
                    WHERE id = ?
                    """,
                arguments: [
                    incident.kind, incident.actorID, openedByJSON, incident.currentStep, incident.status.rawValue,
                    run?.rawValue, incident.id,
                ])
        }
        var known = stored?.history ?? []
        var position = known.count
        for decision in incident.history {
            if let index = known.firstIndex(of: decision) {
                known.remove(at: index)
                continue
            }
            try db.execute(
                sql: """
                    INSERT INTO decision (incidentID, position, action, step, reason, atSeconds, atOffset, decidedBy, runID)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    incident.id, position, decision.action.rawValue, decision.step, decision.reason,
                    decision.at.secondsSince1970, decision.at.utcOffset, decision.by, run?.rawValue,
                ])
            position += 1
        }
    }
}

extension Decision {
    init(row: Row) {
        self.init(
            action: Decision.Action(rawValue: row["action"]) ?? .note,
            step: row["step"], reason: row["reason"],
            at: Timestamp(secondsSince1970: row["atSeconds"], utcOffset: row["atOffset"]),
            by: row["decidedBy"])
    }
}
