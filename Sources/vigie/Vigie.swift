import ArgumentParser
import Foundation

@main
struct Vigie: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Human-security policies for social media, written in Lua.",
        discussion: """
            Vigie evaluates what an organisation's people post on social media
            against a client policy written in sandboxed Lua: threats, behaviour
            rules and crisis reactions.

            Examples:
              vigie run script.lua --data activities.json
              vigie import export.zip --out activities.jsonl

            Exit codes: 0 success, 1 the work found problems or a script failed,
            2 bad usage or unreadable input, 3 a script hit a sandbox limit.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ImportCommand.self, ReplCommand.self]
    )

    /// Parses and runs, mapping every usage error to exit code 2 (the
    /// argument parser's own default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
