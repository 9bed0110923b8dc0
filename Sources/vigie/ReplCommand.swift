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
            :reload after an edit, :data, :rules, :threats, :check "text" (with
            --actor, --platform, --kind), :explain RULE ["text"], :quit.

            With --policy, the policy and its plugins load into the session: their
            API (text, pii, vocab, dates…), rules and threats are at hand, the test
            functions too (check, expect), and a rule or an extend typed at the
            prompt or in a :load'ed file is taken in at once. With --plugins and no
            --policy, a scratch policy uses every plugin found.

            With --data, the file's content is the read-only global `data`, as for
            `vigie run` (several files: all their records in one array); with a
            policy, an activity stream's records are the posts as rules see them,
            so that check(data[1]) checks the first one.

            On a terminal: line editing, history (a multi-line entry stays one
            entry) in $VIGIE_HISTORY or ~/.vigie_history, Tab completion, bracketed
            paste; Ctrl-C stops a running evaluation, Ctrl-D quits. With piped
            input there are no prompts: the input runs as a script session and
            only the values and printed text reach standard output.

            Examples:
              vigie repl --data activities.jsonl
              vigie repl -p Policies/entretien-menager --data client.jsonl
              vigie repl --plugins Plugins
              printf 'x = 6 * 7\\nx\\n' | vigie repl

            Exit codes (piped input): 0 success, 1 an entry failed, 2 bad usage
            or unreadable data.
            """
    )

    @Option(name: [.customShort("p"), .long], help: "A client policy folder: its plugins, rules and threats are at hand.", completion: .directory)
    var policy: String?

    @Option(name: .customLong("plugins"), help: "A folder of plugins (repeatable); default: the Plugins folders above the policy, and $VIGIE_PLUGINS. Without --policy: a scratch policy that uses every plugin found.", completion: .directory)
    var pluginPaths: [String] = []

    @Option(parsing: .upToNextOption, help: "JSON or JSONL files exposed as the read-only global `data` (with --policy, an activity stream's records are the posts rules see).", completion: .file())
    var data: [String] = []

    @OptionGroup var display: DisplayOptions

    @OptionGroup var limits: SandboxLimitOptions

    @Option(help: "The history file (default: $VIGIE_HISTORY, or ~/.vigie_history).")
    var history: String?

    func validate() throws {
        try PolicyOptions.checkPluginPaths(pluginPaths)
        if data.contains("-") { throw ValidationError("The REPL reads its entries from standard input: --data takes files, not `-`.") }
    }

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
        let colors = interactive && Terminal.colors(on: 2, environment: environment)

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
        guard let policy else {
            guard !pluginPaths.isEmpty else { return nil }
            // The plugins of the folders given, and those alone.
            let provider = EnginePolicyProvider(scratchWithPlugins: pluginPaths, language: CLIWords(policyLanguage: nil).language)
            if provider.scratchPlugins.isEmpty {
                throw CLIError.input("--plugins \(pluginPaths.joined(separator: ", ")): no plugin there (a folder with plugin.lua)")
            }
            return provider
        }
        guard FileManager.default.fileExists(atPath: (policy as NSString).appendingPathComponent("policy.lua")) else {
            throw CLIError.input("--policy \(policy): no policy.lua there; give the policy folder")
        }
        return EnginePolicyProvider(directory: policy, pluginPaths: PolicyOptions.searchPaths(policy: policy, given: pluginPaths))
    }
}
