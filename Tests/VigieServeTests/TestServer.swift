import Foundation
import Logging
import Testing
import VigieRun
@testable import VigieServe

/// A server started in this process on a free loopback port, over a copy of
/// a fixture policy in a temporary folder (its case file goes there too).
final class TestServer: @unchecked Sendable {
    let folder: URL
    let server: ServeServer
    let port: Int
    let logs: CapturedLog
    private let running: Task<Void, any Error>

    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// Copies the fixture `policy`, lets `configure` adjust the options, starts the server.
    static func start(
        _ policy: String = "brouillons", _ configure: (inout ServeOptions) -> Void = { _ in }
    ) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let policyFolder = folder.appendingPathComponent(policy)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(policy), to: policyFolder)
        var options = ServeOptions(location: PolicyLocation(folder: policyFolder.path, given: [], environment: [:]))
        options.port = 0
        options.workers = 2
        options.watchInterval = nil
        // The limits bound each step of loading the policy too: a debug build on a
        // busy machine needs more than the one second a release build serves with.
        options.limits.timeout = 5
        configure(&options)
        let logs = CapturedLog()
        var configured = Logger(label: "vigie.serve.test") { _ in logs.handler() }
        configured.logLevel = .debug
        let logger = configured
        // Loading the policy takes a while: not on the cooperative pool the other servers use.
        let ready = options
        let server = try await blocking { try ServeServer(options: ready, logger: logger) }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let running = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await running.value
            throw TestClientError.closed("before the server listened")
        }
        return TestServer(folder: folder, server: server, port: port, logs: logs, running: running)
    }

    private init(folder: URL, server: ServeServer, port: Int, logs: CapturedLog, running: Task<Void, any Error>) {
        self.folder = folder
        self.server = server
        self.port = port
        self.logs = logs
        self.running = running
    }

    var policyFolder: URL { URL(fileURLWithPath: server.options.location.folder) }

    /// Stops the server (gracefully) and removes the folder.
    func stop() async throws {
        await server.stop()
        try await running.value
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stops without removing anything; returns when `run` has returned.
    func stopAndWait() async throws {
        await server.stop()
        try await running.value
    }
}

/// Waits until `busy` workers are checking a draft (read from /metrics).
func waitForBusyWorkers(_ busy: Int, port: Int) async throws {
    for _ in 0..<500 {
        if try await request(port, "GET", "/metrics").text.contains("vigie_serve_workers_busy \(busy)\n") { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("\(busy) workers never got busy")
}

/// Runs `body` against a server, and stops it however `body` ends.
func withServer(
    _ policy: String = "brouillons", configure: (inout ServeOptions) -> Void = { _ in },
    _ body: (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer.start(policy, configure)
    do {
        try await body(server)
        try await server.stop()
    } catch {
        try? await server.stop()
        throw error
    }
}

/// Every line the server logs, to check what it says and what it never says.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    func handler() -> Handler { Handler(log: self) }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = metadata
            for (k, v) in event.metadata ?? [:] { all[k] = v }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.append("\(event.level) \(event.message) \(fields)")
        }
    }
}
