import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals
import VigieCaseFile
import VigieEngine
import VigieModel

/// `vigie serve`: checks drafts against the policy before they are posted.
///
/// ```swift
/// let server = try ServeServer(options: ServeOptions(location: PolicyLocation(folder: "Policies/client")))
/// try await server.run(listening: { port in print("listening on \(port)") })
/// ```
///
/// Routes: `GET /` (the page), `POST /v1/check`, `GET /v1/policy`,
/// `GET /healthz`, `GET /metrics` (see docs/serve.md and
/// docs/openapi/serve.yaml). The policy is loaded once per worker; `reload`
/// (SIGHUP, or a change of its files) loads it again and swaps it in
/// between two drafts, or keeps the old one when the new one does not load.
public final class ServeServer: Sendable {
    public let options: ServeOptions
    public let metrics = ServeMetrics()
    let logger: Logger
    let pool: EnginePool
    let decisionLog: DecisionLog?
    private let state: Locked<State>
    private let reloads = ReloadQueue()

    struct State {
        var tokens: [[UInt8]]
        var group: ServiceGroup?
        var stopRequested = false
        var lastReload: ReloadOutcome?
        var port: Int?
        var address: String?
        var finished = false
    }

    /// What a reload did.
    public struct ReloadOutcome: Sendable, Hashable {
        public var at: Date
        public var reason: String
        /// The generation serving after it.
        public var generation: Int
        /// Why the new policy was refused (the old one still serves), nil when it loaded.
        public var error: String?
        public var succeeded: Bool { error == nil }
    }

    /// Loads the policy (once per worker) and opens the case file: errors
    /// here stop the server before it listens.
    public init(options: ServeOptions, logger: Logger = Logger(label: "vigie.serve")) throws(ServeLoadError) {
        self.options = options
        self.logger = logger
        let set = try Self.load(options, generation: 1)
        var log: DecisionLog?
        var hasher: DraftHasher?
        if options.decisionLog {
            let caseFile: CaseFile
            do {
                if let path = options.caseFilePath {
                    caseFile = try CaseFile(path: path)
                } else {
                    caseFile = try CaseFile.open(policyFolder: options.location.folder)
                }
            } catch {
                throw ServeLoadError("the case file cannot be opened: \(error)")
            }
            let keyPath = (URL(fileURLWithPath: caseFile.path).deletingLastPathComponent().path as NSString)
                .appendingPathComponent("serve.key")
            let keyed = try DraftHasher.loadOrCreate(at: keyPath)
            hasher = keyed
            log = DecisionLog(caseFile: caseFile, hasher: keyed, metrics: metrics, logger: logger)
        }
        decisionLog = log
        pool = EnginePool(set, workers: max(1, options.workers), maxQueue: options.maxQueue, hasher: hasher)
        state = Locked(State(tokens: options.tokens.map { SHA256.hash(Array($0.utf8)) }))
        logger.info("policy loaded", metadata: [
            "policy": "\(set.snapshot.name) \(set.snapshot.version)", "workers": "\(options.workers)",
        ])
    }

    static func load(_ options: ServeOptions, generation: Int) throws(ServeLoadError) -> EngineSet {
        try EngineSet.load(options.location, workers: max(1, options.workers), limits: options.limits, generation: generation)
    }

    /// The policy serving now.
    public var snapshot: PolicySnapshot { pool.snapshot }

    /// The port the server listens on, once it does.
    public var port: Int? { state.withLock { $0.port } }

    /// The address the server listens on, once it does (`127.0.0.1` by default).
    public var boundAddress: String? { state.withLock { $0.address } }

    /// The last reload, if any.
    public var lastReload: ReloadOutcome? { state.withLock { $0.lastReload } }

    // MARK: - Running

