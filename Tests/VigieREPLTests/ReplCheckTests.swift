import Foundation
import Testing
import VigieTestSupport

/// `:check` in `vigie repl --policy`: it looks, it changes nothing.
@Suite("vigie repl :check")
struct ReplCheckTests {
    /// An indicator that counts a person's posts and says the count in its advice.
    static let policy = """
        policy { name = "essai", version = "1.0.0", language = "fr" }
        indicator "repetition" {
          state = function() return { n = 0 } end,
          observe = function(post, state, ctx)
            state.n = state.n + 1
            if state.n >= 2 then ctx:flag { advice = "vu " .. state.n .. " fois" } end
          end,
        }
        rule "ecrit" {
          check = function(post, ctx)
            if post.text == "écrire" then post.seen = true end
          end,
        }
        """

    /// `:check` sees the indicator history (a copy) but leaves it as it
    /// was: the same person's count is 2 at every `:check`, and still 2 at
    /// the next real check.
    @Test func checkLeavesIndicatorHistoryAlone() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("policy.lua", Self.policy)
        let result = try VigieBinary.run(
            ["repl", "--policy", folder.path("")],
            stdin: """
                #check { text = "bonjour", handle = "example" }.flags
                :check "bonjour"
                :check "bonjour"
                :check "bonjour"
                check { text = "bonjour", handle = "example" }.findings[1].advice

                """)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "0")
        #expect(lines.filter { $0 == "  → vu 2 fois" }.count == 3)
        #expect(!result.stdout.contains("vu 3 fois"))
        #expect(lines.last == "\"vu 2 fois\"")
    }

    /// A rule that writes to its post fails in `:check` with the error of
    /// every other path (the post is read-only host data).
    @Test func aRuleThatWritesToItsPostFailsInCheck() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("policy.lua", Self.policy)
        let result = try VigieBinary.run(["repl", "--policy", folder.path("")], stdin: ":check \"écrire\"\n")
        #expect(result.stdout.contains("rule \"ecrit\" failed"), "\(result.stdout)")
        #expect(result.stdout.contains("policy.lua:11"))
        #expect(result.stdout.contains("attempt to modify read-only host data"))
    }
}
