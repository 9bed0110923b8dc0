import ArgumentParser
import Foundation
import VigieRun

@main
struct Vigie: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Human-security policies for social media, written in Lua.",
        discussion: """
            Vigie evaluates what an organisation's people post on social media
            against a client policy written in sandboxed Lua: threats, behaviour
            rules and crisis reactions.

            The consultant's workflow:
              vigie lint --policy Policies/entretien-menager      check the policy
              vigie analyze --policy Policies/entretien-menager   the threat register
              vigie simulate --all --policy ...                   rehearse the crises
              vigie check export.zip --policy ...                 findings and reactions
              vigie import export.zip --out activities.jsonl      exports to JSONL
              vigie run script.lua --data activities.jsonl        Lua in the sandbox

            Exit codes: 0 success, 1 the work found problems or a script failed,
            2 bad usage, unreadable input or a policy that does not load, 3 a script
            hit a sandbox limit, 5 the case file is locked by another Vigie process,
            6 the case file is damaged, 7 the disk is full.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, LintCommand.self, AnalyzeCommand.self, CheckCommand.self,
            ReactCommand.self, IncidentsCommand.self, AcceptCommand.self, EraseCommand.self, SimulateCommand.self, ReplCommand.self,
            ReportCommand.self, CharterCommand.self, TestCommand.self, PluginsCommand.self, RunCommand.self, CorpusCommand.self, EvalCommand.self,
            ServeCommand.self,
        ]
    )

    /// Parses and runs, mapping every usage error to exit code 2 (the
    /// argument parser's own default is 64).
    /// Every error reaches standard error through the reports' masking:
    /// a message that quotes a value from the client's data shows it masked.
    static func main() {
        _ = Log.logger
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("\(Privacy.mask(error.printed))\n".utf8))
            Foundation.exit(2)
        } catch let error as RunError {
            // A policy's diagnostics are already `file:line: error: …`.
            let printed = error.code == .policy ? error.message : "error: " + error.message
            FileHandle.standardError.write(Data("\(Privacy.mask(printed))\n".utf8))
            Foundation.exit(exitCode(for: error))
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data((Privacy.mask(message) + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// The exit code of a run's error: causes a user acts on differently get
    /// their own (documented in `vigie --help` and docs/reliability.md).
    static func exitCode(for error: RunError) -> Int32 {
        switch error.code {
        case .caseFileLocked: 5
        case .caseFileDamaged: 6
        case .diskFull: 7
        default: 2
        }
    }
}
