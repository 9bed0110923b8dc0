import Foundation
import Testing
import VigieTestSupport

/// `vigie repl --policy`: the engine behind the REPL, in piped mode.
@Suite("vigie repl --policy")
struct ReplPolicyTests {
    static let policy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Policies/entretien-menager").path

    @Test func thePolicysRulesToolkitAndCheckAreAtHand() throws {
        let result = try VigieBinary.run(
            ["repl", "--policy", Self.policy],
            stdin: """
                text.fold("ÉTÉ à Montréal")
                #pii.phones("Textez-moi au 514 555-0142")
                :check "Textez-moi au 514 555-0142 !"
                :explain telephone-personnel
                :rules
                """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"ete a montreal\"\n1\n"))
        #expect(result.stdout.contains("HIGH telephone-personnel"))
        #expect(result.stdout.contains("evidence: «514 555-0142» (phone) at 14–26"))
        #expect(result.stdout.contains("✓ flags «Mon cell : 06 12 34 56 78» — evidence: «06 12 34 56 78» (phone)"))
        #expect(result.stdout.contains("consentement-client"))
    }

    @Test func pluginsWithoutAPolicyAndCheckOptionsOnTheCommandLine() throws {
        let plugins = URL(fileURLWithPath: Self.policy).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Plugins").path
        let result = try VigieBinary.run(
            ["repl", "--plugins", plugins],
            stdin: """
                :check --actor client --kind comment "Service nul, je suis furieuse !"
                :explain chantage "Payez 500 $ ou je publie tout."
                """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("no policy: a scratch policy using the plugins"))
        #expect(result.stdout.contains("as a comment on facebook, public, by someone of kind client\nMEDIUM commentaire-negatif-client"))
        #expect(result.stdout.contains("chantage — "))
        #expect(result.stdout.contains("  flags it, critical"))
        let empty = try TemporaryFolder()
        let none = try VigieBinary.run(["repl", "--plugins", empty.url.path], stdin: "1\n")
        #expect(none.status == 2)
        #expect(none.stderr.contains("no plugin there"))
    }

    @Test func aMissingPolicyIsBadUsage() throws {
        let result = try VigieBinary.run(["repl", "--policy", "/nowhere"], stdin: "1 + 1\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no policy.lua there"))
    }
}
