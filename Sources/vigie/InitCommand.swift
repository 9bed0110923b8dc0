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
              vigie lint --policy \(path)
              vigie test \(path)
              vigie check EXPORT --policy \(path)
            """)
    }
}

