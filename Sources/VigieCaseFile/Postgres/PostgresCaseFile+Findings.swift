import Foundation
import VigieModel

extension PostgresCaseFile {
    static let storedSelect = """
        SELECT rf.*, f.first_seen_run, f.last_seen_run,
          a.fingerprint AS accepted_fingerprint, a.reason AS accepted_reason, a.accepted_by,
          \(PGDate.column("a.accepted_at")), \(PGDate.column("a.expires_at"))
        FROM run_finding rf
        JOIN finding f ON f.fingerprint = rf.fingerprint
        LEFT JOIN active_acceptance a ON a.fingerprint = rf.fingerprint
        """

    func findings(in run: RunID) throws -> [StoredFinding] {
        try session.transaction(lockClient: false) { tx in
            _ = try requireRun(run, tx)
            return try fetchStored(tx, "\(Self.storedSelect) WHERE rf.run_id = $1", [.int(run.rawValue)])
        }
    }

    func newFindings(in run: RunID) throws -> [StoredFinding] {
        try session.transaction(lockClient: false) { tx in
            _ = try requireRun(run, tx)
            return try fetchStored(
                tx,
                """
                \(Self.storedSelect)
                WHERE rf.run_id = $1 AND a.fingerprint IS NULL AND NOT EXISTS (
                  SELECT 1 FROM run_finding p JOIN run r ON r.id = p.run_id
                  WHERE p.fingerprint = rf.fingerprint AND p.run_id < rf.run_id AND r.status = 'complete')
                """, [.int(run.rawValue)])
        }
    }

    func compare(_ run: RunID, baseline: RunID?) throws -> FindingComparison {
        try session.transaction(lockClient: false) { tx in
            try tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            let base = try baselineRun(of: run, given: baseline, tx)
            let current = try fetchStored(tx, "\(Self.storedSelect) WHERE rf.run_id = $1", [.int(run.rawValue)])
            var previous: [StoredFinding] = []
            if let base {
                previous = try fetchStored(tx, "\(Self.storedSelect) WHERE rf.run_id = $1", [.int(base.rawValue)])
            }
            let before = Set(previous.map(\.fingerprint))
            let now = Set(current.map(\.fingerprint))
            return FindingComparison(
                run: run, baseline: base,
                added: current.filter { !$0.isAccepted && !before.contains($0.fingerprint) },
                unchanged: current.filter { !$0.isAccepted && before.contains($0.fingerprint) },
                removed: previous.filter { !now.contains($0.fingerprint) },
                accepted: current.filter(\.isAccepted))
        }
    }

    private func baselineRun(of run: RunID, given baseline: RunID?, _ tx: PGTransaction) throws -> RunID? {
        _ = try requireRun(run, tx)
        if let baseline {
            _ = try requireRun(baseline, tx)
            return baseline
        }
        return try tx.one(
            "SELECT id FROM run WHERE status = 'complete' AND id < $1 ORDER BY id DESC LIMIT 1", [.int(run.rawValue)]
        )?.int64("id").map { RunID($0) }
    }

    func compareCounts(_ run: RunID, baseline: RunID?) throws -> FindingComparison.Counts {
        try session.transaction(lockClient: false) { tx in
            try tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            let base = try baselineRun(of: run, given: baseline, tx)
            // -1 stands for "no baseline": no run has that id.
            let b = base?.rawValue ?? -1
            let row = try tx.one(
                """
                SELECT
                  count(*) FILTER (WHERE a.fingerprint IS NULL AND p.fingerprint IS NULL) AS added,
                  count(*) FILTER (WHERE a.fingerprint IS NULL AND p.fingerprint IS NOT NULL) AS unchanged,
                  count(*) FILTER (WHERE a.fingerprint IS NOT NULL) AS accepted
                FROM run_finding rf
                LEFT JOIN active_acceptance a ON a.fingerprint = rf.fingerprint
                LEFT JOIN run_finding p ON p.run_id = $2 AND p.fingerprint = rf.fingerprint
                WHERE rf.run_id = $1
                """, [.int(run.rawValue), .int(b)])
            let removed = try tx.one(
                """
                SELECT count(*) AS n FROM run_finding p WHERE p.run_id = $2 AND NOT EXISTS (
                  SELECT 1 FROM run_finding rf WHERE rf.run_id = $1 AND rf.fingerprint = p.fingerprint)
                """, [.int(run.rawValue), .int(b)]
            )?.int("n") ?? 0
            return FindingComparison.Counts(
                run: run, baseline: base, added: row?.int("added") ?? 0, unchanged: row?.int("unchanged") ?? 0,
                removed: removed, accepted: row?.int("accepted") ?? 0)
        }
    }

