import ArgumentParser
import Foundation
import LuaHost
import VigieServe

/// The sandbox's limits for each draft: tighter than a run's by default.
struct ServeLimitOptions: ParsableArguments, LimitOptions {
    @Option(help: "Wall-clock limit of each rule call on a draft, in seconds.")
    var timeout: Double = 1

    @Option(help: "Memory limit of each worker's Lua state, in MiB.")
    var memory: Int = 64

    @Option(help: "Virtual-machine instruction limit of each rule call on a draft.")
    var instructions: Int = 50_000_000
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Check drafts before they are posted: a page and an HTTP API over the policy.",
        discussion: """
            Starts an HTTP server that answers "may I post this?" with the policy's
            rules: GET / is a page where a person pastes a draft and sees the
            decision, the evidence highlighted, the advice and the charter's
            principle; POST /v1/check is the same for a publishing tool. Also
            GET /v1/policy, GET /healthz and GET /metrics (Prometheus). See
            docs/serve.md and docs/openapi/serve.yaml.

            The server listens on 127.0.0.1 unless --host says otherwise. With
            --token-file (one token per line), the API needs the header
            Authorization: Bearer <token>; the page and /healthz stay open.
            Each decision goes to the policy's case file with a keyed hash of the
            draft, never the draft (--no-decision-log to keep none).

            The policy reloads on SIGHUP and when its files change; a policy that
            no longer loads leaves the previous one serving (the log and /healthz
            say why). SIGTERM or Ctrl-C stop it after the requests in flight.

            Examples:
              vigie serve --policy Policies/entretien-menager
              vigie serve --policy client --host 0.0.0.0 --port 8443 --token-file tokens.txt

            Exit codes: 0 stopped by a signal, 2 bad usage, a policy that does not
            load, or an address that cannot be listened on.
            """
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(help: "Workers checking drafts, each with its own Lua state (default: one per core).")
    var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    @Option(name: .customLong("token-file"), help: "A file of API tokens, one per line: requests to the API then need one.")
    var tokenFile: String?

    @OptionGroup var limits: ServeLimitOptions

    @Option(name: .customLong("body-limit"), help: "Largest request body, in bytes (larger: 413).")
    var bodyLimit = 1 << 20

    @Option(name: .customLong("request-timeout"), help: "Seconds a client may take to send a request (then 408).")
    var requestTimeout: Double = 10

    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may stay idle before it is closed.")
    var idleTimeout: Double = 60

    @Option(name: .customLong("max-connections"), help: "Connections served at once; more wait to be accepted.")
    var maxConnections = 4096

    @Option(name: .customLong("queue"), help: "Drafts waiting for a worker beyond which requests get 503.")
    var queue = 1024

    @Option(name: .customLong("watch-interval"), help: "Seconds between looks at the policy's files for a change (0: never).")
    var watchInterval: Double = 1

    @Option(name: .customLong("case-file"), help: ArgumentHelp(
            "The case file for the decision log: a path, or postgres://USER@HOST:PORT/DATABASE[?schema=NAME], shared by every instance (the password from PGPASSWORD or ~/.pgpass). Default: $VIGIE_CASE_FILE, else <policy>/.vigie/case.sqlite.",
            valueName: "location"))
    var caseFile: String?

    @Flag(name: .customLong("no-decision-log"), help: "Keep no decision in the case file.")
    var noDecisionLog = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
        guard bodyLimit >= 1 else { throw ValidationError("--body-limit must be positive (bytes).") }
        guard requestTimeout > 0, idleTimeout > 0 else { throw ValidationError("timeouts must be positive (seconds).") }
        guard maxConnections >= 1, queue >= 1 else { throw ValidationError("--max-connections and --queue must be at least 1.") }
        guard watchInterval >= 0 else { throw ValidationError("--watch-interval must be 0 or more (seconds).") }
    }

    func run() throws {
        var serve = ServeOptions(location: options.location)
        serve.host = host
        serve.port = port
        serve.workers = workers
        serve.limits = limits.luaLimits
        serve.bodyLimit = bodyLimit
        serve.requestTimeout = .milliseconds(Int64(requestTimeout * 1000))
        serve.idleTimeout = .milliseconds(Int64(idleTimeout * 1000))
        serve.maxConnections = maxConnections
        serve.maxQueue = queue
        serve.watchInterval = watchInterval > 0 ? .milliseconds(Int64(watchInterval * 1000)) : nil
        serve.decisionLog = !noDecisionLog
        serve.caseFilePath = caseFile
        do throws(ServeLoadError) {
            if let tokenFile {
                serve.tokens = try ServeOptions.readTokens(tokenFile)
                serve.tokenFile = tokenFile
            }
        } catch {
            throw CLIError.input(error.message)
        }
        let server: ServeServer
        do {
            server = try ServeServer(options: serve, logger: Log.logger)
        } catch {
            throw CLIError.diagnostic(error.message)
        }
        let snapshot = server.snapshot
        let host = self.host, workers = self.workers, tokens = !serve.tokens.isEmpty
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await server.run(signals: true) { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    let line = "vigie serve: policy \(snapshot.name) \(snapshot.version), \(workers) worker\(workers == 1 ? "" : "s")"
                        + (tokens ? ", API tokens required" : "") + "; listening on http://\(shown):\(port)/\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            throw CLIError.input("cannot serve on \(host):\(port): \(error)")
        }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
}
