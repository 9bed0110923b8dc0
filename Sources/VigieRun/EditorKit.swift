import Foundation

/// What an editor needs beside a client's policy: the LuaLS definitions of
/// the authoring API (`vigie.d.lua`; the test functions apart, in
/// `vigie-testing.d.lua`), a `.luarc.json` naming them (and one in `tests/`
/// naming both), and the profile's JSON Schema, which `profile.yaml` names
/// on its first line for the YAML language server. `vigie init` writes it;
/// `vigie editor-kit` writes it again (after a Vigie update, or for a policy
/// made before).
public enum EditorKit {
    /// The folder, in the policy folder, that holds Vigie's files for editors.
    public static let folder = ".vigie-editor"
    public static let definitions = "vigie.d.lua"
    public static let testDefinitions = "vigie-testing.d.lua"
    public static let profileSchema = "profile.schema.json"
    /// The first line of a profile that names the schema (yaml-language-server).
    public static let modeline = "# yaml-language-server: $schema=\(folder)/\(profileSchema)"

    /// What happened to each file.
    public struct Outcome: Sendable, Equatable {
        public var written: [String] = []
        /// Files of the user's that were left as they were, with why.
        public var kept: [String] = []
    }

    /// The text of one of the kit's files.
    public static func resource(_ name: String) throws(RunError) -> String {
        guard let url = Bundle.module.url(forResource: "EditorKit", withExtension: nil)?.appendingPathComponent(name),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw RunError(.output, "Vigie's editor file \(name) is missing from its resources (rebuild Vigie: swift build)")
        }
        return text
    }

    /// A `.luarc.json` naming `library` (paths relative to the folder it is in).
    static func luarc(library: [String]) -> String {
        let list = library.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {
              "$schema": "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json",
              "runtime.version": "Lua 5.4",
              "runtime.builtin": { "io": "disable", "debug": "disable", "package": "disable" },
              "workspace.library": [\(list)],
              "workspace.checkThirdParty": false
            }

            """
    }

    /// Writes the kit into a policy folder: the definitions and the schema
    /// (always, they are Vigie's), the `.luarc.json` files where there are
    /// none or where they are Vigie's own, and the profile's first line.
    public static func write(into policyFolder: String) throws(RunError) -> Outcome {
        var outcome = Outcome()
        let root = URL(fileURLWithPath: policyFolder)
        func put(_ text: String, _ relative: String) throws(RunError) {
            let url = root.appendingPathComponent(relative)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(Data(text.utf8), to: url.path)
            } catch {
                throw RunError(.output, "cannot write \(url.path): \(error)")
            }
            outcome.written.append(relative)
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("policy.lua").path) else {
            throw RunError(.output, "\(policyFolder): no policy.lua there; give the policy folder (-p DIR)")
        }
        for name in [definitions, testDefinitions, profileSchema] {
            try put(try resource(name), "\(folder)/\(name)")
        }
        let configs = [
            (".luarc.json", luarc(library: ["\(folder)/\(definitions)"])),
            ("tests/.luarc.json", luarc(library: ["../\(folder)/\(definitions)", "../\(folder)/\(testDefinitions)"])),
        ]
        for (relative, text) in configs {
            let path = root.appendingPathComponent(relative).path
            if relative.hasPrefix("tests/"),
                !FileManager.default.fileExists(atPath: root.appendingPathComponent("tests").path)
            {
                continue
            }
            if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.contains(folder) {
                outcome.kept.append("\(relative) (yours: add \(folder)/\(definitions) to its workspace.library)")
                continue
            }
            try put(text, relative)
        }
        for name in ["profile.yaml", "profile.yml"] {
            let url = root.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            if text.contains("$schema=") {
                if !text.contains(modeline) { outcome.kept.append("\(name) (it names another schema)") }
                break
            }
            try put(modeline + "\n" + text, name)
            break
        }
        return outcome
    }
}
