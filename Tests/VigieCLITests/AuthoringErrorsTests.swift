import Foundation
import Testing
import VigieTestSupport

/// What a newcomer met on the command line (issue 20): a failing rule that
/// let `check` succeed, a module not found without the plugin or the search
/// path, an empty plugin folder name, a test run that stayed green with a
/// broken link.
@Suite("Authoring errors on the command line")
struct AuthoringErrorsTests {
    static let plugins = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Plugins").path

    static let stream = [
        #"{"schema":"vigie.activity/1","id":"a1","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"x"},"timestamp":"2026-03-02T10:00:00Z","text":"Bonjour"}"#,
        #"{"schema":"vigie.activity/1","id":"a2","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"x"},"timestamp":"2026-03-02T11:00:00Z","text":"Au parc","place":{"name":"Parc"}}"#,
    ].joined(separator: "\n") + "\n"

    @Test func aRuleThatFailsFailsTheCheckUnlessAllowed() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/policy.lua", """
            policy { name = "p", version = "1.0.0" }
            rule "lieu" {
              check = function(post, ctx)
                if post.place.name == "Parc" then ctx:flag() end
              end,
            }
            """)
        try folder.write("s.jsonl", Self.stream)
        let common = ["check", folder.path("s.jsonl"), "-p", folder.path("p"), "--no-case-file", "--fail-on", "critical"]
        let failed = try VigieBinary.run(common)
        #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
        #expect((failed.stdout + failed.stderr).contains("lieu"))
        let allowed = try VigieBinary.run(common + ["--allow-rule-failures"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func aModuleNotFoundNamesThePluginAndTheSearchPath() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/policy.lua", """
            policy { name = "p", version = "1.0.0", uses = { crise = {} } }
            local e = require "crise.echelons"
            """)
        let inPlugin = try VigieBinary.run(["lint", "-p", folder.path("p"), "--plugins", Self.plugins])
        #expect(inPlugin.status == 2)
        #expect(inPlugin.stderr.contains("module 'crise.echelons' not found: plugin \"crise\" ("), "\(inPlugin.stderr)")
        #expect(inPlugin.stderr.contains("has no echelons.lua"))
        try folder.write("q/policy.lua", """
            policy { name = "q", version = "1.0.0" }
            local x = require "inexistant.outils"
            """)
        let nowhere = try VigieBinary.run(["lint", "-p", folder.path("q"), "--plugins", Self.plugins])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("module 'inexistant.outils' not found: no plugin \"inexistant\" (the plugin search paths are \(Self.plugins)"), "\(nowhere.stderr)")
        #expect(nowhere.stderr.contains("inexistant/outils.lua beside the policy"))
    }

    @Test func anEmptyPluginFolderNameIsNamedSo() throws {
        let empty = try VigieBinary.run(["plugins", "list", "--plugins", ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("--plugins needs a folder's name; \"\" names none."))
        // In $VIGIE_PLUGINS, empty elements name nothing and are left out.
        let folder = try TemporaryFolder()
        let listed = try VigieBinary.run(["plugins", "list"], in: folder.url, environment: ["VIGIE_PLUGINS": "::" + Self.plugins + ":"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("absences 1.2.0"))
        let none = try VigieBinary.run(["plugins", "list"], in: folder.url, environment: ["VIGIE_PLUGINS": ":"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no plugin folder to look in"), "\(none.stderr)")
        #expect(!none.stderr.contains(" in ;"))
    }

    @Test func testFailsWhenAPolicyMitigatesAnUnknownThreat() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/policy.lua", """
            policy { name = "p", version = "1.0.0" }
            threat "vol-de-donnees" { likelihood = 2, impact = 4 }
            rule "r" {
              mitigates = { "vol-de-donnee" },
              check = function() end,
            }
            """)
        let result = try VigieBinary.run(["test", folder.path("p")])
        #expect(result.status == 2, "\(result.stdout)")
        #expect((result.stdout + result.stderr).contains("did you mean \"vol-de-donnees\"?"))
    }
}
