import Foundation
import LuaHost
import VigieRun

/// How `vigie serve` runs: where, with which policy, under which limits.
public struct ServeOptions: Sendable {
    public var location: PolicyLocation
    /// Loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// 0: any free port (`ServeServer.run`'s `listening` gets it).
    public var port = 8080
    /// Workers, each with its own Lua state: one per core by default.
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The sandbox's limits for each draft (each rule call of the engine).
    public var limits = ServeOptions.defaultLimits
    /// API tokens; empty: no token needed.
    public var tokens: [String] = []
    /// Where the tokens were read from, re-read on reload (nil: given in code).
    public var tokenFile: String?
    /// Largest request body, in bytes.
    public var bodyLimit = 1 << 20
    /// Time a client may take to send one request, head to end.
    public var requestTimeout: Duration = .seconds(10)
    /// Time a connection may stay without a request before it is closed.
    public var idleTimeout: Duration = .seconds(60)
    /// Connections accepted at once; more wait in the listening queue.
    public var maxConnections = 4096
    /// Drafts waiting for a worker beyond which requests get 503.
    public var maxQueue = 1024
    /// How often the policy's files are looked at for a change (nil: never).
    public var watchInterval: Duration? = .seconds(1)
    /// Keep each decision in the case file (`<policy>/.vigie/case.sqlite`).
    public var decisionLog = true
    /// Another case file than the policy's own.
    public var caseFilePath: String?

    public init(location: PolicyLocation) {
        self.location = location
    }

    /// A draft gets less time than a whole run: one second and 50 million
    /// instructions per rule call, 64 MiB of Lua memory.
    public static var defaultLimits: LuaLimits {
        var limits = LuaLimits()
        limits.timeout = 1
        limits.instructions = 50_000_000
        return limits
    }

    /// The tokens of a token file: one per line; blank lines and lines
    /// starting with `#` are skipped.
    public static func readTokens(_ path: String) throws(ServeLoadError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServeLoadError("\(path): cannot read the token file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ServeLoadError("\(path): the token file is not UTF-8 text")
        }
        var tokens: [String] = []
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
                throw ServeLoadError("\(path):\(number + 1): a token is printable ASCII without spaces")
            }
            guard line.count >= 16 else {
                throw ServeLoadError("\(path):\(number + 1): a token must be at least 16 characters long")
            }
            tokens.append(line)
        }
        guard !tokens.isEmpty else {
            throw ServeLoadError("\(path): the token file has no token (one per line)")
        }
        return tokens
    }
}
