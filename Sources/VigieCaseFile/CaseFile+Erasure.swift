import Foundation
import GRDB
import VigieModel

/// An erasure as the case file records it: when, by whom, why and how many
/// rows went. Never who was erased.
public struct ErasureRecord: Hashable, Codable, Sendable {
    public var erasedAt: Date
    public var erasedBy: String
    public var reason: String
    public var rowsRemoved: Int
}

extension CaseFile {
    /// Removes a person from the case file (the right to erasure): the
    /// findings about them in every run, their finding events, the
    /// incidents about them with their decisions, the acceptances of those
    /// findings, and `vigie serve`'s decisions about them, in one transaction. `person` is a profile person's id
    /// or an account's key (`platform:handle`, as incidents show it). The
    /// erasure itself is recorded without the person's data. Returns the
    /// number of rows removed (0: nothing was held about them, nothing is
    /// recorded).
    @discardableResult
    public func erase(person: String, by who: String, reason: String, at date: Date = Date()) throws -> Int {
        let who = who.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !who.isEmpty, !reason.isEmpty else {
            throw CaseFileError(
                .missingReason, path: path,
                message: "an erasure needs the name of who asks for it and a reason (for example the request's date), recorded without the person's data")
        }
        return try wrap {
            try pool.writeWithoutTransaction { db in
                var removed = 0
                try db.inTransaction(.immediate) {
                    let fingerprints = try String.fetchAll(
                        db,
                        sql: """
                            SELECT fingerprint FROM findingEvent WHERE actorKey = ?1 OR actorID = ?1
                            UNION SELECT fingerprint FROM runFinding WHERE actorID = ?1
                            """,
                        arguments: [person])
                    for chunk in stride(from: 0, to: fingerprints.count, by: 500).map({ Array(fingerprints[$0..<min($0 + 500, fingerprints.count)]) }) {
                        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                        for table in ["runFinding", "findingEvent", "acceptedFinding", "finding"] {
                            try db.execute(sql: "DELETE FROM \(table) WHERE fingerprint IN (\(marks))", arguments: StatementArguments(chunk))
                            removed += db.changesCount
                        }
                    }
                    let incidents = try String.fetchAll(
                        db, sql: "SELECT id FROM incident WHERE actorKey = ?1 OR actorID = ?1", arguments: [person])
                    for id in incidents {
                        try db.execute(sql: "DELETE FROM decision WHERE incidentID = ?", arguments: [id])
                        removed += db.changesCount
                        try db.execute(sql: "DELETE FROM incident WHERE id = ?", arguments: [id])
                        removed += db.changesCount
                    }
                    // What `vigie serve` answered the person (hashes of drafts, no text).
                    try db.execute(sql: "DELETE FROM serveDecision WHERE person = ?", arguments: [person])
                    removed += db.changesCount
                    if removed > 0 {
                        try db.execute(
                            sql: "INSERT INTO erasure (erasedAt, erasedBy, reason, rowsRemoved) VALUES (?, ?, ?, ?)",
                            arguments: [date, who, reason, removed])
                    }
                    return .commit
                }
                return removed
            }
        }
    }

    /// The erasures recorded, oldest first.
    public func erasures() throws -> [ErasureRecord] {
        try wrap {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM erasure ORDER BY id").map {
                    ErasureRecord(erasedAt: $0["erasedAt"], erasedBy: $0["erasedBy"], reason: $0["reason"], rowsRemoved: $0["rowsRemoved"])
                }
            }
        }
    }
}
