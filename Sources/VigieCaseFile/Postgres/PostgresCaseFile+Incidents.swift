import Foundation
import VigieModel

/// The incidents and decisions of a client, read in two statements inside
/// a transaction, and kept in step with what `save` writes: the escalation
/// is saved with one statement per row that changes, not a few per incident.
/// Saving follows the SQLite case file's rules exactly (see
/// `SQLiteCaseFile.saveIncident`).
struct IncidentState {
    struct DecisionState {
        var position: Int
        var decision: Decision
        var superseded: Bool
    }

    struct Row {
        var kind: String
        var actorID: String?
        var openedBy: [String]
        var currentStep: String?
        var status: Incident.Status
        var actorKey: String?
        var openedAt: Timestamp?
        var superseded: Bool
        var firstRun: Int64?
        var lastRun: Int64?
        var decisions: [DecisionState]

        /// Its decisions in the case, in order.
        var history: [Decision] { decisions.filter { !$0.superseded }.sorted { $0.position < $1.position }.map(\.decision) }

        var hasManualDecision: Bool {
            decisions.contains { $0.decision.key.map { !$0.hasPrefix("auto:") } ?? true }
        }
    }

    var incidents: [String: Row] = [:]
    /// Every keyed decision: its key → its incident.
    var keys: [String: String] = [:]

    static func load(_ tx: PGTransaction) throws -> IncidentState {
        var state = IncidentState()
        for row in try tx.rows(
            """
            SELECT id, kind, actor_id, opened_by, current_step, status, actor_key, opened_at_seconds, opened_at_offset,
              superseded, first_run, last_run
            FROM incident
            """)
        {
            let seconds = row.double("opened_at_seconds")
            state.incidents[try row.text("id")] = Row(
                kind: try row.text("kind"), actorID: row.string("actor_id"),
                openedBy: try JSONCoding.decode([String].self, from: try row.text("opened_by")),
                currentStep: row.string("current_step"),
                status: Incident.Status(rawValue: row.string("status") ?? "") ?? .open,
                actorKey: row.string("actor_key"),
                openedAt: seconds.map { Timestamp(secondsSince1970: $0, utcOffset: row.int("opened_at_offset") ?? 0) },
                superseded: row.bool("superseded") ?? false, firstRun: row.int64("first_run"), lastRun: row.int64("last_run"),
                decisions: [])
        }
        for row in try tx.rows("SELECT * FROM decision ORDER BY incident_id, position") {
            let id = try row.text("incident_id")
            let decision = try PostgresCaseFile.decision(row)
            state.incidents[id]?.decisions.append(
                DecisionState(position: row.int("position") ?? 0, decision: decision, superseded: row.bool("superseded") ?? false))
            if let key = decision.key { state.keys[key] = id }
        }
        return state
    }

    /// The incident as `loadStoredIncident` reads it (superseded or not).
    func stored(_ id: String) -> StoredIncident? {
        guard let row = incidents[id] else { return nil }
        let incident = Incident(
            id: id, kind: row.kind, actorID: row.actorID, openedBy: row.openedBy, currentStep: row.currentStep,
            status: row.status, history: row.history)
        return StoredIncident(incident: incident, actorKey: row.actorKey ?? incident.actorID ?? "?", openedAt: row.openedAt)
    }

