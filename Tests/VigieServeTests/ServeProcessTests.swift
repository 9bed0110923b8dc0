import Foundation
import Testing
import VigieTestSupport

/// `vigie serve` as a user starts it: the built binary, its signals and its errors.
@Suite struct ServeProcessTests {
    /// A running `vigie serve` and the port it printed.
    final class ServeProcess: @unchecked Sendable {
        let process = Process()
        let folder: TemporaryFolder
        let policy: URL
        var port = 0
        let output = Pipe()
        let errors: URL

        init(_ extra: [String] = []) throws {
            folder = try TemporaryFolder()
            policy = folder.url.appendingPathComponent("brouillons")
            try FileManager.default.copyItem(at: TestServer.fixtures.appendingPathComponent("brouillons"), to: policy)
            errors = folder.url.appendingPathComponent("stderr.txt")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.executableURL = VigieBinary.url
            process.arguments = ["serve", "--policy", policy.path, "--port", "0", "--workers", "2"] + extra
            var environment = ProcessInfo.processInfo.environment
            environment["VIGIE_LOG"] = "info"
            process.environment = environment
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            // The first line says where it listens.
            var text = ""
            let handle = output.fileHandleForReading
            while !text.contains("\n") {
                let data = handle.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            guard let range = text.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                let port = Int(text[range].split(separator: ":")[1])
            else {
                process.terminate()
                throw TestClientError.malformed("no listening line: \(text) \(log)")
            }
            #expect(text.hasPrefix("vigie serve: policy brouillons 1.0.0, 2 workers; listening on http://127.0.0.1:"))
            self.port = port
        }

        var log: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the process to end; its exit status.
        func wait() async throws -> Int32 {
            let process = self.process
            return try await blocking {
                process.waitUntilExit()
                return process.terminationStatus
            }
        }

        deinit {
            if process.isRunning { process.terminate() }
        }
    }

    /// SIGTERM: no new connection, the requests in flight are answered, exit 0.
    @Test func sigtermLetsRequestsInFlightFinish() async throws {
        let serve = try ServeProcess(["--timeout", "10"])
        let port = serve.port
        let slow = Task { try await check(port, ["text": "lentement, appelez au 514 555-1234"]) }
        // Signalled once the draft is with a worker (a request not yet read when the
        // server stops is not in flight: its connection is closed, as any idle one).
        var busy = false
        for _ in 0..<200 where !busy {
            try await Task.sleep(for: .milliseconds(20))
            busy = try await request(port, "GET", "/metrics").text.contains("vigie_serve_workers_busy 1")
        }
        #expect(busy)
        serve.signal(SIGTERM)
        let answer = try await slow.value
        #expect(answer.status == 200)
        #expect(answer.decision == "block")
        #expect(try await serve.wait() == 0)
        #expect(throws: (any Error).self) { try TestConnection(port: port) }
        #expect(serve.log.contains("stopped"))
    }

    @Test func sighupReloadsThePolicy() async throws {
        let serve = try ServeProcess(["--watch-interval", "0"])
        defer { serve.signal(SIGTERM) }
        let file = serve.policy.appendingPathComponent("policy.lua")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "version = \"1.0.0\"", with: "version = \"1.2.0\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        serve.signal(SIGHUP)
        var version = ""
        for _ in 0..<100 where version != "1.2.0" {
            try await Task.sleep(for: .milliseconds(100))
            let health = try await request(serve.port, "GET", "/healthz")
            version = (health.json?["policy"] as? [String: Any])?["version"] as? String ?? ""
        }
        #expect(version == "1.2.0")
        #expect(serve.log.contains("policy reloaded"))
        #expect(serve.log.contains("SIGHUP"))
        serve.signal(SIGTERM)
        #expect(try await serve.wait() == 0)
    }

    @Test func startupErrorsExit2() throws {
        let folder = try TemporaryFolder()
        let missing = try VigieBinary.run(["serve", "--policy", folder.url.path, "--port", "0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("policy.lua"))
        let policy = folder.url.appendingPathComponent("p")
        try FileManager.default.copyItem(at: TestServer.fixtures.appendingPathComponent("brouillons"), to: policy)
        let tokens = try VigieBinary.run(["serve", "--policy", policy.path, "--token-file", folder.url.appendingPathComponent("none").path])
        #expect(tokens.status == 2)
        #expect(tokens.stderr.contains("cannot read the token file"))
        let badPort = try VigieBinary.run(["serve", "--policy", policy.path, "--port", "70000"])
        #expect(badPort.status == 2)
        try "serve = 3\n".write(to: policy.appendingPathComponent("policy.lua"), atomically: true, encoding: .utf8)
        let broken = try VigieBinary.run(["serve", "--policy", policy.path, "--port", "0"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("policy.lua"))
    }
}
