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
              vigie init garderie                        a new client's policy and editor kit
              vigie lint -p Policies/garderie            check the policy
              vigie repl -p Policies/garderie            try rules on made-up posts
              vigie test Policies/garderie               its examples and tests
              vigie analyze -p Policies/garderie         the threat register
              vigie simulate --all -p Policies/garderie  rehearse the crises
              vigie import export.zip -o activities.jsonl   exports to JSONL
              vigie check activities.jsonl -p Policies/garderie   findings, reactions
              vigie report activities.jsonl -p Policies/garderie -o report.html

            Conventions: -p/--policy DIR names the policy folder and -o/--output
            FILE the document written, whose extension chooses the format (html,
            md, json, sarif.json…; PDF is refused). A `-` reads standard input
            where a command reads exports or data. --color auto|always|never
            where output is coloured (auto: a terminal, without NO_COLOR or
            TERM=dumb). Every error starts with `error:`. `vigie completions
            bash|zsh|fish` prints the shell completion script; the manual is
            docs/man/vigie.1 (man -l docs/man/vigie.1). docs/cli.md says more.

            Exit codes: 0 success, 1 the work found problems (findings at --fail-on,
            a rule that failed, a test that failed, lint problems) or a script
            failed, 2 bad usage, unreadable input or a policy that does not load,
            3 a script hit a sandbox limit, 4 an input file was refused or partly
            imported (--keep-going to go on), 5 the case file is locked by another
            Vigie process, 6 the case file is damaged, 7 the disk is full. Each
            command's --help says which of them it uses.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, LintCommand.self, AnalyzeCommand.self, CheckCommand.self,
            ReactCommand.self, IncidentsCommand.self, AcceptCommand.self, EraseCommand.self, SimulateCommand.self, ReplCommand.self,
            ReportCommand.self, CharterCommand.self, TestCommand.self, PluginsCommand.self, RunCommand.self, CorpusCommand.self, EvalCommand.self,
            ServeCommand.self, CaseFileCommand.self, CompletionsCommand.self, EditorKitCommand.self,
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
            var message = fullMessage(for: error)
            // One prefix for every error the command line writes.
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
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
