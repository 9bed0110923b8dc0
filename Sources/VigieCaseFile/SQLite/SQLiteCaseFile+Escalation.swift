import Foundation
import GRDB
import VigieModel

extension SQLiteCaseFile {
    /// Every finding event recorded, in the escalation's time order.
    public func findingEvents() throws -> [FindingEvent] {
        try wrap { try pool.read { db in try Self.events(db) } }
    }

    /// The incidents holding decisions a consultant took (or decisions
    /// imported from an older case file), with only those decisions.
    public func manualIncidents() throws -> [StoredIncident] {
        try wrap { try pool.read { db in try Self.manual(db) } }
    }

    /// The incidents as stored, with their whole history.
    public func storedIncidents(status: Incident.Status? = nil) throws -> [StoredIncident] {
        try wrap {
            try pool.read { db in
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM incident WHERE superseded = 0 AND (?1 IS NULL OR status = ?1) ORDER BY id",
                    arguments: [status?.rawValue])
                return try ids.compactMap { try loadStoredIncident($0, db: db) }
            }
        }
    }

    /// How far in time the escalation was last brought (nil before any).
    public func escalationHorizon() throws -> Timestamp? {
        try wrap { try pool.read { db in try Self.horizon(db) } }
    }

    /// Runs `escalate` on the case as stored (plus `events`, recorded
    /// first) and saves what it gives back, in one transaction: what
    /// `vigie react` does between runs. Returns the decisions recorded now.
    public func escalate(
        adding events: [FindingEvent] = [], by escalate: (EscalationBasis) throws -> EscalationResult
    ) throws -> [RecordedDecision] {
        try wrap {
            try pool.writeWithoutTransaction { db in
                var recorded: [RecordedDecision] = []
                try db.inTransaction(.immediate) {
                    for event in events { try Self.insert(event, run: nil, db: db) }
                    recorded = try applyEscalation(escalate, run: nil, db: db)
                    return .commit
                }
                return recorded
            }
        }
    }

    /// Records a consultant's decision on an incident (move, hold, resume,
    /// close, note), keyed `manual:…` so that it is kept and replayed by
    /// every later escalation. Returns the incident as stored.
    @discardableResult
    public func recordManual(_ decision: Decision, incident id: String) throws -> StoredIncident {
        var decision = decision
        if decision.key == nil { decision.key = "manual:" + UUID().uuidString.lowercased() }
        return try wrap {
            try pool.write { db in
                guard var stored = try loadStoredIncident(id, db: db) else {
                    throw CaseFileError(
                        .unknownIncident, path: path,
                        message: "no incident \"\(id)\" in this case file; `vigie incidents` lists them with their ids")
                }
                stored.incident.record(decision)
                try saveIncident(stored, run: nil, db: db)
                return stored
            }
        }
    }

    // MARK: Inside a run's transaction

    /// Reads the basis, runs `escalate`, saves the incidents and the
    /// decisions not yet recorded; returns those.
    func applyEscalation(
        _ escalate: (EscalationBasis) throws -> EscalationResult, run: RunID?, db: Database
    ) throws -> [RecordedDecision] {
        let basis = EscalationBasis(events: try Self.events(db), manual: try Self.manual(db), horizon: try Self.horizon(db))
        let result = try escalate(basis)
        var recorded: [RecordedDecision] = []
        for incident in result.incidents {
            recorded += try saveIncident(incident, run: run, db: db)
        }
        // What the escalation derived before and no longer does (a run
        // brought findings earlier than those it had): superseded. The
        // derived decisions of each incident are exactly its `auto:` keys.
        let derived = Set(result.incidents.map(\.id))
        for id in try String.fetchAll(db, sql: "SELECT id FROM incident WHERE superseded = 0") where !derived.contains(id) {
            let manual = try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM decision WHERE incidentID = ? AND (decisionKey IS NULL OR decisionKey NOT LIKE 'auto:%')",
                arguments: [id]) ?? false
            if !manual { try db.execute(sql: "UPDATE incident SET superseded = 1 WHERE id = ?", arguments: [id]) }
        }
        for incident in result.incidents {
            let keys = incident.incident.history.compactMap(\.key).filter { $0.hasPrefix("auto:") }
            let stale = try String.fetchAll(
                db, sql: "SELECT decisionKey FROM decision WHERE incidentID = ? AND superseded = 0 AND decisionKey LIKE 'auto:%'",
                arguments: [incident.id]
            ).filter { !keys.contains($0) }
            for key in stale {
                try db.execute(sql: "UPDATE decision SET superseded = 1 WHERE decisionKey = ?", arguments: [key])
            }
        }
        if let horizon = result.horizon {
            try db.execute(
                sql: "INSERT INTO caseState (key, value) VALUES ('escalationHorizon', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: ["\(horizon.secondsSince1970) \(horizon.utcOffset)"])
        }
        return recorded
    }

    static func insert(_ event: FindingEvent, run: RunID?, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO findingEvent (fingerprint, actorKey, actorID, ruleID, severity, activityID, atSeconds, atOffset,
                  ordinal, firstRun)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(fingerprint) DO NOTHING
                """,
            arguments: [
                event.fingerprint, event.actorKey, event.actorID, event.ruleID, event.severity.rawValue, event.activityID,
                event.at.secondsSince1970, event.at.utcOffset, event.ordinal, run?.rawValue,
            ])
    }

    static func events(_ db: Database) throws -> [FindingEvent] {
        // Read through a cursor into an array of the right size, and sorted
        // in place: every row at once, then a sorted copy, held each event
        // three times (about 40 MB at the 49,330 findings of a million
        // activities).
        var events: [FindingEvent] = []
        events.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findingEvent") ?? 0)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT fingerprint, ruleID, severity, activityID, atSeconds, atOffset, actorKey, actorID, ordinal
                FROM findingEvent
                """)
        while let row = try rows.next() {
            events.append(FindingEvent(
                fingerprint: row["fingerprint"], ruleID: row["ruleID"],
                severity: Severity(rawValue: row["severity"]) ?? .medium, activityID: row["activityID"],
                at: Timestamp(secondsSince1970: row["atSeconds"], utcOffset: row["atOffset"]),
                actorKey: row["actorKey"], actorID: row["actorID"], ordinal: row["ordinal"]))
        }
        events.sort(by: FindingEvent.timeOrder)
        return events
    }

    static func manual(_ db: Database) throws -> [StoredIncident] {
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT incidentID FROM decision
                WHERE decisionKey IS NULL OR decisionKey NOT LIKE 'auto:%' ORDER BY incidentID
                """)
        var incidents: [StoredIncident] = []
        for id in ids {
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]) else { continue }
            let history = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM decision WHERE incidentID = ? AND (decisionKey IS NULL OR decisionKey NOT LIKE 'auto:%')
                    ORDER BY position
                    """,
                arguments: [id]
            ).map(Decision.init(row:))
            var stored = try storedIncident(row: row, history: [])
            stored.incident.history = history
            incidents.append(stored)
        }
        return incidents
    }

    static func horizon(_ db: Database) throws -> Timestamp? {
        guard let value = try String.fetchOne(db, sql: "SELECT value FROM caseState WHERE key = 'escalationHorizon'") else {
            return nil
        }
        let parts = value.split(separator: " ")
        guard parts.count == 2, let seconds = Double(parts[0]), let offset = Int(parts[1]) else { return nil }
        return Timestamp(secondsSince1970: seconds, utcOffset: offset)
    }

    func loadStoredIncident(_ id: String, db: Database) throws -> StoredIncident? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let history = try Row.fetchAll(
            db, sql: "SELECT * FROM decision WHERE incidentID = ? AND superseded = 0 ORDER BY position", arguments: [id]
        ).map(Decision.init(row:))
        return try Self.storedIncident(row: row, history: history)
    }

    static func storedIncident(row: Row, history: [Decision]) throws -> StoredIncident {
        let incident = Incident(
            id: row["id"], kind: row["kind"], actorID: row["actorID"],
            openedBy: try JSONCoding.decode([String].self, from: row["openedBy"]),
            currentStep: row["currentStep"],
            status: Incident.Status(rawValue: row["status"]) ?? .open,
            history: history)
        let seconds: Double? = row["openedAtSeconds"]
        let offset: Int? = row["openedAtOffset"]
        return StoredIncident(
            incident: incident, actorKey: row["actorKey"] ?? incident.actorID ?? "?",
            openedAt: seconds.map { Timestamp(secondsSince1970: $0, utcOffset: offset ?? 0) })
    }
}

extension SQLiteCaseFile {
    /// Takes incidents kept elsewhere (an older version's file) into the
    /// case file, with their decisions, in one transaction; decisions
    /// already recorded (by key) are kept once.
    public func importIncidents(_ incidents: [StoredIncident]) throws {
        try wrap {
            try pool.write { db in
                for incident in incidents { try saveIncident(incident, run: nil, db: db) }
            }
        }
    }
}
