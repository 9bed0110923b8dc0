import Foundation
import LuaHost
import Testing
import VigieModel

@testable import VigieEngine

/// One rule cannot take the others' findings away: a flood of flags is cut
/// at the rule's finding budget, a rule that keeps memory from one activity
/// to the next is stopped before the others run short (issue 23).
@Suite struct RuleIsolationTests {
    /// Rules that flag what they should, before and after the hostile one.
    static func policy(hostile: String) -> String {
        header + """

            rule "avant" {
              check = function(post, ctx)
                if post.text:find("alerte") then ctx:flag { evidence = text.find(post.text, "alerte") } end
              end,
            }
            \(hostile)
            rule "apres" {
              check = function(post, ctx)
                if post.text:find("alerte") then ctx:flag() end
              end,
            }
            """
    }

    static let posts = (0..<40).map { i in
        post(i % 2 == 0 ? "alerte numéro \(i) " + String(repeating: "x", count: 500) : "calme \(i)", id: "p\(i)")
    }

    /// Checks the posts; the findings per rule and the failures.
    static func run(_ e: PolicyEngine) -> (byRule: [String: Int], failures: [RuleFailure]) {
        var byRule: [String: Int] = [:]
        var failures: [RuleFailure] = []
        e.check(posts) { result in
            for f in result.findings { byRule[f.ruleID, default: 0] += 1 }
            failures += result.failures
        }
        return (byRule, failures)
    }

    @Test(arguments: [
        // flags in a loop
        "for i = 1, 300000 do ctx:flag { evidence = { start = 1, stop = 2 } } end",
        // the same, catching the budget's error and going on
        "for i = 1, 300000 do pcall(ctx.flag, ctx, { evidence = { start = 1, stop = 2 } }) end",
        // one flag with 300,000 spans
        "local ev = {} for i = 1, 300000 do ev[i] = { start = 1, stop = 2 } end ctx:flag { evidence = ev }",
    ])
    func aFloodOfFlagsIsCutAtTheBudgetAndTheOthersKeepTheirs(_ body: String) throws {
        let e = try engine(Self.policy(hostile: """
            rule "deluge" {
              check = function(post, ctx)
                \(body)
              end,
            }
            """))
        let (byRule, failures) = Self.run(e)
        // Every other rule keeps every finding.
        #expect(byRule["avant"] == 20)
        #expect(byRule["apres"] == 20)
        // The flooding rule keeps its first flags (at most its budget) on each
        // activity, and fails on each, named, stopped by the finding budget.
        #expect((byRule["deluge"] ?? 0) <= 40 * PolicyEngine.flagBudget)
        #expect(failures.count == 40)
        #expect(failures.allSatisfy { $0.ruleID == "deluge" && $0.limit == "finding budget" })
        #expect(failures.allSatisfy { $0.description.contains("finding budget") })
    }

    @Test func aFloodKeepsExactlyTheBudget() throws {
        let e = try engine(header + """

            rule "deluge" {
              check = function(post, ctx)
                for i = 1, 1000 do ctx:flag { evidence = { start = 1, stop = 2 }, advice = tostring(i) } end
              end,
            }
            """)
        let result = e.check(post("x", id: "one"))
        #expect(result.findings.count == PolicyEngine.flagBudget)
        #expect(result.findings.first?.advice == "1")
        #expect(result.findings.last?.advice == "\(PolicyEngine.flagBudget)")
        #expect(result.failures.map(\.ruleID) == ["deluge"])
        #expect(result.failures.first?.location?.line == 4)
    }

    @Test func aRuleUnderItsBudgetIsNotAFailure() throws {
        let e = try engine(header + """

            rule "beaucoup" {
              check = function(post, ctx)
                for i = 1, \(PolicyEngine.flagBudget) do ctx:flag { evidence = { start = 1, stop = 2 } } end
              end,
            }
            """)
        let result = e.check(post("x", id: "one"))
        #expect(result.findings.count == PolicyEngine.flagBudget)
        #expect(result.failures.isEmpty)
    }

