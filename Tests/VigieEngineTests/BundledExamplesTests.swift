import Foundation
import Testing
import VigieEngine
import VigiePolicy

/// The bundled policies and plugins: every rule a policy keeps shows what it
/// flags and what it lets pass (the examples run with `vigie test`, and
/// `vigie lint` fails a rule whose examples do not hold). Indicators watch
/// a person's history and are tested by their plugins' tests instead.
@Suite struct BundledExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func engine(_ policy: String) throws -> PolicyEngine {
        try PolicyEngine(
            policyDirectory: root.appendingPathComponent("Policies/\(policy)").path,
            pluginPaths: [root.appendingPathComponent("Plugins").path])
    }

    @Test(arguments: ["entretien-menager", "nordelia", "northshore-physio"])
    func everyRuleHasExamplesThatFlagAndThatPass(policy: String) throws {
        let rules = try Self.engine(policy).declarations.rules.filter { !$0.isIndicator && !$0.disabled }
        #expect(rules.count >= 5)
        for rule in rules {
            #expect(!rule.flagExamples.isEmpty, "\(policy): \(rule.id) (\(rule.location)) has no example that flags")
            #expect(!rule.passExamples.isEmpty, "\(policy): \(rule.id) (\(rule.location)) has no example that passes")
        }
    }
}
