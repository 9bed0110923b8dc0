import Foundation
import Testing
import VigieTestSupport

@Suite("vigie plugins")
struct PluginsCommandTests {
    static let plugins = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Plugins").path

    @Test func listsThePluginsWithTheirVersions() throws {
        let result = try VigieBinary.run(["plugins", "list", "--plugins", Self.plugins])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("donnees-personnelles 1.1.0 — Données personnelles (4 rules)"))
        #expect(result.stdout.contains("divulgation 1.1.0 — Divulgation (4 indicators, 4 rules)"))
    }

    @Test func infoShowsParametersAndDeclarations() throws {
        let result = try VigieBinary.run(["plugins", "info", "absences", "--plugins", Self.plugins])
        #expect(result.status == 0)
        #expect(result.stdout.contains("seulement_public: boolean, default false"))
        #expect(result.stdout.contains("annonce-absence [high] Annonce d'une absence"))
    }

    @Test func anUnknownPluginSaysWhichExist() throws {
        let result = try VigieBinary.run(["plugins", "info", "nope", "--plugins", Self.plugins])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the available plugins are: absences, crise, divulgation"))
    }
}