    func addedFingerprints(among fingerprints: [String], baseline: RunID?) throws -> Set<String> {
        let asked = Array(Set(fingerprints))
        guard !asked.isEmpty else { return [] }
        return try session.transaction(lockClient: false) { tx in
            var known = try tx.rows(
                "SELECT fingerprint FROM active_acceptance WHERE fingerprint = ANY($1)", [.texts(asked)]
            ).compactMap { $0.string("fingerprint") }
            if let baseline {
                known += try tx.rows(
                    "SELECT fingerprint FROM run_finding WHERE run_id = $1 AND fingerprint = ANY($2)",
                    [.int(baseline.rawValue), .texts(asked)]
                ).compactMap { $0.string("fingerprint") }
            }
            return Set(asked).subtracting(known)
        }
    }

    func accept(fingerprint: String, reason: String, by person: String, at date: Date, expires: Date?, requireKnown: Bool) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let person = person.trimmingCharacters(in: .whitespacesAndNewlines)
        try session.transaction { tx in
            if requireKnown, try tx.one("SELECT 1 AS found FROM finding WHERE fingerprint = $1", [.text(fingerprint)]) == nil {
                throw error(.unknownFingerprint, "no finding has the fingerprint \(fingerprint); copy it from a report of a complete run")
            }
            try tx.execute(
                """
                INSERT INTO accepted_finding (fingerprint, reason, accepted_by, accepted_at, expires_at)
                VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)
                ON CONFLICT (fingerprint) DO UPDATE SET
                  reason = EXCLUDED.reason, accepted_by = EXCLUDED.accepted_by, accepted_at = EXCLUDED.accepted_at,
                  expires_at = EXCLUDED.expires_at
                """, [.text(fingerprint), .text(reason), .text(person), PGValue(date), PGValue(expires)])
        }
    }

    func merge(acceptances: [AcceptedFinding]) throws -> Int {
        try session.transaction { tx in
            var taken = 0
            for a in acceptances {
                taken += try tx.execute(
                    """
                    INSERT INTO accepted_finding (fingerprint, reason, accepted_by, accepted_at, expires_at)
                    VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)
                    ON CONFLICT (fingerprint) DO UPDATE SET
                      reason = EXCLUDED.reason, accepted_by = EXCLUDED.accepted_by, accepted_at = EXCLUDED.accepted_at,
                      expires_at = EXCLUDED.expires_at
                    WHERE EXCLUDED.accepted_at > accepted_finding.accepted_at
                    """, [.text(a.fingerprint), .text(a.reason), .text(a.acceptedBy), PGValue(a.acceptedAt), PGValue(a.expiresAt)])
            }
            return taken
        }
    }

    func revokeAcceptance(fingerprint: String) throws -> Bool {
        try session.transaction { tx in
            try tx.execute("DELETE FROM accepted_finding WHERE fingerprint = $1", [.text(fingerprint)]) > 0
        }
    }

    func acceptedFindings() throws -> [AcceptedFinding] {
        try session.query(
            """
            SELECT fingerprint, reason, accepted_by, \(PGDate.column("accepted_at")), \(PGDate.column("expires_at"))
            FROM accepted_finding ORDER BY accepted_finding.accepted_at, fingerprint COLLATE "C"
            """
        ).rows.map { row in
            AcceptedFinding(
                fingerprint: row.string("fingerprint") ?? "", reason: row.string("reason") ?? "",
                acceptedBy: row.string("accepted_by") ?? "", acceptedAt: row.date("accepted_at") ?? Date(timeIntervalSince1970: 0),
                expiresAt: row.date("expires_at"))
        }
    }

    func fetchStored(_ tx: PGTransaction, _ sql: String, _ binds: [PGValue]) throws -> [StoredFinding] {
        let stored = try tx.rows(sql, binds).map(Self.storedFinding)
        // Most severe first, then by rule and fingerprint.
        return stored.sorted { a, b in
            if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
            return (a.finding.ruleID, a.fingerprint) < (b.finding.ruleID, b.fingerprint)
        }
    }

    static func storedFinding(_ row: PGRow) throws -> StoredFinding {
        let source: RecordSource? = row.string("source_file").map {
            RecordSource(file: $0, index: row.int("source_index") ?? 0, line: row.int("source_line"))
        }
        var finding = Finding(
            ruleID: try row.text("rule_id"),
            severity: Severity(rawValue: try row.text("severity")) ?? .info,
            evidence: try JSONCoding.decode([EvidenceSpan].self, from: try row.text("evidence")),
            actorID: row.string("actor_id"),
            activity: ActivityReference(id: try row.text("activity_id"), source: source),
            advice: row.string("advice"),
            mitigates: try JSONCoding.decode([String].self, from: try row.text("mitigates")))
        finding.fingerprint = try row.text("fingerprint")
        var acceptance: AcceptedFinding?
        if let accepted = row.string("accepted_fingerprint") {
            acceptance = AcceptedFinding(
                fingerprint: accepted, reason: row.string("accepted_reason") ?? "", acceptedBy: row.string("accepted_by") ?? "",
                acceptedAt: row.date("accepted_at") ?? Date(timeIntervalSince1970: 0), expiresAt: row.date("expires_at"))
        }
        return StoredFinding(
            finding: finding, firstSeenRun: RunID(row.int64("first_seen_run") ?? 0),
            lastSeenRun: RunID(row.int64("last_seen_run") ?? 0), acceptance: acceptance)
    }
}
