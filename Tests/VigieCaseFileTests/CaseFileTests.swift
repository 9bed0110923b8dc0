import Foundation
import GRDB
import Testing
import VigieModel

@testable import VigieCaseFile

@Suite struct CaseFileCreationTests {
    @Test func createsTheFileAndItsFolderOnFirstUse() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile.open(policyFolder: folder.url.path)
        #expect(FileManager.default.fileExists(atPath: folder.casePath))
        #expect(file.path == folder.casePath)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".vigie/.gitignore").path))
        #expect(try file.runs().isEmpty)
    }

    @Test func migratesAnEmptyFileAndReopensIt() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".vigie"), withIntermediateDirectories: true)
        // An empty file is a valid, empty SQLite database: the migrator fills it.
        _ = FileManager.default.createFile(atPath: folder.casePath, contents: Data())
        let first = try CaseFile(path: folder.casePath)
        let migrations = try first.appliedMigrations()
        #expect(migrations == ["v1 runs", "v1 findings and baseline", "v1 incidents", "v2 escalation, acceptances, erasures, run states", "v3 serve decision log"])
        let run = try first.beginRun(start)
        try first.finishRun(run, findings: [finding("r", "a1")], counts: RunCounts(activities: 1))

        let reopened = try CaseFile(path: folder.casePath)
        #expect(try reopened.appliedMigrations() == migrations)
        #expect(try reopened.runs().map(\.status) == [.complete])
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func refusesAFileWrittenByANewerVigie() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        try file.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')")
        }
        #expect {
            try CaseFile(path: folder.casePath)
        } throws: { error in
            (error as? CaseFileError)?.code == .tooNew
        }
    }

    @Test func errorsSayWhatToDo() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        #expect {
            try file.finishRun(RunID(42), findings: [], counts: RunCounts(activities: 0))
        } throws: { error in
            let error = error as? CaseFileError
            return error?.code == .unknownRun && error!.description.contains("list the runs")
        }
        #expect {
            try file.accept(fingerprint: "0123", reason: " ", by: "Julie")
        } throws: { error in (error as? CaseFileError)?.code == .missingReason }
        #expect {
            try file.accept(fingerprint: "0123", reason: "connu", by: "Julie")
        } throws: { error in (error as? CaseFileError)?.code == .unknownFingerprint }
    }
}

@Suite struct CaseFileConcurrencyTests {
    /// A writer that finds the file locked waits up to its busy timeout, then
    /// fails with an error that says what to do.
    @Test func aLockedFileMakesWritersWaitThenFailClearly() throws {
        let folder = try TemporaryFolder()
        let path = folder.casePath
        let holder = try CaseFile(path: path)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? holder.pool.write { _ in
                locked.signal()
                Thread.sleep(forTimeInterval: 0.6)
            }
            released.signal()
        }
        locked.wait()
        let impatient = try CaseFile(path: path, busyTimeout: 0.05)
        #expect {
            try impatient.beginRun(start)
        } throws: { error in
            let error = error as? CaseFileError
            return error?.code == .busy && error!.message.contains("busy timeout")
        }
        let patient = try CaseFile(path: path, busyTimeout: 10)
        let run = try patient.beginRun(start)  // waits for the holder to commit
        released.wait()
        #expect(try patient.run(run)?.status == .running)
    }
}

