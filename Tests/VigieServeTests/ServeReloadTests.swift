import Foundation
import Testing
@testable import VigieServe

/// The policy reloads without dropping a request; a policy that no longer
/// loads leaves the old one serving.
@Suite struct ServeReloadTests {
    static func setVersion(_ version: String, in server: TestServer) throws {
        let file = server.policyFolder.appendingPathComponent("policy.lua")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #"version = "[0-9.]+""#, with: "version = \"\(version)\"", options: .regularExpression)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    static func version(_ answer: HTTPResult) -> String? {
        (answer.json?["policy"] as? [String: Any])?["version"] as? String
    }

    @Test func reloadSwapsThePolicyBetweenDrafts() async throws {
        try await withServer(configure: { $0.limits.timeout = 5 }) { server in
            #expect(Self.version(try await check(server.port, ["text": "Bonjour"])) == "1.0.0")
            try Self.setVersion("1.1.0", in: server)
            // A draft in progress when the reload happens finishes with the engine it started with.
            let slow = Task { try await check(server.port, ["text": "lentement"]) }
            // Reload only once a worker has taken the slow draft (with the
            // engine of generation 1): a fixed pause was too short when the
            // other suites' servers kept both cores busy.
            try await waitForBusyWorkers(1, port: server.port)
            let outcome = await server.server.reload(reason: "test")
            #expect(outcome.succeeded)
            #expect(outcome.generation == 2)
            #expect(Self.version(try await check(server.port, ["text": "Bonjour"])) == "1.1.0")
            #expect(Self.version(try await slow.value) == "1.0.0")
            let health = try await request(server.port, "GET", "/healthz")
            #expect((health.json?["policy"] as? [String: Any])?["version"] as? String == "1.1.0")
            #expect((health.json?["lastReload"] as? [String: Any])?["succeeded"] as? Bool == true)
        }
    }

    @Test func noRequestIsDroppedWhileReloading() async throws {
        try await withServer { server in
            let port = server.port
            let load = (0..<4).map { worker in
                Task { () throws -> [Int] in
                    var statuses: [Int] = []
                    for i in 0..<40 {
                        statuses.append(try await check(port, ["text": "Brouillon \(worker)-\(i), 514 555-1234"]).status)
                    }
                    return statuses
                }
            }
            for version in ["1.0.1", "1.0.2", "1.0.3"] {
                try Self.setVersion(version, in: server)
                #expect(await server.server.reload(reason: "test").succeeded)
            }
            for task in load {
                let statuses = try await task.value
                #expect(statuses.count == 40)
                #expect(statuses.allSatisfy { $0 == 200 })
            }
            #expect(Self.version(try await check(port, ["text": "Bonjour"])) == "1.0.3")
        }
    }

    @Test func brokenPolicyKeepsTheOldOneServing() async throws {
        try await withServer { server in
            let file = server.policyFolder.appendingPathComponent("policy.lua")
            let good = try String(contentsOf: file, encoding: .utf8)
            try (good + "\nrule \"cassee\" {\n  severity = \"high\",\n  check = function(post, ctx)\n    if then\n  end,\n}\n")
                .write(to: file, atomically: true, encoding: .utf8)
            let outcome = await server.server.reload(reason: "test")
            #expect(!outcome.succeeded)
            #expect(outcome.generation == 1)
            let error = try #require(outcome.error)
            #expect(error.contains("policy.lua:"))
            let answer = try await check(server.port, ["text": "Appelez au 514 555-1234"])
            #expect(answer.status == 200)
            #expect(answer.decision == "block")
            let health = try await request(server.port, "GET", "/healthz")
            #expect(health.json?["status"] as? String == "degraded")
            let last = try #require(health.json?["lastReload"] as? [String: Any])
            #expect(last["succeeded"] as? Bool == false)
            #expect((last["error"] as? String)?.contains("policy.lua:") == true)
            #expect(server.logs.all.contains { $0.hasPrefix("error policy not reloaded") && $0.contains("policy.lua:") })
            // A serve mapping the server cannot use is refused the same way.
            let badMapping = good.replacingOccurrences(
                of: #"serve = { block = "high", warn = "low" }"#, with: #"serve = { block = "tres-haut" }"#)
            #expect(badMapping != good)
            try badMapping.write(to: file, atomically: true, encoding: .utf8)
            let mapping = await server.server.reload(reason: "test")
            #expect(mapping.error?.contains("serve.block: unknown severity \"tres-haut\"") == true)
            // Fixed: it loads again.
            try good.write(to: file, atomically: true, encoding: .utf8)
            #expect(await server.server.reload(reason: "test").succeeded)
            let healthy = try await request(server.port, "GET", "/healthz")
            #expect(healthy.json?["status"] as? String == "ok")
            #expect((healthy.json?["policy"] as? [String: Any])?["generation"] as? Int == 2)
        }
    }

    @Test func changedFilesReloadThePolicy() async throws {
        try await withServer(configure: { $0.watchInterval = .milliseconds(100) }) { server in
            // Decisions go to .vigie/ all the time: that is no change of the policy.
            for _ in 0..<3 { _ = try await check(server.port, ["text": "Bonjour"]) }
            await server.server.flushDecisionLog()
            try await Task.sleep(for: .milliseconds(400))
            #expect(server.server.snapshot.generation == 1)
            try Self.setVersion("3.0.0", in: server)
            var generation = 1
            for _ in 0..<100 where generation == 1 {
                try await Task.sleep(for: .milliseconds(100))
                generation = server.server.snapshot.generation
            }
            #expect(generation == 2)
            #expect(Self.version(try await check(server.port, ["text": "Bonjour"])) == "3.0.0")
            #expect(server.server.lastReload?.reason == "files changed")
        }
    }

    @Test func tokenFileIsReadAgain() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "first-token-0123456789\n".write(to: file, atomically: true, encoding: .utf8)
        try await withServer(configure: { $0.tokens = try! ServeOptions.readTokens(file.path); $0.tokenFile = file.path }) { server in
            #expect(try await check(server.port, ["text": "a"], token: "first-token-0123456789").status == 200)
            try "second-token-0123456789\n".write(to: file, atomically: true, encoding: .utf8)
            #expect(await server.server.reload(reason: "test").succeeded)
            #expect(try await check(server.port, ["text": "a"], token: "first-token-0123456789").status == 401)
            #expect(try await check(server.port, ["text": "a"], token: "second-token-0123456789").status == 200)
        }
    }
}
