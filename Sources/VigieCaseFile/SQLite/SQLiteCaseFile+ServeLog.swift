import Foundation
import GRDB

extension SQLiteCaseFile {
    /// The migration "v3 serve decision log": the table of `vigie serve`'s answers.
    static func createServeLog(_ db: Database) throws {
        try db.create(table: "serveDecision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("decidedAt", .datetime).notNull()
            t.column("policyName", .text).notNull()
            t.column("policyVersion", .text).notNull()
            t.column("decision", .text).notNull().check(sql: "decision IN ('allow', 'warn', 'block')")
            t.column("rules", .text).notNull()  // JSON [rule id]
            t.column("failedRules", .text).notNull()  // JSON [rule id]
            t.column("person", .text)
            t.column("draftHash", .text).notNull()
            t.column("platform", .text)
            t.column("kind", .text)
        }
        try db.create(index: "serveDecision_draftHash", on: "serveDecision", columns: ["draftHash"])
        try db.create(index: "serveDecision_person", on: "serveDecision", columns: ["person"])
    }

    /// The same, for the case file's interface: a SQLite commit is known
    /// when the call returns, so the token is not needed to avoid a double.
    func recordServeDecisions(_ records: [ServeDecisionRecord], token: String) throws {
        try recordServeDecisions(records)
    }

    /// Appends `vigie serve`'s decisions, all in one transaction.
    public func recordServeDecisions(_ records: [ServeDecisionRecord]) throws {
        guard !records.isEmpty else { return }
        let encoded = records.map { ($0, JSONCoding.jsonArray($0.rules), JSONCoding.jsonArray($0.failedRules)) }
        try wrap {
            try pool.write { db in
                let statement = try db.makeStatement(sql: """
                    INSERT INTO serveDecision (decidedAt, policyName, policyVersion, decision, rules, failedRules,
                      person, draftHash, platform, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (r, rules, failed) in encoded {
                    try statement.execute(arguments: [
                        r.decidedAt, r.policyName, r.policyVersion, r.decision, rules, failed, r.person, r.draftHash,
                        r.platform, r.kind,
                    ])
                }
            }
        }
    }

    /// `vigie serve`'s decisions, oldest first: all of them, those about one
    /// draft (its keyed hash), or those of one person.
    public func serveDecisions(draftHash: String? = nil, person: String? = nil) throws -> [ServeDecisionRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let draftHash {
            conditions.append("draftHash = ?")
            arguments += [draftHash]
        }
        if let person {
            conditions.append("person = ?")
            arguments += [person]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try wrap {
            try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM serveDecision\(filter) ORDER BY id", arguments: arguments) }
        }
        return try rows.map { row in
            ServeDecisionRecord(
                decidedAt: row["decidedAt"], policyName: row["policyName"], policyVersion: row["policyVersion"],
                decision: row["decision"], rules: try JSONCoding.decode([String].self, from: row["rules"]),
                failedRules: try JSONCoding.decode([String].self, from: row["failedRules"]), person: row["person"],
                draftHash: row["draftHash"], platform: row["platform"], kind: row["kind"])
        }
    }

    /// Removes `vigie serve`'s decisions about a person (the right to
    /// erasure); returns how many went.
    @discardableResult
    public func eraseServeDecisions(person: String) throws -> Int {
        try wrap {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM serveDecision WHERE person = ?", arguments: [person])
                return db.changesCount
            }
        }
    }
}
