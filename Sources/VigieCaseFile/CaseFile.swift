import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import VigieModel

/// The persistent case file of one client: a SQLite database that remembers
/// the runs of its policy, the findings with their fingerprints (first and last
/// run that saw them), the findings accepted into the baseline, and the
/// incidents with every decision and its reasons.
///
/// Created on first use (with its folder) and migrated on open. Several
/// processes may use it at once: it is opened in WAL mode, write transactions
/// wait for each other up to `busyTimeout`. A run writes its findings and
/// incidents in one transaction when it finishes, so a run that dies half-way
/// leaves nothing but a `running` row that every comparison ignores.
///
/// What is stored is documented in `docs/case-file.md`: identifiers, offsets,
/// positions and the consultants' reasons; never the text of an activity.
public struct CaseFile: Sendable {
    /// The place of the case file inside a policy folder.
    public static let defaultRelativePath = ".vigie/case.sqlite"

    public let path: String
    let pool: DatabasePool

    /// Opens the case file at `path`, creating it and its folder when missing,
    /// and brings its schema up to date.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's
    ///   write to finish before failing with `CaseFileError.Code.busy`.
    public init(path: String, busyTimeout: TimeInterval = 30) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CaseFileError(
                .cannotOpen, path: path,
                message: "cannot create the folder \(folder.path) (\(error.localizedDescription)); check its permissions or choose another case-file path")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "vigie.case-file"
        do {
            pool = try Self.wrap(path) { try DatabasePool(path: path, configuration: configuration) }
        } catch let error as CaseFileError where error.code != .database {
            throw error
        } catch {
            throw CaseFileError(
                .cannotOpen, path: path,
                message: "cannot open the case file (\(error)); check that it is a Vigie case file and that its folder is writable")
        }
        // Two processes opening a new case file at once must not both run
        // the migrations: they take turns on a lock file beside it.
        let lock = Glibc.open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                Glibc.close(lock)
            }
        }
        let superseded = try Self.wrap(path) { [pool] in
            try CaseFile.migrator.migrate(pool)
            return try pool.read { try CaseFile.migrator.hasBeenSuperseded($0) }
        }
        if superseded {
            throw CaseFileError(
                .tooNew, path: path,
                message: "this case file was written by a newer version of Vigie; update Vigie, or give this version another case file")
        }
    }

    /// Opens (or creates) the case file of the policy in `policyFolder`:
    /// `<policyFolder>/.vigie/case.sqlite`. The `.vigie` folder gets a
    /// `.gitignore` so that personal data does not end up in the policy's history.
    public static func open(policyFolder: String, busyTimeout: TimeInterval = 30) throws -> CaseFile {
        let url = URL(fileURLWithPath: policyFolder).appendingPathComponent(defaultRelativePath)
        let file = try CaseFile(path: url.path, busyTimeout: busyTimeout)
        let ignore = url.deletingLastPathComponent().appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try? Data("# The case file holds clients' personal data: keep it out of version control.\n*\n".utf8)
                .write(to: ignore)
        }
        return file
    }

    /// The names of the migrations applied to the file, in order.
    public func appliedMigrations() throws -> [String] {
        try Self.wrap(path) { try pool.read { try CaseFile.migrator.appliedMigrations($0) } }
    }

    /// SQLite's own check of the file; `["ok"]` when it is sound.
    public func integrityCheck() throws -> [String] {
        try Self.wrap(path) { try pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } }
    }

    // MARK: Errors

    /// Runs `body`, turning GRDB's errors into `CaseFileError`s that say what to do.
    static func wrap<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CaseFileError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw CaseFileError(
                .busy, path: path,
                message: "another Vigie process kept the case file locked too long; wait for it to finish, or retry with a longer busy timeout")
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
        {
            throw CaseFileError(
                .damaged, path: path,
                message: "the case file is damaged or is not a Vigie case file (SQLite: \(error.message ?? "\(error.resultCode)")); keep a copy, move it aside and rerun: a new case file starts empty (SQLite's .recover can save what is left)")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw CaseFileError(
                .diskFull, path: path,
                message: "the disk holding the case file is full; nothing of this run was written: free some space and rerun")
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_PERM
        {
            throw CaseFileError(
                .readOnly, path: path,
                message: "the case file or its folder cannot be written (SQLite: \(error.message ?? "\(error.resultCode)")); check the permissions of \(path) and of its folder")
        } catch let error as DatabaseError {
            throw CaseFileError(
                .database, path: path,
                message: "SQLite error \(error.resultCode.rawValue): \(error.message ?? "no message"); if the file is damaged, move it aside and rerun (a new case file starts empty)")
        }
    }

    func wrap<T>(_ body: () throws -> T) throws -> T { try Self.wrap(path, body) }
}
