import ArgumentParser
import Foundation
import LuaHost
import VigieRun

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script in Vigie's sandbox.",
        discussion: """
            The script runs with the libraries policies get (base, string, table,
            math, utf8, coroutine and os.time/date/clock), in an environment of its
            own, under CPU, time and memory limits. What it prints goes to standard
            output; what it returns is printed after it, one value per line.

            With --data, the file's content is the read-only global `data`: a JSON
            file as one value, a JSONL file as an array of its lines.

            Examples:
              vigie run hello.lua
              vigie run rules.lua --data posts.jsonl --timeout 2 --memory 32
              echo 'return 6 * 7' | vigie run -
              vigie import export.zip | vigie run count.lua --data -

            Exit codes: 0 success, 1 the script failed (syntax or runtime error),
            2 bad usage or unreadable input, 3 the script hit a limit.
            """
    )

    @Argument(help: "The Lua script to run (`-`: standard input).", completion: .file(extensions: ["lua"]))
    var file: String

    @OptionGroup var limits: SandboxLimitOptions

    @Option(help: "A JSON or JSONL file exposed to the script as the global `data` (`-`: standard input).", completion: .file())
    var data: String?

    func validate() throws {
        if file == "-" && data == "-" { throw ValidationError("Standard input can be the script or the data, not both.") }
    }

    func run() throws {
        let source: String
        do {
            source = file == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : try TextFile.read(file)
        } catch {
            throw CLIError.input("\(error)")
        }
        let data = try self.data.map { $0 == "-" ? try StandardInput.file() : $0 }
        let file = self.file == "-" ? "stdin" : self.file
        let dataValue: LuaValue?
        do {
            dataValue = try data.map { try DataFile.load($0) }
        } catch {
            throw CLIError.input("\(error)")
        }

        let output = StandardOutput()
        do {
            let state = try LuaState(limits: limits.luaLimits)
            state.output = { output.write($0) }
            let environment = try state.makeEnvironment()
            if let dataValue { try state.setGlobal("data", dataValue, in: environment) }
            let results = try state.run(source, chunkName: file, environment: environment)
            for value in results {
                output.write(value.rendered() + "\n")
            }
        } catch {
            output.flush()
            let diagnostic = error.diagnostic(source: error.chunk == file ? source : nil)
            FileHandle.standardError.write(Data((Privacy.mask(diagnostic) + "\n").utf8))
            throw ExitCode(error.limit != nil ? 3 : 1)
        }
        output.flush()
    }
}
