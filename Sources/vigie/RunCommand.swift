import ArgumentParser

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script in Vigie's sandbox."
    )

    @Argument(help: "The Lua script to run.")
    var file: String

    func run() throws {
        throw ValidationError("not built yet")
    }
}
