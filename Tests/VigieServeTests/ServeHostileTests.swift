import Foundation
import Testing
@testable import VigieServe

/// Clients that mean harm, or just behave badly: the server keeps
/// answering the others.
@Suite struct ServeHostileTests {
    /// Makes room for the connections of the test (client and server ends
    /// are both in this process).
    static func raiseOpenFileLimit(to wanted: Int) throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < rlim_t(wanted) {
            limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        try #require(limit.rlim_cur >= rlim_t(wanted), "this test needs \(wanted) open files (ulimit -n)")
    }

    @Test func thousandIdleConnections() async throws {
        try Self.raiseOpenFileLimit(to: 3000)
        try await withServer(configure: { $0.idleTimeout = .seconds(60) }) { server in
            let idle = try await blocking { () throws -> [TestConnection] in
                try (0..<1000).map { _ in try TestConnection(port: server.port) }
            }
            // Some of them start a request and say no more.
            for connection in idle.prefix(100) { connection.send("POST /v1/check HTTP/1.1\r\nHost: x\r\n") }
            for i in 0..<20 {
                let answer = try await check(server.port, ["text": "Bonjour \(i), appelez au 514 555-1234"])
                #expect(answer.status == 200)
                #expect(answer.decision == "block")
            }
            #expect(try await request(server.port, "GET", "/healthz").status == 200)
            // The idle connections are still open: none was dropped to serve the others.
            let open = idle.filter { !$0.waitReadable(seconds: 0) }.count
            #expect(open == 1000)
            for connection in idle { connection.close() }
        }
    }

    @Test func tenMegabyteBodies() async throws {
        try await withServer { server in
            let big = [UInt8](repeating: 0x61, count: 10 << 20)
            let flood = (0..<3).map { i in
                Task {
                    try await blocking { () throws -> HTTPResult in
                        let connection = try TestConnection(port: server.port)
                        let body = Array(#"{"text":""#.utf8) + big + Array(#""}"#.utf8)
                        if i == 2 {
                            // Without a length: chunked, 1 MiB a chunk.
                            connection.send(requestBytes("POST", "/v1/check",
                                headers: ["Content-Type": "application/json", "Transfer-Encoding": "chunked"], contentLength: false))
                            var offset = 0
                            while offset < body.count {
                                let chunk = body[offset..<min(offset + (1 << 20), body.count)]
                                guard connection.send(Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]) else { break }
                                offset += chunk.count
                            }
                            connection.send("0\r\n\r\n")
                        } else {
                            connection.send(requestBytes("POST", "/v1/check", headers: ["Content-Type": "application/json"], body: body))
                        }
                        return try connection.readResponse()
                    }
                }
            }
            for _ in 0..<5 { #expect(try await check(server.port, ["text": "Bonjour"]).status == 200) }
            for task in flood {
                let answer = try await task.value
                #expect(answer.status == 413)
                expectConforms("POST", "/v1/check", answer)
            }
            #expect(try await check(server.port, ["text": "Bonjour"]).status == 200)
        }
    }

    @Test func garbageOfEveryKind() async throws {
        try await withServer { server in
            let port = server.port
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<60 {
                    group.addTask {
                        let body: [UInt8] = switch i % 4 {
                        case 0: Array("{\"text\": \"unterminated".utf8)
                        case 1: Array("{\"text\":\"".utf8) + [0xc0, 0xaf, 0xe0, 0x80] + Array("\"}".utf8)
                        case 2: Array("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".utf8)
                        default: [UInt8](repeating: 0, count: 64)
                        }
                        return try await request(port, "POST", "/v1/check", headers: ["Content-Type": "application/json"], body: body).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 60)
            #expect(answers.allSatisfy { $0 == 400 })
            // Not even HTTP: the connection gets 400 and is closed.
            let (status, closed) = try await blocking { () throws -> (Int, Bool) in
                let connection = try TestConnection(port: port)
                connection.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03] + Array("\r\n\r\n".utf8))
                let response = try connection.readResponse()
                return (response.status, connection.waitForClose())
            }
            #expect(status == 400)
            #expect(closed)
            #expect(try await check(port, ["text": "Bonjour"]).decision == "allow")
        }
    }