    /// Listens and answers until `stop()` (or, with `signals`, SIGTERM or
    /// SIGINT): then stops accepting, lets the requests in flight finish,
    /// writes the decisions left and returns. With `signals`, SIGHUP reloads
    /// the policy.
    public func run(signals: Bool = false, listening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let timeout = TimeAmount(options.requestTimeout)
        let metrics = self.metrics
        // A new deadline handler for each connection (the argument is evaluated per connection).
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                RequestDeadlineHandler(timeout: timeout) { metrics.request(route: "incomplete", status: 408) }
            ],
            idleTimeout: TimeAmount(options.idleTimeout))
        let configuration = ApplicationConfiguration(
            address: .hostname(options.host, port: options.port), serverName: nil, backlog: 1024,
            availableConnectionsDelegate: MaximumAvailableConnections(options.maxConnections))
        let app = Application(
            responder: ServeResponder(server: self), server: .http1(configuration: http1), configuration: configuration,
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? options.port
                self.state.withLock {
                    $0.port = port
                    $0.address = channel.localAddress?.ipAddress
                }
                self.logger.info("listening", metadata: ["host": "\(options.host)", "port": "\(port)"])
                await listening(port)
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [], logger: logger))
        let stopNow = state.withLock { state -> Bool in
            state.group = group
            return state.stopRequested
        }
        if stopNow { return }
        let watcher = options.watchInterval.map { interval in
            Task { [self] in await self.watch(every: interval) }
        }
        let hangups = signals ? Task { [self] in
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                _ = await self.reload(reason: "SIGHUP")
            }
        } : nil
        defer {
            watcher?.cancel()
            hangups?.cancel()
        }
        do {
            try await group.run()
        } catch {
            await finish()
            throw error
        }
        await finish()
    }

    /// Stops accepting connections; `run` returns once the requests in flight are answered.
    public func stop() async {
        let group = state.withLock { state -> ServiceGroup? in
            state.stopRequested = true
            return state.group
        }
        await group?.triggerGracefulShutdown()
    }

    /// Ends the workers and writes the decisions left, for a server that
    /// will not run again (`run` does it when it returns).
    public func close() async { await finish() }

    private func finish() async {
        let first = state.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        guard first else { return }
        // The workers end after the drafts already queued; the last decisions are written.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                self.pool.shutdown()
                self.decisionLog?.close()
                continuation.resume()
            }
            thread.start()
        }
        logger.info("stopped")
    }

    /// Waits until every decision given so far is in the case file (tests, tools).
    public func flushDecisionLog() async {
        guard let decisionLog else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                decisionLog.flush()
                continuation.resume()
            }.start()
        }
    }

    /// The case file the decisions go to (nil without a decision log).
    public var caseFile: CaseFile? { decisionLog?.caseFile }

    /// The keyed hash the decision log gives `text`.
    public func draftHash(_ text: String) -> String? { decisionLog?.hasher.hash(text) }

    // MARK: - Reloading

    /// Loads the policy again from its files and, if it loads, serves it
    /// from the next draft on; otherwise the old one goes on serving and the
    /// reason is logged and shown by `/healthz`. The token file is read
    /// again too. Reloads run one at a time.
    @discardableResult
    public func reload(reason: String) async -> ReloadOutcome {
        await reloads.run { [self] in await self.reloadNow(reason: reason) }
    }

    private func reloadNow(reason: String) async -> ReloadOutcome {
        let generation = pool.snapshot.generation + 1
        let options = self.options
        let result: Result<EngineSet, ServeLoadError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(ServeLoadError) {
                    continuation.resume(returning: .success(try Self.load(options, generation: generation)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var tokenError: String?
        if let file = options.tokenFile {
            do throws(ServeLoadError) {
                let tokens = try ServeOptions.readTokens(file)
                state.withLock { $0.tokens = tokens.map { SHA256.hash(Array($0.utf8)) } }
            } catch {
                tokenError = error.message
                logger.error("token file not reloaded; the previous tokens stay", metadata: ["error": "\(error.message)"])
            }
        }
        let outcome: ReloadOutcome
        switch result {
        case .success(let set):
            pool.install(set)
            outcome = ReloadOutcome(at: Date(), reason: reason, generation: generation, error: tokenError)
            metrics.reload(ok: tokenError == nil)
            logger.info("policy reloaded", metadata: [
                "policy": "\(set.snapshot.name) \(set.snapshot.version)", "generation": "\(generation)",
                "reason": "\(reason)",
            ])
        case .failure(let error):
            outcome = ReloadOutcome(at: Date(), reason: reason, generation: generation - 1, error: error.message)
            metrics.reload(ok: false)
            logger.error("policy not reloaded; the previous one goes on serving", metadata: [
                "reason": "\(reason)", "error": "\(error.message)",
            ])
        }
        state.withLock { $0.lastReload = outcome }
        return outcome
    }

    /// Reloads when the policy's files (its folder, its plugins' folders,
    /// hidden files aside) change.
    private func watch(every interval: Duration) async {
        var last = FileSignature(folders: pool.snapshot.watchedFolders)
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let now = FileSignature(folders: pool.snapshot.watchedFolders)
            if now != last {
                last = now
                await reload(reason: "files changed")
                // The folders may have changed with the policy's plugins.
                last = FileSignature(folders: pool.snapshot.watchedFolders)
            }
        }
    }

    // MARK: - Authorisation

    /// Whether the request may use the API: no token is set, or its bearer token is one of them.
    func authorised(_ request: Request) -> Bool {
        let tokens = state.withLock { $0.tokens }
        if tokens.isEmpty { return true }
        guard let header = request.headers[.authorization] else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let presented = SHA256.hash(Array(parts[1].trimmingCharacters(in: .whitespaces).utf8))
        // Compared digest to digest, every byte every time.
        var match = false
        for token in tokens {
            var difference: UInt8 = 0
            for i in 0..<32 { difference |= token[i] ^ presented[i] }
            if difference == 0 { match = true }
        }
        return match
    }
}

/// Runs reloads one after the other.
actor ReloadQueue {
    private var last: Task<ServeServer.ReloadOutcome, Never>?

    func run(_ body: @escaping @Sendable () async -> ServeServer.ReloadOutcome) async -> ServeServer.ReloadOutcome {
        let previous = last
        let task = Task {
            _ = await previous?.value
            return await body()
        }
        last = task
        return await task.value
    }
}

/// The files of some folders, with their sizes and times, hidden ones aside
/// (the case file in `.vigie/` changes with every decision).
struct FileSignature: Equatable {
    var entries: [String: [Int64]] = [:]

    init(folders: [String]) {
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    enumerator.skipDescendants()
                    continue
                }
                let path = (folder as NSString).appendingPathComponent(relative)
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                entries[path] = [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                                 Int64(info.st_ino)]
            }
        }
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
