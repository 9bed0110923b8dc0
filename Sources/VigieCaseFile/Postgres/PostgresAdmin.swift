import Foundation

/// What an administrator does to a client's PostgreSQL schema, outside
/// runs: `vigie case-file migrate` (the migrations and the client's roles),
/// and plain statements (the tests create roles and look at tables with it).
public final class PostgresAdmin: @unchecked Sendable {
    public let location: PostgresLocation
    let session: PGSession

    /// A connection of its own, opened at the first statement.
    public init(_ location: PostgresLocation, retry: PGRetryPolicy = PGRetryPolicy()) {
        self.location = location
        session = PGSession(location: location, retry: retry)
    }

    deinit { session.close() }

    public func close() { session.close() }

    /// What `migrate` did.
    public struct Migration: Hashable, Sendable {
        /// The migrations applied now, in order (empty: it was up to date).
        public var applied: [String]
        /// Every migration applied, in order.
        public var all: [String]
        /// Whether the client's roles were created or granted (the role
        /// migrating may create roles), and their names.
        public var rolesGranted: Bool
        public var roles: [String]
    }

    /// Creates the client's schema when missing, applies the migrations
    /// missing, and creates and grants the client's roles (consultant,
    /// auditor, serve) when this role may create roles.
    public func migrate() throws -> Migration {
        let outcome = try PostgresCaseFile.bringUpToDate(session, location: location, explicit: true)
        let all = try session.query("SELECT identifier FROM vigie_migrations ORDER BY applied_at, identifier").rows
            .compactMap { $0.string("identifier") }
        return Migration(
            applied: outcome.applied, all: all, rolesGranted: outcome.rolesGranted,
            roles: [location.consultantRole, location.auditorRole, location.serveRole])
    }

    /// Runs one statement (its own transaction); returns the rows it changed.
    @discardableResult
    public func execute(_ sql: String) throws -> Int {
        try session.withRetry(idempotent: false) { try session.run(sql, []).affected }
    }

    /// Runs one query; each row's values as text, by column (NULLs left out).
    public func rows(_ sql: String) throws -> [[String: String]] {
        try session.withRetry(idempotent: true) {
            try session.run(sql, []).rows.map { row in
                var values: [String: String] = [:]
                for (name, _) in row.names { if let text = row.string(name) { values[name] = text } }
                return values
            }
        }
    }

    /// The first column of the first row, as text.
    public func value(_ sql: String) throws -> String? {
        let result = try session.withRetry(idempotent: true) { try session.run(sql, []) }
        guard let row = result.rows.first, let first = row.names.min(by: { $0.value < $1.value })?.key else { return nil }
        return row.string(first)
    }

    /// The key of `vigie serve`'s draft hashes for this client.
    public func serveKey() throws -> String {
        try PostgresCaseFile(location: location, migrate: false).serveKey()
    }
}

extension CaseFile {
    /// The key of `vigie serve`'s draft hashes, shared by every instance
    /// (PostgreSQL only: the SQLite case file keeps it in `serve.key` beside it).
    public func sharedServeKey() throws -> [UInt8] {
        let hex = try sharedStore().serveKey()
        let digits = Array(hex.utf8)
        guard digits.count >= 32, digits.count % 2 == 0 else {
            throw CaseFileError(.database, path: path, message: "the decision log's key in the database is not hexadecimal")
        }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var i = 0
        while i < digits.count {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else {
                throw CaseFileError(.database, path: path, message: "the decision log's key in the database is not hexadecimal")
            }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        return bytes
    }

    /// Whether the database answers now (a cheap statement; no retry):
    /// what `vigie serve`'s /healthz reports. Nil for a SQLite case file.
    public func databaseReachable() -> (reachable: Bool, error: String?)? {
        guard let store = store as? PostgresCaseFile else { return nil }
        do {
            try store.session.withRetry(idempotent: false) { _ = try store.session.run("SELECT 1", []) }
            return (true, nil)
        } catch {
            return (false, "\(error)")
        }
    }
}
