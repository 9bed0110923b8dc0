import Foundation
import GRDB

/// One answer of `vigie serve` as the case file keeps it: when, which policy
/// version answered, the decision, the rules that flagged (and those that
/// could not finish), the person if the client named one, and a keyed hash
/// of the draft, so that the same draft is recognised without being stored.
/// The draft itself is never stored.
public struct ServeDecisionRecord: Hashable, Codable, Sendable {
    public var decidedAt: Date
    public var policyName: String
    public var policyVersion: String
    /// `allow`, `warn` or `block`.
    public var decision: String
    /// The rules that flagged the draft, in the order of the findings (each once).
    public var rules: [String]
    /// The rules that failed or hit a sandbox limit on the draft.
    public var failedRules: [String]
    /// The profile person the client named, if any.
    public var person: String?
    /// HMAC-SHA256 of the draft's text (hexadecimal), keyed by the case file's serve key.
    public var draftHash: String
    public var platform: String?
    public var kind: String?

    public init(
        decidedAt: Date, policyName: String, policyVersion: String, decision: String, rules: [String],
        failedRules: [String] = [], person: String? = nil, draftHash: String, platform: String? = nil,
        kind: String? = nil
    ) {
        self.decidedAt = decidedAt
        self.policyName = policyName
        self.policyVersion = policyVersion
        self.decision = decision
        self.rules = rules
        self.failedRules = failedRules
        self.person = person
        self.draftHash = draftHash
        self.platform = platform
        self.kind = kind
    }
}

extension CaseFile {
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

    /// Appends `vigie serve`'s decisions, all in one transaction.
    public func recordServeDecisions(_ records: [ServeDecisionRecord]) throws {
        guard !records.isEmpty else { return }
        let encoded = records.map { ($0, Self.jsonArray($0.rules), Self.jsonArray($0.failedRules)) }
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

    /// A JSON array of texts (what `JSONCoding.encode` writes, without an
    /// encoder per row: the server logs thousands of decisions a second).
    static func jsonArray(_ strings: [String]) -> String {
        var out = "["
        for (i, text) in strings.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
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
