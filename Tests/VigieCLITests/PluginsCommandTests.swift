import Foundation
import Testing
import VigieTestSupport

@Suite("vigie plugins")
struct PluginsCommandTests {
    static let plugins = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Plugins").path

    @Test func listsThePluginsWithTheirVersions() throws {
        let result = try VigieBinary.run(["plugins", "list", "--plugins", Self.plugins, "--language", "fr"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("donnees-personnelles 1.2.0 — Données personnelles (4 rules)"))
        #expect(result.stdout.contains("divulgation 1.2.0 — Divulgation (4 indicators, 4 rules)"))
        // In English when asked, or when the environment says English.
        let english = try VigieBinary.run(["plugins", "list", "--plugins", Self.plugins], environment: ["LANG": "en_CA.UTF-8"])
        #expect(english.stdout.contains("donnees-personnelles 1.2.0 — Personal data (4 rules)"), "\(english.stdout)")
        let french = try VigieBinary.run(["plugins", "list", "--plugins", Self.plugins], environment: ["LANG": "fr_CA.UTF-8"])
        #expect(french.stdout.contains("absences 1.2.0 — Absences et habitudes (2 rules)"))
    }

    @Test func infoShowsParametersAndDeclarations() throws {
        let result = try VigieBinary.run(["plugins", "info", "absences", "--plugins", Self.plugins, "--language", "fr"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("seulement_public (in English: public_only): boolean, default false — ne signaler que les publications publiques"))
        #expect(result.stdout.contains("annonce-absence [high] Annonce d'une absence"))
        let english = try VigieBinary.run(["plugins", "info", "absences", "--plugins", Self.plugins, "--language", "en"])
        #expect(english.stdout.contains("seulement_public (in English: public_only): boolean, default false — flag public posts only"))
        #expect(english.stdout.contains("annonce-absence [high] Absence announced"))
    }

    @Test func anUnknownPluginSaysWhichExist() throws {
        let result = try VigieBinary.run(["plugins", "info", "nope", "--plugins", Self.plugins])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the available plugins are: absences, crise, divulgation"))
    }
}