    /// A rule that never ends is stopped by the sandbox on that request only:
    /// the other rules still report, and other requests are answered meanwhile.
    @Test func ruleThatLoops() async throws {
        // Eight seconds of looping: the other requests are answered long before it
        // ends, even on a machine busy with other work.
        try await withServer(configure: { $0.limits.timeout = 8; $0.limits.instructions = nil }) { server in
            let port = server.port
            let loopDone = Locked(false)
            let looping = Task {
                let answer = try await check(port, ["text": "boucle infinie ; appelez au 514 555-1234"])
                loopDone.withLock { $0 = true }
                return answer
            }
            try await waitForBusyWorkers(1, port: port)
            for i in 0..<5 {
                let answer = try await check(port, ["text": "Bonjour \(i), journée épuisante"])
                #expect(answer.status == 200)
                #expect(answer.decision == "warn")
            }
            #expect(try await request(port, "GET", "/healthz").status == 200)
            #expect(loopDone.withLock { $0 } == false, "the others were answered while the rule looped")
            let answer = try await looping.value
            #expect(answer.status == 200)
            #expect(answer.decision == "block")
            #expect(answer.rules == ["telephone"])
            let failures = try #require(answer.json?["failures"] as? [[String: Any]])
            #expect(failures.count == 1)
            #expect(failures.first?["rule"] as? String == "boucle")
            #expect(failures.first?["reason"] as? String == "time limit")
            let metrics = try await request(port, "GET", "/metrics").text
            #expect(metrics.contains(#"vigie_serve_rule_failures_total{rule="boucle",reason="time limit"} 1"#))
            #expect(server.logs.all.contains { $0.hasPrefix("warning a rule did not finish") && $0.contains("rule=boucle") })
        }
    }

    /// Every worker looping at once: the page, the probe and the metrics still answer.
    @Test func everyWorkerLooping() async throws {
        try await withServer(configure: { $0.limits.timeout = 2; $0.limits.instructions = nil }) { server in
            let port = server.port
            let both = (0..<2).map { _ in Task { try await check(port, ["text": "boucle infinie"]) } }
            try await waitForBusyWorkers(2, port: port)
            #expect(try await request(port, "GET", "/healthz").status == 200)
            #expect(try await request(port, "GET", "/").status == 200)
            for task in both {
                let answer = try await task.value
                #expect(answer.status == 200)
                #expect(answer.rules.isEmpty)
                #expect((answer.json?["failures"] as? [[String: Any]])?.count == 1)
            }
            #expect(try await check(port, ["text": "Bonjour"]).decision == "allow")
        }
    }

    /// With the queue full, drafts are refused with 503 at once rather than left waiting.
    @Test func fullQueueGets503() async throws {
        try await withServer(configure: { $0.workers = 1; $0.maxQueue = 1; $0.limits.timeout = 3 }) { server in
            let port = server.port
            let first = Task { try await check(port, ["text": "boucle infinie"]) }
            try await waitForBusyWorkers(1, port: port)
            let second = Task { try await check(port, ["text": "boucle infinie"]) }
            var queued = false
            for _ in 0..<500 where !queued {
                queued = try await request(port, "GET", "/metrics").text.contains("vigie_serve_queue_waiting 1\n")
                if !queued { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(queued)
            let third = try await check(port, ["text": "Bonjour"])
            #expect(third.status == 503)
            #expect(third.errorCode == "busy")
            #expect(third.headers["retry-after"] == "1")
            #expect(try await first.value.status == 200)
            #expect(try await second.value.status == 200)
            #expect(try await check(port, ["text": "Bonjour"]).status == 200)
        }
    }
}
