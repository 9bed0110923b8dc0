import Foundation

/// One value of a record, as `vigie case-file copy` carries it between back ends.
public enum CaseValue: Hashable, Sendable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case date(Date)
    case bool(Bool)
}

/// A table of the case file as both back ends hold it: its name in SQLite
/// (camelCase, as GRDB made it) and in PostgreSQL (snake_case), and its
/// columns in a fixed order with their kinds.
public struct CaseTable: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case int, double, text, date, bool }

    public var name: String
    public var columns: [String]
    public var kinds: [Kind]
    /// The identity column whose sequence continues after the copied rows.
    public var identity: String?

    init(_ name: String, identity: String? = nil, _ columns: [(String, Kind)]) {
        self.name = name
        self.columns = columns.map(\.0)
        self.kinds = columns.map(\.1)
        self.identity = identity
    }

    /// The PostgreSQL spelling of a camelCase name; capitals in a row are
    /// one word (`processID` is `process_id`, `runFinding` is `run_finding`).
    static func snake(_ name: String) -> String {
        var out = ""
        var previousWasUpper = false
        for character in name {
            if character.isUppercase {
                if !previousWasUpper { out += "_" }
                out += character.lowercased()
                previousWasUpper = true
            } else {
                out.append(character)
                previousWasUpper = false
            }
        }
        return out
    }

    var postgresName: String { Self.snake(name) }
    var postgresColumns: [String] { columns.map(Self.snake) }
}

/// Every table a copy carries, parents before children. The bookkeeping of
/// shared runs in progress (their chunks) is not part of the record.
public enum CaseTables {
    public static let all: [CaseTable] = [
        CaseTable("run", identity: "id", [
            ("id", .int), ("policyName", .text), ("policyVersion", .text), ("inputs", .text), ("startedAt", .date),
            ("finishedAt", .date), ("status", .text), ("statusReason", .text), ("activityCount", .int),
            ("skippedCount", .int), ("findingCount", .int), ("newFindingCount", .int), ("incidentCount", .int),
            ("processID", .int),
        ]),
        CaseTable("finding", [("fingerprint", .text), ("ruleID", .text), ("firstSeenRun", .int), ("lastSeenRun", .int)]),
        CaseTable("runFinding", [
            ("runID", .int), ("fingerprint", .text), ("ruleID", .text), ("severity", .text), ("actorID", .text),
            ("activityID", .text), ("sourceFile", .text), ("sourceIndex", .int), ("sourceLine", .int),
            ("evidence", .text), ("advice", .text), ("mitigates", .text),
        ]),
        CaseTable("acceptedFinding", [
            ("fingerprint", .text), ("reason", .text), ("acceptedBy", .text), ("acceptedAt", .date), ("expiresAt", .date),
        ]),
        CaseTable("findingEvent", [
            ("fingerprint", .text), ("actorKey", .text), ("actorID", .text), ("ruleID", .text), ("severity", .text),
            ("activityID", .text), ("atSeconds", .double), ("atOffset", .int), ("ordinal", .int), ("firstRun", .int),
        ]),
        CaseTable("incident", [
            ("id", .text), ("kind", .text), ("actorID", .text), ("openedBy", .text), ("currentStep", .text),
            ("status", .text), ("firstRun", .int), ("lastRun", .int), ("actorKey", .text), ("openedAtSeconds", .double),
            ("openedAtOffset", .int), ("superseded", .bool),
        ]),
        CaseTable("decision", identity: "id", [
            ("id", .int), ("incidentID", .text), ("position", .int), ("action", .text), ("step", .text),
            ("reason", .text), ("atSeconds", .double), ("atOffset", .int), ("decidedBy", .text), ("runID", .int),
            ("decisionKey", .text), ("cause", .text), ("superseded", .bool),
        ]),
        CaseTable("erasure", identity: "id", [
            ("id", .int), ("erasedAt", .date), ("erasedBy", .text), ("reason", .text), ("rowsRemoved", .int),
        ]),
        CaseTable("caseState", [("key", .text), ("value", .text)]),
        CaseTable("serveDecision", identity: "id", [
            ("id", .int), ("decidedAt", .date), ("policyName", .text), ("policyVersion", .text), ("decision", .text),
            ("rules", .text), ("failedRules", .text), ("person", .text), ("draftHash", .text), ("platform", .text),
            ("kind", .text),
        ]),
        // The key of the decision log's draft hashes (SQLite: the file
        // `serve.key` beside the case file), so that drafts logged before
        // the copy are still recognised after it.
        CaseTable("serveKey", [("key", .text)]),
    ]

    public static func named(_ name: String) -> CaseTable? { all.first { $0.name == name } }
}

extension CaseFile {
    /// Every record, table by table, for a copy or a comparison: the tables
    /// of `CaseTables.all` in that order, their rows in key order.
    public func exportRecords(_ sink: (CaseTable, [[CaseValue]]) throws -> Void) throws {
        try store.exportRecords(sink)
    }

    /// Every record in memory (for small case files and tests): table name → rows.
    public func allRecords() throws -> [String: [[CaseValue]]] {
        var tables: [String: [[CaseValue]]] = [:]
        for table in CaseTables.all { tables[table.name] = [] }
        try exportRecords { table, rows in tables[table.name, default: []] += rows }
        return tables
    }

    /// Copies every record of `source` into `destination` (another back end,
    /// or the same kind elsewhere), in one transaction of the destination:
    /// runs with their ids and states, findings, acceptances, finding
    /// events, incidents and decisions (superseded ones included), erasures,
    /// the escalation's horizon, `vigie serve`'s decision log and its key.
    /// The destination must hold no record yet. Returns the rows copied per table.
    @discardableResult
    public static func copy(from source: CaseFile, to destination: CaseFile) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try destination.store.importRecords { write in
            counts = [:]
            try source.store.exportRecords { table, rows in
                counts[table.name, default: 0] += rows.count
                try write(table, rows)
            }
        }
        return counts
    }
}
