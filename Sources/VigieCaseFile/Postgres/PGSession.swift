import Dispatch
import Foundation
import GRDB
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A value bound to a statement or read from a row. Dates travel as text in
/// the case file's own format (`PGDate`), cast in the SQL.
enum PGValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case texts([String])

    init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    init(_ value: Int64?) { self = value.map { .int($0) } ?? .null }
    init(_ value: Double?) { self = value.map { .double($0) } ?? .null }
    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Bool?) { self = value.map { .bool($0) } ?? .null }
    init(_ value: Date?) { self = value.map { .text(PGDate.text($0)) } ?? .null }
}

extension PGValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(nilLiteral: ()) { self = .null }
}

/// Dates as the SQLite case file keeps them (GRDB's UTC text with
/// milliseconds), so that both back ends give back the very same `Date`:
/// written as that text plus `+00`, read with `PGDate.column`.
enum PGDate {
    static func text(_ date: Date) -> String {
        (String.fromDatabaseValue(date.databaseValue) ?? "1970-01-01 00:00:00.000") + "+00"
    }

    static func date(_ text: String) -> Date? { Date.fromDatabaseValue(text.databaseValue) }

    /// `column` read back as that text, under the same name.
    static func column(_ column: String, as name: String? = nil) -> String {
        let label = name ?? (column.split(separator: ".").last.map(String.init) ?? column)
        return "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS \(label)"
    }
}

/// One row of a result, its cells by column name.
struct PGRow: Sendable {
    let names: [String: Int]
    let values: [PGValue]

    subscript(_ name: String) -> PGValue {
        guard let index = names[name] else { return .null }
        return values[index]
    }

