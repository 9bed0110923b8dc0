import ArgumentParser

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
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ImportCommand.self, LintCommand.self, AnalyzeCommand.self, CheckCommand.self, SimulateCommand.self]
    )
}
