import Foundation
import Testing
import VigieCaseFile
@testable import VigieServe

/// The decision log in the case file: what is kept, and that the draft is not.
@Suite struct ServeDecisionLogTests {
    @Test func decisionsAreLoggedWithAKeyedHash() async throws {
        let marker = "Brouillon-secret-4242"
        try await withServer { server in
            let text = "\(marker) : appelez-moi au 514 555-1234"
            _ = try await check(server.port, ["text": text, "person": "karine", "platform": "linkedin"])
            _ = try await check(server.port, ["text": text, "person": "karine", "platform": "linkedin"])
            _ = try await check(server.port, ["text": "Journée épuisante", "kind": "comment"])
            _ = try await check(server.port, ["text": "Bonjour"])
            await server.server.flushDecisionLog()
            let caseFile = try #require(server.server.caseFile)
            #expect(caseFile.path == server.policyFolder.appendingPathComponent(".vigie/case.sqlite").path)
            #expect(try caseFile.appliedMigrations().last == "v3 serve decision log")
            let records = try caseFile.serveDecisions()
            #expect(records.map(\.decision) == ["block", "block", "warn", "allow"])
            #expect(records[0].rules == ["telephone"])
            #expect(records[0].person == "karine")
            #expect(records[0].platform == "linkedin")
            #expect(records[0].policyName == "brouillons")
            #expect(records[0].policyVersion == "1.0.0")
            #expect(records[2].kind == "comment")
            #expect(records[2].person == nil)
            #expect(records[3].rules.isEmpty)
            // The same draft is recognised, without being kept.
            #expect(records[0].draftHash == records[1].draftHash)
            #expect(records[0].draftHash != records[2].draftHash)
            #expect(try caseFile.serveDecisions(draftHash: server.server.draftHash(text)!).count == 2)
            // The hash is HMAC-SHA256 under the key beside the case file (0600).
            let keyFile = server.policyFolder.appendingPathComponent(".vigie/serve.key")
            let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let key = DraftHasher.bytes(hex: try String(contentsOf: keyFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines))!
            #expect(key.count == 32)
            #expect(records[0].draftHash == HMACSHA256.authenticationCode(for: Array(text.utf8), key: key).hex)
            // Nothing of the draft in any file of the case (database, journal).
            let folder = server.policyFolder.appendingPathComponent(".vigie")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                #expect(data.range(of: Data(marker.utf8)) == nil, "\(name) holds the draft")
                #expect(data.range(of: Data("555-1234".utf8)) == nil, "\(name) holds the draft")
            }
            // The right to erasure reaches the log.
            #expect(try caseFile.eraseServeDecisions(person: "karine") == 2)
            #expect(try caseFile.serveDecisions(person: "karine").isEmpty)
            #expect(try caseFile.serveDecisions().count == 2)
        }
    }

    @Test func theKeySurvivesARestart() async throws {
        let first = try await TestServer.start()
        _ = try await check(first.port, ["text": "Même brouillon"])
        try await first.stopAndWait()
        var options = first.server.options
        options.port = 0
        let second = try ServeServer(options: options)
        #expect(second.draftHash("Même brouillon") == first.server.draftHash("Même brouillon"))
        let records = try #require(second.caseFile).serveDecisions()
        #expect(records.count == 1)
        #expect(records[0].draftHash == second.draftHash("Même brouillon"))
        await second.close()
        try? FileManager.default.removeItem(at: first.folder)
    }

    @Test func aKeyOthersCanReadIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("serve.key").path
        let made = try DraftHasher.loadOrCreate(at: path)
        #expect(try DraftHasher.loadOrCreate(at: path).hash("x") == made.hash("x"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        do {
            _ = try DraftHasher.loadOrCreate(at: path)
            Issue.record("a key readable by others was accepted")
        } catch {
            #expect(error.message.contains("chmod 600"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try "pas une clé".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: ServeLoadError.self) { try DraftHasher.loadOrCreate(at: path) }
    }

    @Test func ruleIdsRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let caseFile = try CaseFile(path: folder.appendingPathComponent("case.sqlite").path)
        let record = ServeDecisionRecord(
            decidedAt: Date(timeIntervalSince1970: 1_800_000_000), policyName: "p", policyVersion: "1",
            decision: "warn", rules: ["a\"b", "c\\d", "é\n\t\u{1}"], failedRules: ["boucle"], draftHash: "00")
        try caseFile.recordServeDecisions([record, record])
        #expect(try caseFile.serveDecisions() == [record, record])
    }

    @Test func noLogWhenAskedForNone() async throws {
        try await withServer(configure: { $0.decisionLog = false }) { server in
            let answer = try await check(server.port, ["text": "Bonjour"])
            #expect(answer.status == 200)
            #expect(server.server.caseFile == nil)
            #expect(!FileManager.default.fileExists(atPath: server.policyFolder.appendingPathComponent(".vigie").path))
        }
    }
}