    /// Small memory limit: the hoarder fills it within the run.
    static func smallMemory(_ source: String) throws -> PolicyEngine {
        var limits = testLimits
        limits.memory = 8 << 20
        return try PolicyEngine(source: source, file: "test/policy.lua", pluginPaths: pluginPaths, limits: limits)
    }

    @Test(arguments: [
        // in an upvalue of the rule
        (#"local tas = {}"#, "tas[#tas + 1] = string.rep(post.text, 100) .. #tas"),
        // in a local function's table
        (#"local cache = { liste = {} }"#, "table.insert(cache.liste, { string.rep(post.text, 100), {} })"),
    ])
    func aRuleThatHoardsMemoryIsStoppedAndTheOthersKeepEveryFinding(_ declare: String, _ hoard: String) throws {
        let e = try Self.smallMemory(Self.policy(hostile: """
            \(declare)
            rule "accumule" {
              check = function(post, ctx)
                \(hoard)
              end,
            }
            """))
        var byRule: [String: Int] = [:]
        var failures: [RuleFailure] = []
        let many = (0..<400).map { i in
            post(i % 2 == 0 ? "alerte \(i) " + String(repeating: "y", count: 400) : "calme \(i)", id: "m\(i)")
        }
        e.check(many) { result in
            for f in result.findings { byRule[f.ruleID, default: 0] += 1 }
            failures += result.failures
        }
        #expect(byRule["avant"] == 200)
        #expect(byRule["apres"] == 200)
        // One failure: the hoarder's, naming it; no other rule failed.
        #expect(failures.map(\.ruleID) == ["accumule"])
        #expect(failures.first?.limit == LuaLimit.memory.rawValue)
        #expect(failures.first?.message.contains("keeps memory") == true)
        // What it held is let go.
        #expect(e.state.memoryInUse < 3 << 20)
    }

    @Test func legitimateStateIsNotStopped() throws {
        // A big table built when the policy loads, a cache that keeps a
        // bounded amount (one entry per author), a rule that flags with
        // evidence: none is stopped, though the heap stays above the watch
        // line (lowered here under the big table).
        let e = try Self.smallMemory(Self.policy(hostile: """
            local gros = {}
            for i = 1, 48 do gros[i] = string.rep("z", 64 << 10) .. i end
            local vus = {}
            rule "cache" {
              check = function(post, ctx)
                vus[post.author.handle] = (vus[post.author.handle] or 0) + #gros
              end,
            }
            """))
        e.memoryWatchFloor = 2 << 20
        #expect(e.state.memoryInUse > 3 << 20)
        let (byRule, failures) = Self.run(e)
        #expect(byRule["avant"] == 20)
        #expect(byRule["apres"] == 20)
        #expect(failures.isEmpty)
        #expect(e.stoppedRules.isEmpty)
        // The rules were looked at, nothing was stopped, and the line moved
        // up above what the policy holds.
        #expect(e.memoryWatchLine > 3 << 20)
    }

    @Test func aRuleStoppedByTheMemoryLimitOnItsOwnIsBlamedAlone() throws {
        // A rule that asks for more than the limit in one call is its own
        // failure; nobody else is stopped, the others keep their findings.
        let e = try Self.smallMemory(Self.policy(hostile: """
            rule "glouton" {
              check = function(post, ctx)
                local t = {}
                for i = 1, 1e7 do t[i] = i end
              end,
            }
            """))
        let (byRule, failures) = Self.run(e)
        #expect(byRule["avant"] == 20)
        #expect(byRule["apres"] == 20)
        #expect(failures.count == 40)
        #expect(failures.allSatisfy { $0.ruleID == "glouton" && $0.limit == LuaLimit.memory.rawValue })
        #expect(e.stoppedRules.isEmpty)
    }
}
