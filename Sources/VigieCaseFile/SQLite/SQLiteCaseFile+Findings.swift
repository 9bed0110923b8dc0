import Foundation
import GRDB
import VigieModel

extension SQLiteCaseFile {
    /// The findings a complete run saved, most severe first.
    public func findings(in run: RunID) throws -> [StoredFinding] {
        try wrap {
            try pool.read { db in
                _ = try requireRun(run, in: db)
                return try fetchStored(db, sql: "\(Self.storedSelect) WHERE rf.runID = ?", arguments: [run.rawValue])
            }
        }
    }

    /// What a rerun shows as new: the findings of `run` that no earlier
    /// complete run reported and that nobody accepted.
    public func newFindings(in run: RunID) throws -> [StoredFinding] {
        try wrap {
            try pool.read { db in
                _ = try requireRun(run, in: db)
                return try fetchStored(
                    db,
                    sql: """
                        \(Self.storedSelect)
                        WHERE rf.runID = ? AND a.fingerprint IS NULL AND NOT EXISTS (
                          SELECT 1 FROM runFinding p JOIN run r ON r.id = p.runID
                          WHERE p.fingerprint = rf.fingerprint AND p.runID < rf.runID AND r.status = 'complete')
                        """,
                    arguments: [run.rawValue])
            }
        }
    }

    /// Compares the findings of `run` with those of `baseline`, by default the
    /// last complete run before it. Accepted findings are set apart.
    public func compare(_ run: RunID, baseline: RunID? = nil) throws -> FindingComparison {
        try wrap {
            try pool.read { db in
                let base = try baselineRun(of: run, given: baseline, in: db)
                let current = try fetchStored(db, sql: "\(Self.storedSelect) WHERE rf.runID = ?", arguments: [run.rawValue])
                var previous: [StoredFinding] = []
                if let base {
                    previous = try fetchStored(db, sql: "\(Self.storedSelect) WHERE rf.runID = ?", arguments: [base.rawValue])
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
    }

    /// The run `run` is compared with: `baseline` if given (it must exist),
    /// else the last complete run before it. `run` must exist.
    private func baselineRun(of run: RunID, given baseline: RunID?, in db: Database) throws -> RunID? {
        _ = try requireRun(run, in: db)
        if let baseline {
            _ = try requireRun(baseline, in: db)
            return baseline
        }
        let previous = try Int64.fetchOne(
            db, sql: "SELECT id FROM run WHERE status = 'complete' AND id < ? ORDER BY id DESC LIMIT 1",
            arguments: [run.rawValue])
        return previous.map { RunID($0) }
    }

    /// What `compare` says, as counts: for runs too large to load whole.
    public func compareCounts(_ run: RunID, baseline: RunID? = nil) throws -> FindingComparison.Counts {
        try wrap {
            try pool.read { db in
                let base = try baselineRun(of: run, given: baseline, in: db)
                // -1 stands for "no baseline": no run has that id.
                let b = base?.rawValue ?? -1
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT
                          coalesce(sum(a.fingerprint IS NULL AND p.fingerprint IS NULL), 0) AS added,
                          coalesce(sum(a.fingerprint IS NULL AND p.fingerprint IS NOT NULL), 0) AS unchanged,
                          coalesce(sum(a.fingerprint IS NOT NULL), 0) AS accepted
                        FROM runFinding rf
                        LEFT JOIN activeAcceptance a ON a.fingerprint = rf.fingerprint
                        LEFT JOIN runFinding p ON p.runID = ?2 AND p.fingerprint = rf.fingerprint
                        WHERE rf.runID = ?1
                        """,
                    arguments: [run.rawValue, b])
                let removed = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM runFinding p WHERE p.runID = ?2 AND NOT EXISTS (
                          SELECT 1 FROM runFinding rf WHERE rf.runID = ?1 AND rf.fingerprint = p.fingerprint)
                        """,
                    arguments: [run.rawValue, b]) ?? 0
                return FindingComparison.Counts(
                    run: run, baseline: base, added: row?["added"] ?? 0, unchanged: row?["unchanged"] ?? 0,
                    removed: removed, accepted: row?["accepted"] ?? 0)
            }
        }
    }

    /// Which of `fingerprints` `compare(run, baseline:)` would count as added:
    /// those not accepted and not reported by `baseline` (all of the ones
    /// not accepted when it is nil). Ask for a few hundred at a time.
    public func addedFingerprints(among fingerprints: [String], baseline: RunID?) throws -> Set<String> {
        let asked = Array(Set(fingerprints))
        guard !asked.isEmpty else { return [] }
        return try wrap {
            try pool.read { db in
                let marks = Array(repeating: "?", count: asked.count).joined(separator: ", ")
                var known = try String.fetchAll(
                    db, sql: "SELECT fingerprint FROM activeAcceptance WHERE fingerprint IN (\(marks))",
                    arguments: StatementArguments(asked))
                if let baseline {
                    known += try String.fetchAll(
                        db, sql: "SELECT fingerprint FROM runFinding WHERE runID = ? AND fingerprint IN (\(marks))",
                        arguments: StatementArguments([baseline.rawValue as any DatabaseValueConvertible] + asked))
                }
                return Set(asked).subtracting(known)
            }
        }
    }

    /// Accepts a finding into the baseline: later runs still report it, but
    /// not as new, until the acceptance `expires` (if it does). Accepting it
    /// again replaces the reason. Unless `requireKnown` is false (a team's
    /// shared acceptances), the fingerprint must be one this file has seen.
    public func accept(
        fingerprint: String, reason: String, by person: String, at date: Date = Date(), expires: Date? = nil,
        requireKnown: Bool = true
    ) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let person = person.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, !person.isEmpty else {
            throw CaseFileError(
                .missingReason, path: path,
                message: "accepting \(fingerprint) needs a reason and the name of who accepts it, so that the next consultant knows why")
        }
        try wrap {
            try pool.write { db in
                if requireKnown,
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM finding WHERE fingerprint = ?", arguments: [fingerprint]) == nil
                {
                    throw CaseFileError(
                        .unknownFingerprint, path: path,
                        message: "no finding has the fingerprint \(fingerprint); copy it from a report of a complete run")
                }
                try db.execute(
                    sql: """
                        INSERT INTO acceptedFinding (fingerprint, reason, acceptedBy, acceptedAt, expiresAt) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(fingerprint) DO UPDATE SET
                          reason = excluded.reason, acceptedBy = excluded.acceptedBy, acceptedAt = excluded.acceptedAt,
                          expiresAt = excluded.expiresAt
                        """,
                    arguments: [fingerprint, reason, person, date, expires])
            }
        }
    }

    /// Merges acceptances shared by a team (a file committed with the
    /// policy): each is taken unless this file holds a later acceptance of
    /// the same finding. Returns how many were taken.
    @discardableResult
    public func merge(acceptances: [AcceptedFinding]) throws -> Int {
        try wrap {
            try pool.write { db in
                var taken = 0
                for a in acceptances {
                    try db.execute(
                        sql: """
                            INSERT INTO acceptedFinding (fingerprint, reason, acceptedBy, acceptedAt, expiresAt) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT(fingerprint) DO UPDATE SET
                              reason = excluded.reason, acceptedBy = excluded.acceptedBy, acceptedAt = excluded.acceptedAt,
                              expiresAt = excluded.expiresAt
                            WHERE excluded.acceptedAt > acceptedFinding.acceptedAt
                            """,
                        arguments: [a.fingerprint, a.reason, a.acceptedBy, a.acceptedAt, a.expiresAt])
                    taken += db.changesCount
                }
                return taken
            }
        }
    }

    /// Takes a finding out of the baseline; returns whether it was in it.
    @discardableResult
    public func revokeAcceptance(fingerprint: String) throws -> Bool {
        try wrap {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM acceptedFinding WHERE fingerprint = ?", arguments: [fingerprint])
                return db.changesCount > 0
            }
        }
    }

