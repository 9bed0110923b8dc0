import Foundation
import Testing
@testable import VigieServe

/// Tokens, limits on bodies and time, the refusal of what is not a UTF-8
/// JSON draft, and logs without personal data.
@Suite struct ServeSecurityTests {
    static let token = "t0k3n-0123456789-abcdef"

    @Test func listensOnLoopbackByDefault() async throws {
        #expect(ServeOptions(location: .init(folder: "x")).host == "127.0.0.1")
        try await withServer { server in
            #expect(server.server.boundAddress == "127.0.0.1")
        }
    }

    @Test func tokensGuardTheAPI() async throws {
        try await withServer(configure: { $0.tokens = [Self.token, "another-token-0123456789"] }) { server in
            let none = try await check(server.port, ["text": "Bonjour"])
            #expect(none.status == 401)
            #expect(none.errorCode == "unauthorized")
            #expect(none.headers["www-authenticate"] == "Bearer")
            let wrong = try await check(server.port, ["text": "Bonjour"], token: Self.token + "x")
            #expect(wrong.status == 401)
            let basic = try await request(server.port, "POST", "/v1/check",
                                          headers: ["Content-Type": "application/json", "Authorization": "Basic \(Self.token)"],
                                          body: Array(#"{"text":"a"}"#.utf8))
            #expect(basic.status == 401)
            let right = try await check(server.port, ["text": "Bonjour"], token: Self.token)
            #expect(right.status == 200)
            let other = try await check(server.port, ["text": "Bonjour"], token: "another-token-0123456789")
            #expect(other.status == 200)
            for path in ["/v1/policy", "/metrics"] {
                #expect(try await request(server.port, "GET", path).status == 401, "\(path)")
                #expect(try await request(server.port, "GET", path, headers: ["Authorization": "Bearer \(Self.token)"]).status == 200)
            }
            // The page (a browser cannot send the header on navigation) and the probe stay open.
            #expect(try await request(server.port, "GET", "/").status == 200)
            #expect(try await request(server.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func tokenFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tokens.txt")
        try "# équipe communication\n\(Self.token)\n\n  second-token-abcdefghij  \r\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try ServeOptions.readTokens(file.path) == [Self.token, "second-token-abcdefghij"])
        try "# rien\n\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ServeLoadError.self) { try ServeOptions.readTokens(file.path) }
        try "court\n".write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try ServeOptions.readTokens(file.path)
            Issue.record("a short token was accepted")
        } catch {
            #expect(error.message.contains("tokens.txt:1:"))
        }
    }

    @Test func bodiesOverTheLimitGet413() async throws {
        try await withServer(configure: { $0.bodyLimit = 4096 }) { server in
            let fits = String(repeating: "a", count: 4096 - #"{"text":""}"#.utf8.count)
            let ok = try await request(server.port, "POST", "/v1/check", headers: ["Content-Type": "application/json"],
                                       body: Array(#"{"text":"\#(fits)"}"#.utf8))
            #expect(ok.status == 200)
            let over = try await request(server.port, "POST", "/v1/check", headers: ["Content-Type": "application/json"],
                                         body: Array(#"{"text":"\#(fits)a"}"#.utf8))
            #expect(over.status == 413)
            #expect(over.errorCode == "body-too-large")
            // Without a length (chunked), the body is cut off at the limit too.
            let chunked = try await blocking {
                let connection = try TestConnection(port: server.port)
                let chunk = String(repeating: "x", count: 3000)
                connection.send(requestBytes("POST", "/v1/check",
                    headers: ["Content-Type": "application/json", "Transfer-Encoding": "chunked"], contentLength: false))
                for _ in 0..<3 { connection.send("bb8\r\n\(chunk)\r\n") }
                connection.send("0\r\n\r\n")
                return try connection.readResponse()
            }
            #expect(chunked.status == 413)
            expectConforms("POST", "/v1/check", chunked)
        }
    }

    static let malformed: [(String, [UInt8], String)] = [
        ("application/json", Array(#"{"text": "a""#.utf8), "invalid-json"),
        ("application/json", Array(#"{"text":""#.utf8) + [0xff, 0xfe] + Array(#""}"#.utf8), "invalid-utf8"),
        // An encoded surrogate (CESU-8): not UTF-8.
        ("application/json", Array(#"{"text":""#.utf8) + [0xed, 0xa0, 0x80] + Array(#""}"#.utf8), "invalid-utf8"),
        ("text/plain", Array(#"{"text":"a"}"#.utf8), "unsupported-content-type"),
        ("application/x-www-form-urlencoded", Array("text=a".utf8), "unsupported-content-type"),
        ("application/json; charset=iso-8859-1", Array(#"{"text":"a"}"#.utf8), "unsupported-charset"),
        ("application/json", Array(#"{"text": 3}"#.utf8), "invalid-draft"),
        ("application/json", [], "invalid-json"),
    ]

    @Test(arguments: ServeSecurityTests.malformed)
    func malformedRequestsGet400WithJSON(contentType: String, body: [UInt8], code: String) async throws {
        try await withServer { server in
            let answer = try await request(server.port, "POST", "/v1/check", headers: ["Content-Type": contentType], body: body)
            #expect(answer.status == 400)
            #expect(answer.errorCode == code)
            let missing = try await request(server.port, "POST", "/v1/check", body: Array(#"{"text":"a"}"#.utf8))
            #expect(missing.status == 400)
            #expect(missing.errorCode == "unsupported-content-type")
            #expect(try await check(server.port, ["text": "Bonjour"]).status == 200)
            let charset = try await request(server.port, "POST", "/v1/check",
                                            headers: ["Content-Type": "Application/JSON; charset=\"UTF-8\""],
                                            body: Array(#"{"text":"a"}"#.utf8))
            #expect(charset.status == 200)
        }
    }

    /// A body that trickles in keeps a connection busy, not idle: the request
    /// timeout ends it with 408, and the server answers others meanwhile.
    @Test func slowBodyGets408() async throws {
        try await withServer(configure: { $0.requestTimeout = .milliseconds(800); $0.idleTimeout = .seconds(30) }) { server in
            let slow = Task {
                try await blocking { () throws -> (HTTPResult, Bool) in
                    let connection = try TestConnection(port: server.port)
                    connection.send(Array("POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n".utf8)
                        + Array("Content-Length: 200\r\n\r\n{\"text\":\"".utf8))
                    // One byte every 100 ms: never idle, never done, until the server answers.
                    for _ in 0..<50 where !connection.waitReadable(seconds: 0.1) {
                        if !connection.send("a") { break }
                    }
                    let response = try connection.readResponse()
                    return (response, connection.waitForClose())
                }
            }
            for _ in 0..<3 {
                #expect(try await check(server.port, ["text": "Bonjour"]).status == 200)
            }
            let (response, closed) = try await slow.value
            #expect(response.status == 408)
            #expect(response.errorCode == "request-timeout")
            #expect(closed)
            expectConforms("POST", "/v1/check", response)
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        try await withServer(configure: { $0.idleTimeout = .milliseconds(500) }) { server in
            let closed = try await blocking { () throws -> Bool in
                let connection = try TestConnection(port: server.port, timeout: 10)
                return connection.waitForClose()
            }
            #expect(closed)
            // A connection that made a request is closed too once idle.
            let after = try await blocking { () throws -> (Int, Bool) in
                let connection = try TestConnection(port: server.port, timeout: 10)
                connection.send(requestBytes("GET", "/healthz"))
                let response = try connection.readResponse()
                return (response.status, connection.waitForClose())
            }
            #expect(after == (200, true))
        }
    }

    @Test func logsHoldNoPersonalData() async throws {
        let marker = "Ginette-Tremblay-7Q"
        try await withServer(configure: { $0.tokens = [Self.token]; $0.limits.timeout = 2 }) { server in
            _ = try await check(server.port, [
                "text": "\(marker) : appelez-moi au 514 555-1234, boucle infinie", "person": "karine",
            ], token: Self.token)
            _ = try await check(server.port, ["text": marker], token: Self.token + "-wrong")
            _ = try await request(server.port, "POST", "/v1/check", headers: ["Content-Type": "application/json"],
                                  body: Array("{\"text\": \"\(marker)".utf8))
            await server.server.flushDecisionLog()
            let lines = server.logs.all
            #expect(lines.contains { $0.contains("request") && $0.contains("route=/v1/check") })
            #expect(lines.contains { $0.contains("rule=boucle") })
            for line in lines {
                for secret in [marker, "555-1234", "karine", Self.token] {
                    #expect(!line.contains(secret), "log line holds \(secret): \(line)")
                }
            }
        }
    }
}
