import ArgumentParser
import Foundation
import LuaHost
import VigieREPL
import VigieRun

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Explore data and try rules interactively, in the policies' Lua sandbox.",
        discussion: """
            Type Lua: an expression shows its value (tables readably, a few levels
            deep), a statement runs, an unfinished entry continues on the next line.
            Lines starting with ':' are meta-commands (:help lists them): :load FILE,
            :reload after an edit, :data, :rules, :threats, :check "text",
            :explain RULE, :quit.

            With --data, the file's content is the read-only global `data`, as for
            `vigie run` (several files: all their records in one array).

            On a terminal: line editing, history (a multi-line entry stays one
            entry) in $VIGIE_HISTORY or ~/.vigie_history, Tab completion, bracketed
            paste; Ctrl-C stops a running evaluation, Ctrl-D quits. With piped
            input there are no prompts: the input runs as a script session and
            only the values and printed text reach standard output.

            Examples:
              vigie repl --data activities.jsonl
              vigie repl --policy Policies/entretien-menager --data client.jsonl
              printf 'x = 6 * 7\\nx\\n' | vigie repl

            Exit codes (piped input): 0 success, 1 an entry failed, 2 bad usage
            or unreadable data.
            """
    )

    @Option(help: "A client policy folder: its plugins, rules and threats are at hand.")
    var policy: String?

    @Option(name: .customLong("plugins"), help: "A folder of plugins (repeatable); default: the Plugins folders above the policy, and $VIGIE_PLUGINS.")
    var pluginPaths: [String] = []

    @Option(parsing: .upToNextOption, help: "JSON or JSONL files exposed as the read-only global `data`.")
    var data: [String] = []

    @OptionGroup var limits: SandboxLimitOptions

    @Option(help: "The history file (default: $VIGIE_HISTORY, or ~/.vigie_history).")
    var history: String?

    func run() throws {
        let datasets = try data.map { path in
            do {
                return ReplDataSet(path: path, value: try DataFile.load(path))
            } catch {
                throw CLIError.input("\(error)")
            }
        }
        let provider = try policyProvider()
        let interactive = isatty(0) == 1
        let environment = ProcessInfo.processInfo.environment
        let colors = interactive && isatty(2) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"

        var options = ReplOptions()
        options.limits = limits.luaLimits
        let session: ReplSession
        do {
            session = try ReplSession(
                options: options, datasets: datasets, policy: provider, output: .process(colors: colors))
        } catch {
            throw CLIError.input("cannot start the sandbox: \(error)")
        }
        session.loadPolicy()

        let status: Int32
        if interactive {
            var banner = "Vigie \(Vigie.configuration.version) — Lua 5.4 in the policies' sandbox. :help for help, Ctrl-D to quit."
            if !datasets.isEmpty {
                let records = datasets.reduce(0) { $0 + $1.records.count }
                banner += "\n`data`: \(records) record\(records == 1 ? "" : "s") (:data for a summary)."
            }
            status = ReplRunner.runInteractive(session, historyPath: historyPath(environment), banner: banner)
        } else {
            status = ReplRunner.runPiped(session)
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func historyPath(_ environment: [String: String]) -> String? {
        if let history { return history }
        if let path = environment["VIGIE_HISTORY"] { return path.isEmpty ? nil : path }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".vigie_history").path
    }

    /// The policy engine plugs in here: it returns the `ReplPolicyProvider`
    /// for the policy folder.
    private func policyProvider() throws -> (any ReplPolicyProvider)? {
        guard let policy else { return nil }
        guard FileManager.default.fileExists(atPath: (policy as NSString).appendingPathComponent("policy.lua")) else {
            throw CLIError.input("--policy \(policy): no policy.lua there; give the policy folder")
        }
        return EnginePolicyProvider(directory: policy, pluginPaths: PolicyOptions.searchPaths(policy: policy, given: pluginPaths))
    }
}
