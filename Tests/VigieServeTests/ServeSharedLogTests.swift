import CaseFileTestSupport
import Foundation
import Testing
import VigieCaseFile
@testable import VigieServe

/// `vigie serve` on a PostgreSQL case file (the private server of `make
/// test`): several instances write one decision log, and an instance whose
/// database is down goes on answering and says so.
@Suite(.serialized, .enabled(if: TestBackend.postgresURL != nil, Comment(rawValue: TestBackend.skipReason)))
struct ServeSharedLogTests {
    static let drafts: [[String: String]] = [
        ["text": "Appelez-moi au 514 555-1234", "person": "karine", "platform": "linkedin"],
        ["text": "Journée épuisante", "kind": "comment"],
        ["text": "Bonjour à toutes et à tous"],
    ]

    /// Two instances behind one "load balancer" (the test, alternating):
    /// every answered request is in the shared log once, with the decision
    /// it answered, and both hash drafts with the client's one key.
    @Test func twoInstancesWriteOneDecisionLog() async throws {
        let place = try TestCaseLocation(.postgres)
        let url = place.text
        let first = try await TestServer.start { $0.caseFilePath = url }
        let second = try await TestServer.start { $0.caseFilePath = url }
        do {
            let requests = 120
            let answers = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<requests {
                    let port = index % 2 == 0 ? first.port : second.port
                    let draft = Self.drafts[index % Self.drafts.count]
                    group.addTask {
                        let answer = try await check(port, draft)
                        return answer.status == 200 ? answer.decision : nil
                    }
                }
                var all: [String?] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(answers.count == requests && answers.allSatisfy { $0 != nil })
            await first.server.flushDecisionLog()
            await second.server.flushDecisionLog()
            let log = try place.open().serveDecisions()
            #expect(log.count == requests)
            #expect(Dictionary(grouping: log.map(\.decision), by: { $0 }).mapValues(\.count)
                == Dictionary(grouping: answers.compactMap { $0 }, by: { $0 }).mapValues(\.count))
            let text = try #require(Self.drafts[0]["text"])
            #expect(first.server.draftHash(text) == second.server.draftHash(text))
            #expect(try place.open().serveDecisions(draftHash: try #require(first.server.draftHash(text))).count == requests / 3)
            // /healthz says where the decisions go, and that they are recorded.
            let health = try await request(first.port, "GET", "/healthz")
            let entry = try #require(health.json?["decisionLog"] as? [String: Any])
            #expect(entry["caseFile"] as? String == "postgres" && entry["recording"] as? Bool == true)
            #expect(health.json?["status"] as? String == "ok")
            try await first.stop()
            try await second.stop()
        } catch {
            try? await first.stop()
            try? await second.stop()
            throw error
        }
    }

    /// The database stops taking connections: the instance goes on
    /// answering drafts, `/healthz` and the log say that decisions are not
    /// being recorded, and once the database is back the decisions that
    /// waited are written: the log holds every request answered.
    @Test func anInstanceWhoseDatabaseIsDownAnswersAndSaysSo() async throws {
        // A database of its own, so that closing it touches no other test.
        var location = try TestBackend.postgres(schema: TestBackend.freshSchema("outage"))
        let database = "vigie_outage_" + String(TestBackend.freshSchema("x").dropFirst(2))
        let admin = PostgresAdmin(location)
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            admin.close()
        }
        try admin.execute("CREATE DATABASE \(database)")
        location.database = database
        let url = location.description
        let server = try await TestServer.start { $0.caseFilePath = url }
        do {
            _ = try await check(server.port, Self.drafts[0])
            await server.server.flushDecisionLog()
            #expect(try CaseFile(location: .postgres(location)).serveDecisions().count == 1)

            // Down: no new connection, the open ones cut.
            try admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
            try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)'")
            var answered = 1
            for index in 0..<6 {
                let answer = try await check(server.port, Self.drafts[index % Self.drafts.count])
                #expect(answer.status == 200 && answer.decision != nil)
                answered += 1
            }
            var health = try await request(server.port, "GET", "/healthz")
            let deadline = Date().addingTimeInterval(30)
            while (health.json?["decisionLog"] as? [String: Any])?["recording"] as? Bool != false && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
                health = try await request(server.port, "GET", "/healthz")
            }
            #expect(health.status == 200 && health.json?["status"] as? String == "degraded")
            let entry = try #require(health.json?["decisionLog"] as? [String: Any])
            #expect(entry["recording"] as? Bool == false)
            #expect((entry["message"] as? String)?.contains("decisions are not being recorded") == true)
            #expect((entry["waiting"] as? Int ?? 0) > 0)
            #expect(server.logs.all.contains { $0.hasPrefix("error decision log: decisions are not being recorded") })
            // Still answering while it cannot record.
            #expect(try await check(server.port, Self.drafts[2]).decision == "allow")
            answered += 1

            // Back: what waited is written, and /healthz says so.
            try admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
            let back = Date().addingTimeInterval(30)
            while (health.json?["decisionLog"] as? [String: Any])?["recording"] as? Bool != true && Date() < back {
                try await Task.sleep(for: .milliseconds(100))
                health = try await request(server.port, "GET", "/healthz")
            }
            await server.server.flushDecisionLog()
            health = try await request(server.port, "GET", "/healthz")
            #expect(health.json?["status"] as? String == "ok")
            #expect((health.json?["decisionLog"] as? [String: Any])?["waiting"] as? Int == 0)
            #expect(server.logs.all.contains { $0.contains("the database answers again") })
            #expect(try CaseFile(location: .postgres(location)).serveDecisions().count == answered)
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }
}
