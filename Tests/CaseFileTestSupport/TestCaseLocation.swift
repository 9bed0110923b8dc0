import Foundation
import VigieCaseFile

/// The back ends the shared tests run against: SQLite always, PostgreSQL
/// when a test server is given (`VIGIE_TEST_POSTGRES`, which `make test`
/// sets through scripts/with-postgres.sh, with `VIGIE_REQUIRE_POSTGRES=1`
/// so that a missing server fails the suite instead of skipping it).
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The superuser URL of the test server (scripts/with-postgres.sh).
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["VIGIE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why the tests of the PostgreSQL back end are skipped (printed beside
    /// each skipped test): the reason scripts/with-postgres.sh gave, or how
    /// to run them.
    public static var skipReason: String {
        if let reason = ProcessInfo.processInfo.environment["VIGIE_TEST_POSTGRES_UNAVAILABLE"], !reason.isEmpty {
            return "PostgreSQL could not be started for the tests: \(reason)"
        }
        return "no PostgreSQL test server: run through make test or scripts/with-postgres.sh"
    }

    /// Whether the run asked for PostgreSQL (make test does).
    public static var postgresRequired: Bool { ProcessInfo.processInfo.environment["VIGIE_REQUIRE_POSTGRES"] == "1" }

    /// SQLite, and PostgreSQL when a test server is there.
    public static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// PostgreSQL alone when a test server is there (for its own tests).
    public static var postgresOnly: [TestBackend] { postgresURL == nil ? [] : [.postgres] }

    /// The test server's superuser location, in `schema`.
    public static func postgres(schema: String) throws -> PostgresLocation {
        guard let url = postgresURL else {
            throw CaseFileError(.cannotOpen, path: "VIGIE_TEST_POSTGRES", message: "no test PostgreSQL (run through make test or scripts/with-postgres.sh)")
        }
        var environment = ProcessInfo.processInfo.environment
        if environment["PGSSLMODE"] == nil { environment["PGSSLMODE"] = "disable" }
        return try PostgresLocation(
            url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)", policyName: nil, environment: environment)
    }

    /// A schema name no other test uses.
    public static func freshSchema(_ prefix: String = "t") -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return prefix + "_" + String((0..<12).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] })
    }
}

/// A new, empty case file for one test: a SQLite file in a temporary
/// folder, or a fresh schema of the test server; removed when released
/// (the schema and the roles Vigie made for it dropped).
public final class TestCaseLocation: @unchecked Sendable {
    public let backend: TestBackend
    /// A temporary folder of the test's own (the SQLite file lives in it).
    public let folder: URL
    public let location: CaseFileLocation

    public init(_ backend: TestBackend, schema: String? = nil) throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            location = .sqlite(path: folder.appendingPathComponent(".vigie/case.sqlite").path)
        case .postgres:
            location = .postgres(try TestBackend.postgres(schema: schema ?? TestBackend.freshSchema()))
        }
    }

    /// What `--case-file` takes.
    public var text: String { location.description }

    public var postgres: PostgresLocation? {
        if case .postgres(let location) = location { return location }
        return nil
    }

    /// Opens (creates on first use) the case file.
    public func open(busyTimeout: TimeInterval = 30) throws -> CaseFile {
        try CaseFile(location: location, busyTimeout: busyTimeout)
    }

    deinit {
        if let postgres {
            let admin = PostgresAdmin(postgres)
            _ = try? admin.execute("DROP SCHEMA IF EXISTS \"\(postgres.schema)\" CASCADE")
            for role in [postgres.consultantRole, postgres.auditorRole, postgres.serveRole] {
                _ = try? admin.execute("DROP ROLE IF EXISTS \"\(role)\"")
            }
            admin.close()
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
