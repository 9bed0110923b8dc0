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

    @Test func aMissingPolicyIsBadUsage() throws {
        let result = try VigieBinary.run(["repl", "--policy", "/nowhere"], stdin: "1 + 1\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no policy.lua there"))
    }
}
