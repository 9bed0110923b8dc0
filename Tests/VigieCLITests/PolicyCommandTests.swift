import Foundation
import Testing
import VigieTestSupport

/// The policy commands, run as a user would on the bundled example.
@Suite("vigie lint, analyze, simulate, check")
struct PolicyCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let policy = root.appendingPathComponent("Policies/entretien-menager").path
    static let data = root.appendingPathComponent("Policies/entretien-menager/donnees").path

    @Test func theBundledPolicyLintsClean() throws {
        let result = try VigieBinary.run(["lint", "--policy", Self.policy])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // The summary is the report's last line, on standard output.
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("7 menaces, 21 règles"))
        #expect(result.stdout.hasSuffix("0 problème\n"))
    }

    @Test func aBrokenPolicyNamesFileAndLineAndExits2() throws {
        let folder = try TemporaryFolder()
        try folder.write("policy.lua", """
            policy { name = "essai", version = "1.0.0", language = "fr" }

            rule "sans-verification" {
              severity = "grave",
              check = function(post, ctx) end,
            }
            """)
        let result = try VigieBinary.run(["lint", "--policy", folder.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(folder.url.path + "/policy.lua:4: error: rule \"sans-verification\": unknown severity \"grave\""), "\(result.stderr)")
    }

    @Test func lintReportsAFailingExampleAndAnUncoveredThreat() throws {
        let folder = try TemporaryFolder()
        try folder.write("policy.lua", """
            policy { name = "essai", version = "1.0.0", language = "fr" }
            threat "oubliee" { title = "Une menace que rien ne couvre", likelihood = 2, impact = 2 }
            rule "mot-interdit" {
              check = function(post, ctx)
                if text.contains(post.text, "secret") then ctx:flag {} end
              end,
              examples = { flag = { "Voici le plan" } },
            }
            """)
        let result = try VigieBinary.run(["lint", "--policy", folder.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("policy.lua:2: warning: threat \"oubliee\" has no rule that mitigates it"), "\(result.stdout)")
        #expect(result.stdout.contains("rule \"mot-interdit\": example should flag but did not: \"Voici le plan\""))
    }

    @Test func analyzeGivesTheRegisterAsJSON() throws {
        let result = try VigieBinary.run(["analyze", "--policy", Self.policy, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let assessments = json?["assessments"] as? [[String: Any]] ?? []
        #expect(assessments.count == 7)
        let top = try #require(assessments.first)
        #expect(top["id"] as? String == "dates-de-vacances")
        #expect(top["likelihood"] as? Int == 4)
    }

    @Test func theCrisisScenariosReachTheirExpectedSteps() throws {
        let result = try VigieBinary.run(["simulate", "--all", "--policy", Self.policy])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("✓ attendu\u{00A0}: exclusion, atteint\u{00A0}: exclusion"))
        #expect(result.stdout.contains("consigné\u{00A0}: Menaces ou intimidation"))
        #expect(!result.stdout.contains("✗"))
    }

    @Test func checkFindsTheExamplesViolationsAndEscalatesTheCrisis() throws {
        let result = try VigieBinary.run([
            "check", Self.data, "--policy", Self.policy, "--replay", "--format", "json", "--no-case-file",
        ])
        #expect(result.status == 1, "\(result.stderr)")  // findings at or above high
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["activities"] as? Int == 24)
        let findings = (json["findings"] as? [[String: Any]] ?? []).compactMap { ($0["finding"] as? [String: Any])?["ruleID"] as? String }
        for rule in ["telephone-personnel", "annonce-absence", "consentement-client", "menaces-intimidation",
                     "offre-contre-informations", "mefiance-inconnus", "denigrement", "habitudes-et-acces"] {
            #expect(findings.contains(rule), "\(rule) not found")
        }
        let steps = (json["decisions"] as? [[String: Any]] ?? [])
            .filter { $0["incidentKind"] as? String == "client-mecontent" }.compactMap { $0["stepID"] as? String }
        #expect(steps == ["dialogue", "avertissement", "exclusion"])
    }

    @Test func personalDataIsMaskedUnlessRevealed() throws {
        let masked = try VigieBinary.run(["check", Self.data + "/twitter", "--policy", Self.policy, "--no-case-file"])
        #expect(masked.stdout.contains("telephone-personnel"))
        #expect(!masked.stdout.contains("514 555-0142"))
        #expect(masked.stdout.contains("51• •••-••42"))
        let revealed = try VigieBinary.run(["check", Self.data + "/twitter", "--policy", Self.policy, "--reveal", "--no-case-file"])
        #expect(revealed.stdout.contains("514 555-0142"))
    }

    @Test func failOnSetsTheExitCode() throws {
        let low = try VigieBinary.run(["check", Self.data + "/twitter", "--policy", Self.policy, "--fail-on", "critical", "--no-case-file"])
        #expect(low.status == 0, "\(low.stderr)")
        let high = try VigieBinary.run(["check", Self.data + "/twitter", "--policy", Self.policy, "--fail-on", "medium", "--no-case-file"])
        #expect(high.status == 1)
    }

    @Test func checkWithoutAPolicyHereSaysWhatToDo() throws {
        let folder = try TemporaryFolder()
        let result = try VigieBinary.run(["check", Self.data], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--policy DIR"))
    }
}
