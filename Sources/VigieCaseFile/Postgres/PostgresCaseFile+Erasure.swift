import Foundation
import VigieModel

extension PostgresCaseFile {
    /// The right to erasure, in one transaction holding the client's lock,
    /// in every table that holds something about the person: run findings,
    /// findings, finding events, acceptances, incidents and their decisions,
    /// `vigie serve`'s decisions. Counted as the SQLite case file counts.
    func erase(person: String, by who: String, reason: String, at date: Date) throws -> Int {
        let who = who.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try session.transaction { tx in
            var removed = 0
            let fingerprints = try tx.rows(
                """
                SELECT fingerprint FROM finding_event WHERE actor_key = $1 OR actor_id = $1
                UNION SELECT fingerprint FROM run_finding WHERE actor_id = $1
                UNION SELECT fingerprint FROM chunk_event WHERE actor_key = $1 OR actor_id = $1
                """, [.text(person)]
            ).compactMap { $0.string("fingerprint") }
            if !fingerprints.isEmpty {
                for table in ["run_finding", "finding_event", "accepted_finding", "finding"] {
                    removed += try tx.execute("DELETE FROM \(table) WHERE fingerprint = ANY($1)", [.texts(fingerprints)])
                }
            }
            // A shared run in progress holds its finished chunks' events apart.
            removed += try tx.execute("DELETE FROM chunk_event WHERE actor_key = $1 OR actor_id = $1", [.text(person)])
            let incidents = try tx.rows(
                "SELECT id FROM incident WHERE actor_key = $1 OR actor_id = $1", [.text(person)]
            ).compactMap { $0.string("id") }
            if !incidents.isEmpty {
                removed += try tx.execute("DELETE FROM decision WHERE incident_id = ANY($1)", [.texts(incidents)])
                removed += try tx.execute("DELETE FROM incident WHERE id = ANY($1)", [.texts(incidents)])
            }
            // What `vigie serve` answered the person (hashes of drafts, no text).
            removed += try tx.execute("DELETE FROM serve_decision WHERE person = $1", [.text(person)])
            if removed > 0 {
                try tx.execute(
                    "INSERT INTO erasure (erased_at, erased_by, reason, rows_removed) VALUES ($1::timestamptz, $2, $3, $4)",
                    [PGValue(date), .text(who), .text(reason), PGValue(removed)])
            }
            return removed
        }
    }

    func erasures() throws -> [ErasureRecord] {
        try session.query(
            "SELECT \(PGDate.column("erased_at")), erased_by, reason, rows_removed FROM erasure ORDER BY id"
        ).rows.map {
            ErasureRecord(
                erasedAt: $0.date("erased_at") ?? Date(timeIntervalSince1970: 0), erasedBy: $0.string("erased_by") ?? "",
                reason: $0.string("reason") ?? "", rowsRemoved: $0.int("rows_removed") ?? 0)
        }
    }

    // MARK: vigie serve's decision log

    /// Appends a batch of decisions in one transaction, without the
    /// client's lock (instances write side by side). The batch carries a
    /// token: tried again after a lost commit, it is found written and not
    /// written twice. Needs only the serve role's grants (INSERT).
    func recordServeDecisions(_ records: [ServeDecisionRecord], token: String) throws {
        guard !records.isEmpty else { return }
        try session.transaction(lockClient: false) { tx in
            let fresh = try tx.execute(
                "INSERT INTO serve_batch (token, decisions) VALUES ($1, $2) ON CONFLICT (token) DO NOTHING",
                [.text(token), PGValue(records.count)])
            guard fresh == 1 else { return }
            for start in stride(from: 0, to: records.count, by: 1000) {
                let part = records[start..<min(start + 1000, records.count)]
                var binds: [PGValue] = []
                var tuples: [String] = []
                for r in part {
                    let n = binds.count
                    tuples.append("($\(n + 1)::timestamptz, " + (2...10).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
                    binds += [
                        PGValue(r.decidedAt), .text(r.policyName), .text(r.policyVersion), .text(r.decision),
                        .text(JSONCoding.jsonArray(r.rules)), .text(JSONCoding.jsonArray(r.failedRules)), PGValue(r.person),
                        .text(r.draftHash), PGValue(r.platform), PGValue(r.kind),
                    ]
                }
                try tx.execute(
                    """
                    INSERT INTO serve_decision (decided_at, policy_name, policy_version, decision, rules, failed_rules, person,
                      draft_hash, platform, kind)
                    VALUES \(tuples.joined(separator: ", "))
                    """, binds)
            }
        }
    }

    func serveDecisions(draftHash: String?, person: String?) throws -> [ServeDecisionRecord] {
        var conditions: [String] = []
        var binds: [PGValue] = []
        if let draftHash {
            binds.append(.text(draftHash))
            conditions.append("draft_hash = $\(binds.count)")
        }
        if let person {
            binds.append(.text(person))
            conditions.append("person = $\(binds.count)")
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try session.query(
            """
            SELECT \(PGDate.column("decided_at")), policy_name, policy_version, decision, rules, failed_rules, person,
              draft_hash, platform, kind
            FROM serve_decision\(filter) ORDER BY id
            """, binds
        ).rows.map { row in
            ServeDecisionRecord(
                decidedAt: row.date("decided_at") ?? Date(timeIntervalSince1970: 0), policyName: row.string("policy_name") ?? "",
                policyVersion: row.string("policy_version") ?? "", decision: row.string("decision") ?? "",
                rules: try JSONCoding.decode([String].self, from: try row.text("rules")),
                failedRules: try JSONCoding.decode([String].self, from: try row.text("failed_rules")),
                person: row.string("person"), draftHash: row.string("draft_hash") ?? "", platform: row.string("platform"),
                kind: row.string("kind"))
        }
    }

    func eraseServeDecisions(person: String) throws -> Int {
        try session.transaction { tx in
            try tx.execute("DELETE FROM serve_decision WHERE person = $1", [.text(person)])
        }
    }

    /// The key of the draft hashes, shared by every `vigie serve` instance
    /// of this client (created with the schema).
    func serveKey() throws -> String {
        guard let key = try session.query("SELECT key FROM serve_key WHERE id = 1").rows.first?.string("key") else {
            throw error(.database, "the schema has no decision-log key; run `vigie case-file migrate \(place)`")
        }
        return key
    }

    /// How many decisions the log holds (the serve role cannot read them:
    /// an administrator or auditor counts).
    func serveDecisionCount() throws -> Int {
        try session.query("SELECT count(*) AS n FROM serve_decision").rows.first?.int("n") ?? 0
    }
}