    func string(_ name: String) -> String? {
        switch self[name] {
        case .text(let t): t
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    func int(_ name: String) -> Int? {
        switch self[name] {
        case .int(let i): Int(i)
        case .double(let d): Int(d)
        case .text(let t): Int(t)
        default: nil
        }
    }

    func int64(_ name: String) -> Int64? { int(name).map(Int64.init) }

    func double(_ name: String) -> Double? {
        switch self[name] {
        case .double(let d): d
        case .int(let i): Double(i)
        case .text(let t): Double(t)
        default: nil
        }
    }

    func bool(_ name: String) -> Bool? {
        switch self[name] {
        case .bool(let b): b
        case .int(let i): i != 0
        default: nil
        }
    }

    func date(_ name: String) -> Date? { string(name).flatMap(PGDate.date) }

    func text(_ name: String) throws -> String {
        guard let value = string(name) else { throw PGSession.decoding("column \(name) is null") }
        return value
    }
}

/// The rows of a statement and how many rows it changed.
struct PGResult: Sendable {
    var rows: [PGRow]
    var affected: Int
}

/// How often an operation is tried again when the database drops the
/// connection, restarts, or reports a serialisation failure or a deadlock.
public struct PGRetryPolicy: Sendable, Hashable {
    /// Tries in all, the first one included.
    public var attempts: Int
    /// The first wait; each next one is twice as long, up to `maxDelay`.
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(attempts: Int = 6, firstDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 5) {
        self.attempts = max(1, attempts)
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    func delay(after attempt: Int) -> TimeInterval {
        min(maxDelay, firstDelay * pow(2, Double(attempt - 1)))
    }
}

/// A synchronous connection to PostgreSQL (PostgresNIO underneath), opened
/// when first needed and again after it drops. Statements run one at a time;
/// `transaction` runs a body in one transaction, tried again as the retry
/// policy says.
final class PGSession: @unchecked Sendable {
    let location: PostgresLocation
    let retry: PGRetryPolicy
    /// Longest wait for one statement's answer before the connection is
    /// given up as cut (a network cut sends no error).
    let statementTimeout: TimeInterval
    private var connection: PostgresConnection?
    /// Whether a transaction is open on `connection`: a connection lost
    /// then fails the transaction instead of being opened again under it.
    private var inTransaction = false
    private let lock = NSRecursiveLock()
    private var nextID = 0
    private static let logger: Logger = {
        var logger = Logger(label: "vigie.case-file.postgres")
        logger.logLevel = .critical
        return logger
    }()

    init(location: PostgresLocation, retry: PGRetryPolicy = PGRetryPolicy(), statementTimeout: TimeInterval = 600) {
        self.location = location
        self.retry = retry
        self.statementTimeout = statementTimeout
    }

    deinit { close() }

    func close() {
        lock.lock()
        let connection = self.connection
        self.connection = nil
        lock.unlock()
        if let connection { _ = try? Self.wait(connection.close(), timeout: 5) }
    }

    // MARK: Statements

    /// Runs one statement on its own (its own transaction), tried again on a
    /// dropped connection.
    @discardableResult
    func query(_ sql: String, _ binds: [PGValue] = []) throws -> PGResult {
        try withRetry(idempotent: true) { try self.run(sql, binds) }
    }

    /// Runs `body` in a transaction; a serialisation failure, a deadlock or
    /// a dropped connection rolls it back and runs it again (the body must
    /// give the same result when run again), up to the retry policy's
    /// attempts. `lockClient` first takes the client's lock (one writer of
    /// the escalation at a time).
    @discardableResult
    func transaction<T>(lockClient: Bool = true, _ body: (PGTransaction) throws -> T) throws -> T {
        lock.lock()
        let nested = inTransaction
        lock.unlock()
        if nested {
            // Inside a transaction already (same thread: the lock is held):
            // part of it, tried again with it.
            if lockClient {
                try self.run("SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext($1))", [.text(location.schema)])
            }
            return try body(PGTransaction(session: self))
        }
        return try withRetry(idempotent: true) {
            lock.lock()
            defer {
                inTransaction = false
                lock.unlock()
            }
            try self.run("BEGIN", [])
            inTransaction = true
            do {
                if lockClient {
                    try self.run("SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext($1))", [.text(location.schema)])
                }
                let result = try body(PGTransaction(session: self))
                try self.run("COMMIT", [])
                return result
            } catch {
                if Self.isConnectionLoss(error) {
                    dropConnection()
                } else {
                    _ = try? self.run("ROLLBACK", [])
                }
                throw error
            }
        }
    }

    /// The first number of every advisory lock Vigie takes ("Vi").
    static let lockClass: Int32 = 0x5669

    /// Runs `body`, again after a retryable failure, as the policy says; the
    /// last failure is reported as a `CaseFileError` that says what to do.
    func withRetry<T>(idempotent: Bool, _ body: () throws -> T) throws -> T {
        lock.lock()
        let nested = inTransaction
        lock.unlock()
        // A statement inside a transaction is tried again with the whole transaction.
        if nested { return try body() }
        var attempt = 1
        while true {
            do {
                return try body()
            } catch {
                let retryable = Self.isConnectionLoss(error) || Self.isTransient(error)
                if Self.isConnectionLoss(error) { dropConnection() }
                guard retryable, idempotent, attempt < retry.attempts else {
                    throw translate(error, attempts: attempt)
                }
                Thread.sleep(forTimeInterval: retry.delay(after: attempt))
                attempt += 1
            }
        }
    }

    /// One statement on the current connection (opened if needed).
    @discardableResult
    func run(_ sql: String, _ binds: [PGValue]) throws -> PGResult {
        lock.lock()
        defer { lock.unlock() }
        let connection = try connected()
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .int(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .text(let t): bindings.append(t)
            case .bool(let b): bindings.append(b)
            case .texts(let list): bindings.append(list)
            }
        }
        let result = try Self.wait(
            connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger), timeout: statementTimeout
        ) { [weak self] in
            self?.dropConnection()
        }
        var names: [String: Int] = [:]
        var rows: [PGRow] = []
        rows.reserveCapacity(result.rows.count)
        for row in result.rows {
            if names.isEmpty {
                for (index, cell) in row.enumerated() { names[cell.columnName] = index }
            }
            rows.append(PGRow(names: names, values: try row.map(Self.value)))
        }
        return PGResult(rows: rows, affected: result.metadata.rows ?? 0)
    }

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if inTransaction {
            // The transaction died with its connection: the caller tries it again whole.
            dropConnection()
            throw PGConnectionLost()
        }
        connection = nil
        var configuration: PostgresConnection.Configuration
        if location.isSocket {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: (location.host as NSString).appendingPathComponent(".s.PGSQL.\(location.port)"),
                username: location.user, password: location.password, database: location.database)
        } else {
            configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: try Self.tls(location.sslMode))
        }
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        configuration.options.additionalStartupParameters = [
            ("application_name", "vigie"),
            // Unqualified names are this client's tables.
            ("search_path", "\"\(location.schema)\""),
        ]
        nextID += 1
        let connecting = PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: nextID,
            logger: Self.logger)
        let new = try Self.wait(connecting, timeout: TimeInterval(location.connectTimeout) + 5) {
            // Given up on: a connection that arrives late is closed.
            connecting.whenSuccess { late in late.close().whenComplete { _ in withExtendedLifetime(late) {} } }
        }
        connection = new
        return new
    }

    func dropConnection() {
        lock.lock()
        let old = connection
        connection = nil
        lock.unlock()
        // The connection lives until its channel is closed (PostgresNIO
        // wants it closed before it goes).
        if let old { old.close().whenComplete { _ in withExtendedLifetime(old) {} } }
    }

    private static func tls(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable:
            return .disable
        case .prefer, .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            return mode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: TLSConfiguration.makeClientConfiguration()))
        }
    }

    /// Waits for `future` on the calling thread (never an event loop's), at
    /// most `timeout` seconds: then `onTimeout` runs and the wait fails as a
    /// lost connection.
    static func wait<T: Sendable>(
        _ future: EventLoopFuture<T>, timeout: TimeInterval, onTimeout: () -> Void = {}
    ) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        future.whenComplete { result in
            box.set(result)
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            onTimeout()
            throw PGConnectionTimeout(seconds: timeout)
        }
        return try box.get()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private var result: Result<T, any Error>?
        private let lock = NSLock()
        func set(_ value: Result<T, any Error>) {
            lock.lock()
            result = value
            lock.unlock()
        }
        func get() throws -> T {
            lock.lock()
            defer { lock.unlock() }
            return try result!.get()
        }
    }

    private static func value(_ cell: PostgresCell) throws -> PGValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .int(try cell.decode(Int64.self))
        case .float4, .float8: return .double(try cell.decode(Double.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .textArray, .varcharArray: return .texts(try cell.decode([String].self))
        case .numeric:
            let text = try cell.decode(String.self)
            if let int = Int64(text) { return .int(int) }
            return .double(Double(text) ?? 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    // MARK: Errors

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The connection is gone (dropped, refused, timed out, the server
    /// shutting down): open a new one and try again.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if error is PGConnectionTimeout || error is PGConnectionLost { return true }
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let state = sqlState(error) ?? ""
                // admin_shutdown, crash_shutdown, cannot_connect_now, connection exceptions.
                return ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
            case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection:
                return true
            default:
                return false
            }
        }
        if error is CaseFileError || error is DecodingFailure { return false }
        // Connecting failed below PostgreSQL (refused, unreachable, reset).
        return error is NIOConnectionError || error is IOError || error is ChannelError
            || "\(type(of: error))".contains("Connect")
    }

    /// A serialisation failure or a deadlock: the transaction may succeed if run again.
    static func isTransient(_ error: any Error) -> Bool {
        ["40001", "40P01"].contains(sqlState(error) ?? "")
    }

    struct DecodingFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func decoding(_ what: String) -> DecodingFailure { DecodingFailure(description: what) }

    /// `error` as a `CaseFileError` that says what to do.
    func translate(_ error: any Error, attempts: Int) -> any Error {
        if let error = error as? CaseFileError { return error }
        let place = location.description
        if Self.isConnectionLoss(error) {
            return CaseFileError(
                .unavailable, path: place,
                message: "cannot reach the PostgreSQL server at \(location.isSocket ? location.host : "\(location.host):\(location.port)") (\(Self.describe(error)); tried \(attempts) time\(attempts == 1 ? "" : "s")); check that it runs and that the network lets this machine reach it, then rerun")
        }
        if Self.isTransient(error) {
            return CaseFileError(
                .busy, path: place,
                message: "other writers kept conflicting with this one (\(Self.describe(error)); tried \(attempts) times); rerun when fewer runs write at once")
        }
        // What the caller's own code threw (a finding stream that failed) goes through as it is.
        guard error is PSQLError || error is DecodingFailure || error is PostgresDecodingError else { return error }
        if let error = error as? PSQLError, error.code == .authMechanismRequiresPassword {
            return CaseFileError(
                .cannotOpen, path: place,
                message: "the server asks a password for the role \(location.user) and none was found; give it in PGPASSWORD or ~/.pgpass (a line \(location.isSocket ? "localhost" : location.host):\(location.port):\(location.database):\(location.user):PASSWORD, mode 0600), never in the URL")
        }
        guard let state = Self.sqlState(error) else {
            return CaseFileError(.database, path: place, message: "PostgreSQL: \(Self.describe(error))")
        }
        switch state {
        case "42501":
            return CaseFileError(
                .permissionDenied, path: place,
                message: "the role \(location.user) may not do this in schema \(location.schema) (\(Self.describe(error))); ask the database administrator for the right role (docs/scale.md: consultant, auditor, serve)")
        case "28P01", "28000":
            return CaseFileError(
                .cannotOpen, path: place,
                message: "PostgreSQL refused the role \(location.user) (\(Self.describe(error))); give its password in PGPASSWORD or ~/.pgpass (never in the URL)")
        case "3D000":
            return CaseFileError(
                .cannotOpen, path: place,
                message: "the database \(location.database) does not exist on the server; create it (createdb \(location.database)) or fix the URL")
        case "53100":
            return CaseFileError(
                .diskFull, path: place,
                message: "the PostgreSQL server's disk is full; nothing of this operation was written: free some space and rerun")
        case "3F000":
            return CaseFileError(
                .cannotOpen, path: place,
                message: "the schema \(location.schema) does not exist; create it with `vigie case-file migrate \(place)`")
        default:
            return CaseFileError(.database, path: place, message: "PostgreSQL error \(state): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// The connection of an open transaction closed under it.
struct PGConnectionLost: Error, CustomStringConvertible {
    var description: String { "the connection closed in the middle of a transaction" }
}

struct PGConnectionTimeout: Error, CustomStringConvertible {
    var seconds: TimeInterval
    var description: String { "no answer from the server in \(Int(seconds)) seconds" }
}

/// Statements inside a `PGSession.transaction`.
struct PGTransaction {
    let session: PGSession

    @discardableResult
    func query(_ sql: String, _ binds: [PGValue] = []) throws -> PGResult { try session.run(sql, binds) }

    func rows(_ sql: String, _ binds: [PGValue] = []) throws -> [PGRow] { try session.run(sql, binds).rows }

    func one(_ sql: String, _ binds: [PGValue] = []) throws -> PGRow? { try session.run(sql, binds).rows.first }

    @discardableResult
    func execute(_ sql: String, _ binds: [PGValue] = []) throws -> Int { try session.run(sql, binds).affected }
}
