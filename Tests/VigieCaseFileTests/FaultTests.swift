import Foundation
import GRDB
import Testing
import VigieModel

@testable import VigieCaseFile

/// A damaged, locked or full case file each get their own code and a
/// message that matches the cause; a run that fails to write leaves nothing.
@Suite struct CaseFileFaultTests {
    @Test func aDamagedFileIsSaidToBeDamaged() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".vigie"), withIntermediateDirectories: true)
        // Not a SQLite file: a page of random-looking bytes.
        var bytes = [UInt8](repeating: 0, count: 8192)
        var random = SplitMix64(seed: 5)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.casePath))
        do {
            _ = try CaseFile.open(policyFolder: folder.url.path)
            Issue.record("a damaged file must be refused")
        } catch let error as CaseFileError {
            #expect(error.code == .damaged)
            #expect(error.message.contains("damaged"))
            #expect(error.message.contains("move it aside"))
        }
    }

    @Test func aFileLockedByAnotherWriterIsSaidToBeLocked() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath, busyTimeout: 0.2)
        // Another connection (another process, as far as SQLite knows) holds the write lock.
        let other = try DatabaseQueue(path: folder.casePath)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            do {
                _ = try file.beginRun(start)
                Issue.record("a locked file must be refused")
            } catch let error as CaseFileError {
                #expect(error.code == .busy)
                #expect(error.message.contains("another Vigie process"))
            }
        }
    }

    @Test func aFullDiskLeavesNothingOfTheRunAndSaysSo() throws {
        let folder = try TemporaryFolder()
        let file = try CaseFile(path: folder.casePath)
        let run = try file.beginRun(start)
        // The file may not grow past its current size: the disk is "full".
        let pages = try file.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 0
        try file.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + 1)") }
        let findings = (0..<2_000).map { finding("rule-\($0 % 7)", "activity-\($0)") }
        do {
            _ = try file.finishRun(run, findings: findings, counts: RunCounts(activities: 2_000))
            Issue.record("a full disk must stop the run")
        } catch let error as CaseFileError {
            #expect(error.code == .diskFull)
            #expect(error.message.contains("full"))
        }
        // Nothing was written: no finding is marked as already seen.
        #expect(try file.findings(in: run).isEmpty)
        #expect(try file.run(run)?.status == .running)
    }
}
