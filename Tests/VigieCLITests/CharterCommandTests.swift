import Foundation
import Testing
import VigieTestSupport

@Suite("vigie charter")
struct CharterCommandTests {
    static let policy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Policies/entretien-menager").path

    @Test func writesTheCharterAndDiffsItWithAnOlderOne() throws {
        let folder = try TemporaryFolder()
        let json = folder.url.appendingPathComponent("charte-1.0.json").path
        let saved = try VigieBinary.run(["charter", "--policy", Self.policy, "--format", "json", "--output", json])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("18 principes, 5 fiches de crise, 4 niveaux"))

        let same = try VigieBinary.run(["charter", "--policy", Self.policy, "--diff", json])
        #expect(same.status == 0)
        #expect(same.stdout == "Ce qui change pour l'équipe\u{00A0}: Éclat Net — sécurité humaine sur les médias sociaux 1.1.0 → 1.1.0\nRien ne change.\n")

        // An older charter where a principle did not exist yet.
        var old = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        old["version"] = "0.9.0"
        old["principles"] = (old["principles"] as! [[String: Any]]).filter { $0["id"] as? String != "consentement-client" }
        try JSONSerialization.data(withJSONObject: old).write(to: URL(fileURLWithPath: json))
        let changed = try VigieBinary.run(["charter", "--policy", Self.policy, "--diff", json])
        #expect(changed.stdout.contains("0.9.0 → 1.1.0"))
        #expect(changed.stdout.contains("- Nouveau — principe\u{00A0}: Client nommé sans son accord"))

        // A principle whose text changed: the old and the new text.
        var older = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        var principles = older["principles"] as! [[String: Any]]
        principles[0]["text"] = "Un ancien texte."
        older["principles"] = principles
        try JSONSerialization.data(withJSONObject: older).write(to: URL(fileURLWithPath: json))
        let reworded = try VigieBinary.run(["charter", "--policy", Self.policy, "--diff", json])
        #expect(reworded.stdout.contains("      avant\u{00A0}: Un ancien texte.\n      après\u{00A0}: On ne parle jamais des clients"), "\(reworded.stdout)")
    }

    @Test func printableCardsAndMarkdown() throws {
        let print = try VigieBinary.run(["charter", "--policy", Self.policy, "--format", "print"])
        #expect(print.stdout.contains("page-break-after: always"))
        let markdown = try VigieBinary.run(["charter", "--policy", Self.policy, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Charte d'utilisation des médias sociaux — Éclat Net"))
        #expect(markdown.stdout.contains("## Registre des consentements"))
    }

    @Test func aBadOlderCharterIsBadInput() throws {
        let folder = try TemporaryFolder()
        try folder.write("old.json", "{}")
        let result = try VigieBinary.run(["charter", "--policy", Self.policy, "--diff", folder.url.appendingPathComponent("old.json").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a charter written with --format json"))
    }
}