    /// The baseline, oldest acceptance first.
    public func acceptedFindings() throws -> [AcceptedFinding] {
        try wrap {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM acceptedFinding ORDER BY acceptedAt, fingerprint").map(AcceptedFinding.init(row:))
            }
        }
    }

    // MARK: Rows

    static let storedSelect = """
        SELECT rf.*, f.firstSeenRun, f.lastSeenRun,
          a.fingerprint AS acceptedFingerprint, a.reason AS acceptedReason, a.acceptedBy, a.acceptedAt, a.expiresAt
        FROM runFinding rf
        JOIN finding f ON f.fingerprint = rf.fingerprint
        LEFT JOIN activeAcceptance a ON a.fingerprint = rf.fingerprint
        """

    func fetchStored(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredFinding] {
        let stored = try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredFinding.init(row:))
        // Most severe first, then by rule and fingerprint.
        return stored.sorted { a, b in
            if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
            return (a.finding.ruleID, a.fingerprint) < (b.finding.ruleID, b.fingerprint)
        }
    }

    /// Whether no complete run before `run` reported `fingerprint`, and it is not accepted.
    func isNew(_ fingerprint: String, in run: RunID, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT NOT EXISTS (SELECT 1 FROM activeAcceptance WHERE fingerprint = ?1)
                  AND NOT EXISTS (SELECT 1 FROM runFinding p JOIN run r ON r.id = p.runID
                    WHERE p.fingerprint = ?1 AND p.runID < ?2 AND r.status = 'complete')
                """,
            arguments: [fingerprint, run.rawValue]) ?? true
    }
}

extension StoredFinding {
    init(row: Row) throws {
        let source: RecordSource? = (row["sourceFile"] as String?).map {
            RecordSource(file: $0, index: row["sourceIndex"] ?? 0, line: row["sourceLine"])
        }
        var finding = Finding(
            ruleID: row["ruleID"],
            severity: Severity(rawValue: row["severity"]) ?? .info,
            evidence: try JSONCoding.decode([EvidenceSpan].self, from: row["evidence"]),
            actorID: row["actorID"],
            activity: ActivityReference(id: row["activityID"], source: source),
            advice: row["advice"],
            mitigates: try JSONCoding.decode([String].self, from: row["mitigates"]))
        finding.fingerprint = row["fingerprint"]
        var acceptance: AcceptedFinding?
        if let accepted: String = row["acceptedFingerprint"] {
            acceptance = AcceptedFinding(
                fingerprint: accepted, reason: row["acceptedReason"], acceptedBy: row["acceptedBy"],
                acceptedAt: row["acceptedAt"], expiresAt: row["expiresAt"])
        }
        self.init(
            finding: finding, firstSeenRun: RunID(row["firstSeenRun"] as Int64),
            lastSeenRun: RunID(row["lastSeenRun"] as Int64), acceptance: acceptance)
    }
}

extension AcceptedFinding {
    init(row: Row) {
        self.init(
            fingerprint: row["fingerprint"], reason: row["reason"], acceptedBy: row["acceptedBy"],
            acceptedAt: row["acceptedAt"], expiresAt: row["expiresAt"])
    }
}