    /// Inserts or updates an incident and appends the decisions of its
    /// history not held yet: a keyed decision once per key (one superseded
    /// before comes back into the case), an unkeyed one unless an equal one
    /// is held. Returns the decisions recorded now.
    mutating func save(_ new: StoredIncident, run: RunID?, _ tx: PGTransaction) throws -> [RecordedDecision] {
        let incident = new.incident
        let stored = incidents[incident.id]
        var openedBy = stored?.openedBy ?? []
        for fingerprint in incident.openedBy where !openedBy.contains(fingerprint) { openedBy.append(fingerprint) }
        let openedByJSON = try JSONCoding.encode(openedBy)
        let runID = run?.rawValue
        if var row = stored {
            let updated = Row(
                kind: incident.kind, actorID: incident.actorID, openedBy: openedBy, currentStep: incident.currentStep,
                status: incident.status, actorKey: new.actorKey, openedAt: new.openedAt ?? row.openedAt, superseded: false,
                firstRun: row.firstRun ?? runID, lastRun: runID ?? row.lastRun, decisions: row.decisions)
            let changed = updated.kind != row.kind || updated.actorID != row.actorID || updated.openedBy != row.openedBy
                || updated.currentStep != row.currentStep || updated.status != row.status || updated.actorKey != row.actorKey
                || updated.openedAt != row.openedAt || row.superseded || updated.firstRun != row.firstRun
                || updated.lastRun != row.lastRun
            if changed {
                try tx.execute(
                    """
                    UPDATE incident SET kind = $1, actor_id = $2, opened_by = $3, current_step = $4, status = $5,
                      superseded = false, first_run = $6, last_run = $7, actor_key = $8, opened_at_seconds = $9,
                      opened_at_offset = $10
                    WHERE id = $11
                    """,
                    [.text(updated.kind), PGValue(updated.actorID), .text(openedByJSON), PGValue(updated.currentStep),
                     .text(updated.status.rawValue), PGValue(updated.firstRun), PGValue(updated.lastRun),
                     PGValue(updated.actorKey), PGValue(updated.openedAt?.secondsSince1970),
                     PGValue(updated.openedAt?.utcOffset), .text(incident.id)])
            }
            row = updated
            incidents[incident.id] = row
        } else {
            try tx.execute(
                """
                INSERT INTO incident (id, kind, actor_id, opened_by, current_step, status, first_run, last_run, actor_key,
                  opened_at_seconds, opened_at_offset)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)
                """,
                [.text(incident.id), .text(incident.kind), PGValue(incident.actorID), .text(openedByJSON),
                 PGValue(incident.currentStep), .text(incident.status.rawValue), PGValue(runID), .text(new.actorKey),
                 PGValue(new.openedAt?.secondsSince1970), PGValue(new.openedAt?.utcOffset)])
            incidents[incident.id] = Row(
                kind: incident.kind, actorID: incident.actorID, openedBy: openedBy, currentStep: incident.currentStep,
                status: incident.status, actorKey: new.actorKey, openedAt: new.openedAt, superseded: false,
                firstRun: runID, lastRun: runID, decisions: [])
        }
        let history = stored?.history ?? []
        let held = Set(history.compactMap(\.key))
        var unkeyed = history.filter { $0.key == nil }
        var position = (stored?.decisions.map(\.position).max()).map { $0 + 1 } ?? 0
        var recorded: [RecordedDecision] = []
        for decision in incident.history {
            if let key = decision.key {
                if held.contains(key) { continue }
                // Derived again after being superseded: back in the case.
                if let owner = keys[key] {
                    try tx.execute("UPDATE decision SET superseded = false WHERE decision_key = $1", [.text(key)])
                    if let index = incidents[owner]?.decisions.firstIndex(where: { $0.decision.key == key }) {
                        incidents[owner]?.decisions[index].superseded = false
                    }
                    continue
                }
            } else if let index = unkeyed.firstIndex(of: decision) {
                unkeyed.remove(at: index)
                continue
            }
            try tx.execute(
                """
                INSERT INTO decision (incident_id, position, action, step, reason, at_seconds, at_offset, decided_by, run_id,
                  decision_key, cause)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """,
                [.text(incident.id), PGValue(position), .text(decision.action.rawValue), PGValue(decision.step),
                 .text(decision.reason), .double(decision.at.secondsSince1970), PGValue(decision.at.utcOffset),
                 PGValue(decision.by), PGValue(runID), PGValue(decision.key), PGValue(decision.cause)])
            incidents[incident.id]?.decisions.append(DecisionState(position: position, decision: decision, superseded: false))
            if let key = decision.key { keys[key] = incident.id }
            position += 1
            recorded.append(RecordedDecision(incidentID: incident.id, decision: decision))
        }
        return recorded
    }

    /// The incidents holding decisions not derived by the escalation, with
    /// only those decisions (superseded ones included, as SQLite reads them).
    var manual: [StoredIncident] {
        incidents.keys.sorted().compactMap { id -> StoredIncident? in
            guard let row = incidents[id] else { return nil }
            let decisions = row.decisions.filter { $0.decision.key.map { !$0.hasPrefix("auto:") } ?? true }
            guard !decisions.isEmpty else { return nil }
            let incident = Incident(
                id: id, kind: row.kind, actorID: row.actorID, openedBy: row.openedBy, currentStep: row.currentStep,
                status: row.status, history: decisions.sorted { $0.position < $1.position }.map(\.decision))
            return StoredIncident(incident: incident, actorKey: row.actorKey ?? incident.actorID ?? "?", openedAt: row.openedAt)
        }
    }

    /// The incidents in the case (not superseded), by id, optionally of one status.
    func current(status: Incident.Status?) -> [StoredIncident] {
        incidents.keys.sorted().compactMap { id in
            guard let row = incidents[id], !row.superseded, status == nil || row.status == status else { return nil }
            return stored(id)
        }
    }
}

extension PostgresCaseFile {
    static func decision(_ row: PGRow) throws -> Decision {
        Decision(
            action: Decision.Action(rawValue: row.string("action") ?? "") ?? .note,
            step: row.string("step"), reason: row.string("reason") ?? "",
            at: Timestamp(secondsSince1970: row.double("at_seconds") ?? 0, utcOffset: row.int("at_offset") ?? 0),
            by: row.string("decided_by"), key: row.string("decision_key"), cause: row.string("cause"))
    }

    func incident(_ id: String) throws -> Incident? {
        try session.transaction(lockClient: false) { tx in try IncidentState.load(tx).stored(id)?.incident }
    }

    func incidents(status: Incident.Status?) throws -> [Incident] {
        try storedIncidents(status: status).map(\.incident)
    }

    func storedIncidents(status: Incident.Status?) throws -> [StoredIncident] {
        try session.transaction(lockClient: false) { tx in
            try tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return try IncidentState.load(tx).current(status: status)
        }
    }

    func manualIncidents() throws -> [StoredIncident] {
        try session.transaction(lockClient: false) { tx in
            try tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return try IncidentState.load(tx).manual
        }
    }

