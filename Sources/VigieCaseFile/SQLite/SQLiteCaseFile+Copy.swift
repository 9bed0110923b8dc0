import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

extension SQLiteCaseFile {
    /// The key file of `vigie serve`'s draft hashes, beside the case file.
    var serveKeyPath: String {
        (URL(fileURLWithPath: path).deletingLastPathComponent().path as NSString).appendingPathComponent("serve.key")
    }

    static let orderKeys: [String: String] = [
        "run": "id", "finding": "fingerprint", "runFinding": "runID, fingerprint", "acceptedFinding": "fingerprint",
        "findingEvent": "fingerprint", "incident": "id", "decision": "id", "erasure": "id", "caseState": "key",
        "serveDecision": "id",
    ]

    func exportRecords(_ sink: (CaseTable, [[CaseValue]]) throws -> Void) throws {
        try wrap {
            try pool.read { db in
                for table in CaseTables.all {
                    if table.name == "serveKey" {
                        if let data = FileManager.default.contents(atPath: serveKeyPath) {
                            let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                            try sink(table, [[.text(key)]])
                        }
                        continue
                    }
                    let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                    let cursor = try Row.fetchCursor(
                        db, sql: "SELECT \(columns) FROM \"\(table.name)\" ORDER BY \(Self.orderKeys[table.name] ?? "rowid")")
                    var batch: [[CaseValue]] = []
                    while let row = try cursor.next() {
                        batch.append(table.kinds.indices.map { Self.value(row[$0] as DatabaseValue, table.kinds[$0]) })
                        if batch.count == 1000 {
                            try sink(table, batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    if !batch.isEmpty { try sink(table, batch) }
                }
            }
        }
    }

    static func value(_ value: DatabaseValue, _ kind: CaseTable.Kind) -> CaseValue {
        if value.isNull { return .null }
        switch kind {
        case .int: return Int64.fromDatabaseValue(value).map { .int($0) } ?? .null
        case .double: return Double.fromDatabaseValue(value).map { .double($0) } ?? .null
        case .text: return String.fromDatabaseValue(value).map { .text($0) } ?? .null
        case .date: return Date.fromDatabaseValue(value).map { .date($0) } ?? .null
        case .bool: return Bool.fromDatabaseValue(value).map { .bool($0) } ?? .null
        }
    }

    static func databaseValue(_ value: CaseValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .null: nil
        case .int(let i): i
        case .double(let d): d
        case .text(let t): t
        case .date(let d): d
        case .bool(let b): b
        }
    }

    func importRecords(_ feed: (_ write: (CaseTable, [[CaseValue]]) throws -> Void) throws -> Void) throws {
        try wrap {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let held = try CaseTables.all.filter { $0.name != "serveKey" }.reduce(0) { total, table in
                        total + (try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table.name)\"") ?? 0)
                    }
                    guard held == 0 else {
                        throw CaseFileError(
                            .notEmpty, path: path,
                            message: "the destination already holds \(held) records; copy into a new case file (a new path, or a schema nobody uses yet)")
                    }
                    var statements: [String: Statement] = [:]
                    try feed { table, rows in
                        if table.name == "serveKey" {
                            for row in rows {
                                guard case .text(let key) = row.first else { continue }
                                try writeServeKey(key)
                            }
                            return
                        }
                        let statement: Statement
                        if let known = statements[table.name] {
                            statement = known
                        } else {
                            let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                            let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                            statement = try db.makeStatement(sql: "INSERT INTO \"\(table.name)\" (\(columns)) VALUES (\(marks))")
                            statements[table.name] = statement
                        }
                        for row in rows {
                            try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
                        }
                    }
                    return .commit
                }
            }
        }
    }

    /// Writes `serve.key` (mode 0600) unless it holds this key already; a
    /// different key there is not overwritten.
    func writeServeKey(_ key: String) throws {
        if let data = FileManager.default.contents(atPath: serveKeyPath) {
            let existing = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard existing == key else {
                throw CaseFileError(
                    .notEmpty, path: path,
                    message: "\(serveKeyPath) holds another decision-log key; move it aside to copy this case file here")
            }
            return
        }
        let fd = Glibc.open(serveKeyPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw CaseFileError(.readOnly, path: path, message: "cannot write \(serveKeyPath): \(String(cString: strerror(errno)))")
        }
        let bytes = Array((key + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        Glibc.close(fd)
        guard written == bytes.count else {
            unlink(serveKeyPath)
            throw CaseFileError(.diskFull, path: path, message: "cannot write \(serveKeyPath)")
        }
    }
}
