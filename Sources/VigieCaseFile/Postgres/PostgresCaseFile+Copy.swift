import Foundation

extension PostgresCaseFile {
    static let orderKeys: [String: String] = [
        "run": "id", "finding": "fingerprint COLLATE \"C\"", "run_finding": "run_id, fingerprint COLLATE \"C\"",
        "accepted_finding": "fingerprint COLLATE \"C\"", "finding_event": "fingerprint COLLATE \"C\"",
        "incident": "id COLLATE \"C\"", "decision": "id", "erasure": "id", "case_state": "key COLLATE \"C\"",
        "serve_decision": "id",
    ]

    func exportRecords(_ sink: (CaseTable, [[CaseValue]]) throws -> Void) throws {
        try session.transaction(lockClient: false) { tx in
            try tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if let running = try tx.one("SELECT id FROM run WHERE status = 'running' AND batch_key IS NOT NULL LIMIT 1")?.int64("id") {
                throw error(
                    .database,
                    "shared run #\(running) is still in progress: let its workers finish it (or stop them and mark it abandoned) before copying")
            }
            for table in CaseTables.all {
                if table.name == "serveKey" {
                    if let key = try tx.one("SELECT key FROM serve_key WHERE id = 1")?.string("key") {
                        try sink(table, [[.text(key)]])
                    }
                    continue
                }
                let columns = zip(table.postgresColumns, table.kinds).map { column, kind in
                    kind == .date ? PGDate.column(column) : column
                }.joined(separator: ", ")
                try tx.execute(
                    "DECLARE vigie_copy NO SCROLL CURSOR FOR SELECT \(columns) FROM \(table.postgresName) ORDER BY \(Self.orderKeys[table.postgresName] ?? "1")")
                while true {
                    let rows = try tx.rows("FETCH 1000 FROM vigie_copy")
                    if rows.isEmpty { break }
                    try sink(table, rows.map { row in
                        zip(table.postgresColumns, table.kinds).map { column, kind in Self.caseValue(row, column, kind) }
                    })
                }
                try tx.execute("CLOSE vigie_copy")
            }
        }
    }

    static func caseValue(_ row: PGRow, _ column: String, _ kind: CaseTable.Kind) -> CaseValue {
        switch kind {
        case .int: row.int64(column).map { .int($0) } ?? .null
        case .double: row.double(column).map { .double($0) } ?? .null
        case .text: row.string(column).map { .text($0) } ?? .null
        case .date: row.date(column).map { .date($0) } ?? .null
        case .bool: row.bool(column).map { .bool($0) } ?? .null
        }
    }

    static func pgValue(_ value: CaseValue) -> PGValue {
        switch value {
        case .null: .null
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .text(let t): .text(t)
        case .date(let d): PGValue(d)
        case .bool(let b): .bool(b)
        }
    }

    func importRecords(_ feed: (_ write: (CaseTable, [[CaseValue]]) throws -> Void) throws -> Void) throws {
        try session.transaction { tx in
            let tables = CaseTables.all.filter { $0.name != "serveKey" }
            let held = try tx.one(
                "SELECT " + tables.map { "(SELECT count(*) FROM \($0.postgresName))" }.joined(separator: " + ") + " AS n"
            )?.int("n") ?? 0
            guard held == 0 else {
                throw error(
                    .notEmpty,
                    "the destination already holds \(held) records; copy into a schema nobody uses yet (?schema=NAME)")
            }
            try feed { table, rows in
                if table.name == "serveKey" {
                    guard case .text(let key) = rows.first?.first else { return }
                    try tx.execute("UPDATE serve_key SET key = $1 WHERE id = 1", [.text(key)])
                    return
                }
                let perRow = table.columns.count
                let step = max(1, 30_000 / perRow)
                for start in stride(from: 0, to: rows.count, by: step) {
                    var binds: [PGValue] = []
                    var tuples: [String] = []
                    for row in rows[start..<min(start + step, rows.count)] {
                        let n = binds.count
                        tuples.append("(" + table.kinds.indices.map { i in
                            table.kinds[i] == .date ? "$\(n + i + 1)::timestamptz" : "$\(n + i + 1)"
                        }.joined(separator: ", ") + ")")
                        binds += row.map(Self.pgValue)
                    }
                    try tx.execute(
                        "INSERT INTO \(table.postgresName) (\(table.postgresColumns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))",
                        binds)
                }
            }
            // Ids given by the copy: the identities continue after them.
            for table in tables {
                guard let identity = table.identity.map(CaseTable.snake) else { continue }
                try tx.execute(
                    """
                    SELECT setval(pg_get_serial_sequence('\(table.postgresName)', '\(identity)'),
                      coalesce((SELECT max(\(identity)) FROM \(table.postgresName)), 0) + 1, false)
                    """)
            }
        }
    }
}