    func record(_ decision: Decision, incident id: String) throws -> Incident {
        try session.transaction { tx in
            var state = try IncidentState.load(tx)
            guard let stored = state.stored(id) else {
                throw error(.unknownIncident, "no incident \"\(id)\" in this case file; list the incidents to find its id")
            }
            var incident = stored.incident
            incident.record(decision)
            _ = try state.save(
                StoredIncident(incident: incident, actorKey: stored.actorKey, openedAt: stored.openedAt), run: nil, tx)
            return incident
        }
    }

    func recordManual(_ decision: Decision, incident id: String) throws -> StoredIncident {
        try session.transaction { tx in
            var state = try IncidentState.load(tx)
            guard var stored = state.stored(id) else {
                throw error(.unknownIncident, "no incident \"\(id)\" in this case file; `vigie incidents` lists them with their ids")
            }
            stored.incident.record(decision)
            _ = try state.save(stored, run: nil, tx)
            return stored
        }
    }

    func findingEvents() throws -> [FindingEvent] {
        try session.transaction(lockClient: false) { tx in try Self.events(tx) }
    }

    func escalationHorizon() throws -> Timestamp? {
        try session.transaction(lockClient: false) { tx in try Self.horizon(tx) }
    }

    func escalate(adding events: [FindingEvent], by escalate: (EscalationBasis) throws -> EscalationResult) throws
        -> [RecordedDecision]
    {
        try session.transaction { tx in
            for start in stride(from: 0, to: events.count, by: 500) {
                try insertEvents(Array(events[start..<min(start + 500, events.count)]), run: nil, tx)
            }
            return try applyEscalation(escalate, run: nil, tx)
        }
    }

    func importIncidents(_ incidents: [StoredIncident]) throws {
        try session.transaction { tx in
            var state = try IncidentState.load(tx)
            for incident in incidents { _ = try state.save(incident, run: nil, tx) }
        }
    }

    /// Reads the basis, runs `escalate`, saves the incidents and the
    /// decisions not yet recorded, supersedes what is no longer derived;
    /// returns the decisions recorded now. Inside a transaction holding the
    /// client's lock.
    func applyEscalation(
        _ escalate: (EscalationBasis) throws -> EscalationResult, run: RunID?, _ tx: PGTransaction
    ) throws -> [RecordedDecision] {
        var state = try IncidentState.load(tx)
        let basis = EscalationBasis(events: try Self.events(tx), manual: state.manual, horizon: try Self.horizon(tx))
        let result = try escalate(basis)
        var recorded: [RecordedDecision] = []
        for incident in result.incidents {
            recorded += try state.save(incident, run: run, tx)
        }
        // What the escalation derived before and no longer does: superseded.
        let derived = Set(result.incidents.map(\.id))
        for (id, row) in state.incidents where !row.superseded && !derived.contains(id) && !row.hasManualDecision {
            try tx.execute("UPDATE incident SET superseded = true WHERE id = $1", [.text(id)])
            state.incidents[id]?.superseded = true
        }
        for incident in result.incidents {
            let keys = Set(incident.incident.history.compactMap(\.key).filter { $0.hasPrefix("auto:") })
            let stale = (state.incidents[incident.id]?.decisions ?? []).compactMap { d -> String? in
                guard !d.superseded, let key = d.decision.key, key.hasPrefix("auto:"), !keys.contains(key) else { return nil }
                return key
            }
            for key in stale {
                try tx.execute("UPDATE decision SET superseded = true WHERE decision_key = $1", [.text(key)])
            }
        }
        if let horizon = result.horizon {
            try tx.execute(
                """
                INSERT INTO case_state (key, value) VALUES ('escalationHorizon', $1)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """, [.text("\(horizon.secondsSince1970) \(horizon.utcOffset)")])
        }
        return recorded
    }

    static func events(_ tx: PGTransaction) throws -> [FindingEvent] {
        // Sorted in place: a sorted copy would hold every event twice.
        var events = try tx.rows("SELECT * FROM finding_event").map { row in
            FindingEvent(
                fingerprint: try row.text("fingerprint"), ruleID: try row.text("rule_id"),
                severity: Severity(rawValue: row.string("severity") ?? "") ?? .medium, activityID: try row.text("activity_id"),
                at: Timestamp(secondsSince1970: row.double("at_seconds") ?? 0, utcOffset: row.int("at_offset") ?? 0),
                actorKey: try row.text("actor_key"), actorID: row.string("actor_id"), ordinal: row.int("ordinal") ?? 0)
        }
        events.sort(by: FindingEvent.timeOrder)
        return events
    }

    static func horizon(_ tx: PGTransaction) throws -> Timestamp? {
        guard let value = try tx.one("SELECT value FROM case_state WHERE key = 'escalationHorizon'")?.string("value") else {
            return nil
        }
        let parts = value.split(separator: " ")
        guard parts.count == 2, let seconds = Double(parts[0]), let offset = Int(parts[1]) else { return nil }
        return Timestamp(secondsSince1970: seconds, utcOffset: offset)
    }
}
