import VigiePolicy
import Foundation

/// The engine's Lua half: the `.lua` files of `Lua/vigie/`, one concern
/// each, shipped as resources of this module. `engine.lua` runs first in
/// each policy environment; it loads the others in the order of
/// `modules` (then `testing` for `vigie test` and the REPL), and seals the
/// environment (see `EngineEntryPoint`).
enum EngineScripts {
    /// The files `engine.lua` loads, in order (each may use what the ones
    /// before it define).
    static let modules = [
        "declarations", "plugins", "text", "linguistics", "org", "classification", "check", "analysis", "reactions", "examples",
    ]
    /// The test framework (`describe`, `it`, `check`, `expect`, `fixture`).
    static let testing = "testing"
    static let bootstrap = "engine"

    /// How errors name an engine file: `vigie/check.lua`.
    static func chunkName(_ name: String) -> String { "vigie/\(name).lua" }

    /// Whether a chunk name is one of the engine's own files.
    static func isEngineChunk(_ chunk: String) -> Bool {
        chunkNames.contains(chunk)
    }

    private static let chunkNames = Set(([bootstrap, testing] + modules).map(chunkName))

    /// The source of each file, read once per process.
    static func source(_ name: String) throws(PolicyError) -> String {
        switch sources {
        case .success(let all):
            guard let text = all[name] else {
                throw PolicyError(.io, at: nil, "Vigie's Lua file \(chunkName(name)) is not among its resources (a bug in Vigie)")
            }
            return text
        case .failure(let error):
            throw error
        }
    }

    /// The folder of the Lua files: in the resource bundle beside the
    /// executable, where `Bundle.module` looks first, found without
    /// Foundation's bundle machinery (about 30 million instructions at
    /// start-up); `Bundle.module` otherwise.
    private static func folder() -> URL? {
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
                .appendingPathComponent("Vigie_VigieEngine.resources").appendingPathComponent("vigie")
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(bootstrap + ".lua").path) {
                return folder
            }
        }
        return Bundle.module.url(forResource: "vigie", withExtension: nil)
    }

    private static let sources: Result<[String: String], PolicyError> = {
        guard let folder = folder() else {
            return .failure(PolicyError(
                .io, at: nil, "Vigie's Lua files are missing: no folder vigie in \(Bundle.module.bundlePath)",
                hint: "rebuild Vigie (swift build); its resource bundle must stay beside the executable"))
        }
        var all: [String: String] = [:]
        for name in [bootstrap, testing] + modules {
            let url = folder.appendingPathComponent(name + ".lua")
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                return .failure(PolicyError(
                    .io, at: SourceLocation(file: url.path, line: 0), "cannot read Vigie's Lua file",
                    hint: "rebuild Vigie (swift build); its resource bundle must stay beside the executable"))
            }
            all[name] = text
        }
        return .success(all)
    }()
}
