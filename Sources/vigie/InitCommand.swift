import ArgumentParser
import Foundation
import VigieRun

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a policy for a new client: profile, threat, rule, reaction, scenario and test.",
        discussion: """
            Creates a policy folder that runs at once (`vigie lint`, `vigie test`):
            a profile.yaml that asks the four questions of the method (what the
            social media are for, which clientele, which strategy per platform,
            which security issues), a threat, a rule with its examples, an
            incident and its reaction, a crisis scenario, and a test file. Then
            edit them for the client.

            Examples:
              vigie init boulangerie-dupont
              vigie init clinic-northshore --language en --dir Policies
            """
    )

    @Argument(help: "The client's identifier (letters, digits and dashes), also the folder's name.")
    var client: String

    @Option(help: "The policy's language: fr or en.")
    var language: String = "fr"

    @Option(help: "Where to create the folder.")
    var dir: String = "."

    func validate() throws {
        guard !client.isEmpty, client.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ValidationError("The client's identifier uses lower-case letters, digits and dashes, e.g. boulangerie-dupont.")
        }
        guard language == "fr" || language == "en" else { throw ValidationError("--language is fr or en.") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: dir).appendingPathComponent(client)
        let names = try PolicyScaffold.create(client: client, language: language, in: folder)
        let path = dir == "." ? client : folder.path
        print("""
            Created \(path)/ with \(names.joined(separator: ", ")).
            Next:
              vigie lint -p \(path)
              vigie test \(path)
              vigie check EXPORT -p \(path)
            """)
    }
}


/// `vigie editor-kit`: the editor kit beside an existing policy.
struct EditorKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "editor-kit",
        abstract: "Put the editor kit beside a policy: LuaLS definitions, .luarc.json, the profile's JSON Schema.",
        discussion: """
            Writes, in the policy folder:
              .vigie-editor/vigie.d.lua          the authoring API for the Lua language server
              .vigie-editor/vigie-testing.d.lua  the test functions (describe, it, check, expect, fixture)
              .vigie-editor/profile.schema.json  the JSON Schema of profile.yaml
              .luarc.json                         names vigie.d.lua: rules are not offered the test functions
              tests/.luarc.json                   names both, for the test files
            and names the schema on profile.yaml's first line for the YAML
            language server (# yaml-language-server: $schema=…). `vigie init`
            writes the same; run this after a Vigie update, or for a policy made
            before. A .luarc.json of your own is left as it is (it is listed).

            Example:
              vigie editor-kit -p Policies/garderie-les-lucioles
            """
    )

    @Option(name: [.customShort("p"), .long], help: "The policy folder (holding policy.lua); default: the current folder.", completion: .directory)
    var policy: String = "."

    func run() throws {
        let outcome = try EditorKit.write(into: policy)
        for name in outcome.written { print("wrote \((policy as NSString).appendingPathComponent(name))") }
        for name in outcome.kept { print("kept \((policy as NSString).appendingPathComponent(name))") }
    }
}
