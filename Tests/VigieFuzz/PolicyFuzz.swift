import Foundation
import LuaHost
import VigieEngine
import VigieModel

/// Hostile policies for the robustness suite: two ordinary rules and,
/// between them, one rule written to harm the run (flag floods, heap
/// hoarding, runaway loops, huge allocations, errors…), its sizes drawn at
/// random. Each case asserts that the ordinary rules keep every finding,
/// that every failure names the hostile rule, that the hostile rule keeps
/// at most its finding budget per activity, and that memory ends bounded.
public struct PolicyFuzzCase: Sendable, CustomStringConvertible {
    public enum Hostility: String, CaseIterable, Sendable {
        case flagFlood
        case flagFloodCaught
        case spanFlood
        case nestedSpanFlood
        case hoardInUpvalue
        case hoardInSharedTable
        case hoardOnSomeActivities
        case hugeAllocation
        case runawayLoop
        case deepRecursion
        case errorWithATable
        case badEvidence
        case stringBomb
        case floodThenError
    }

    public var seed: UInt64
    public var index: Int
    public var hostility: Hostility
    /// The hostile rule's size parameter (iterations, bytes…).
    public var size: Int
    public var activities: Int

    public var description: String {
        "policy case \(index) (seed \(seed)): \(hostility.rawValue), size \(size), \(activities) activities"
    }

    /// The case `index` of the run `seed`; every hostility comes back in turn.
    public static func generate(seed: UInt64, index: Int) -> PolicyFuzzCase {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0xA24B_AED4_963E_E407)
        let all = Hostility.allCases
        let hostility = all[index % all.count]
        let size: Int
        switch hostility {
        case .flagFlood, .spanFlood, .nestedSpanFlood, .floodThenError:
            size = 101 + random.below(300_000)
        case .flagFloodCaught:
            // Every iteration builds two tables and catches an error.
            size = 101 + random.below(30_000)
        case .hoardInUpvalue, .hoardInSharedTable:
            size = 200_000 + random.below(200_000)
        case .hoardOnSomeActivities:
            size = 2_000 + random.below(400_000)
        case .hugeAllocation, .stringBomb:
            size = 1 << (24 + random.below(8))
        case .runawayLoop, .deepRecursion, .errorWithATable, .badEvidence:
            size = random.below(1_000)
        }
        // A runaway rule costs its whole limit on every activity: fewer.
        let slow = hostility == .runawayLoop || hostility == .deepRecursion
        let activities = slow ? 8 + random.below(16) : 60 + random.below(140)
        return PolicyFuzzCase(seed: seed, index: index, hostility: hostility, size: size, activities: activities)
    }

    /// The hostile rule's check function body (`post`, `ctx` in scope), and
    /// what the policy declares before it.
    var hostileRule: (before: String, body: String) {
        switch hostility {
        case .flagFlood:
            return ("", "for i = 1, \(size) do ctx:flag { evidence = { start = 0, stop = 1 } } end")
        case .flagFloodCaught:
            return ("", "for i = 1, \(size) do pcall(ctx.flag, ctx, { evidence = { start = 0, stop = 1 } }) end")
        case .spanFlood:
            return ("", "local ev = {} for i = 1, \(size) do ev[i] = { start = 0, stop = 1 } end ctx:flag { evidence = ev }")
        case .nestedSpanFlood:
            return ("", """
                local ev = {} for i = 1, \(size / 10 + 1) do ev[i] = { { start = 0, stop = 1 }, { { start = 1, stop = 2 } } } end
                for i = 1, 10 do ctx:flag { evidence = ev } end
                """)
        case .hoardInUpvalue:
            return ("local heap = {}", "heap[#heap + 1] = string.rep(post.text:sub(1, 1), \(size)) .. #heap")
        case .hoardInSharedTable:
            return ("local shared = { lists = { {}, {} } }",
                    "local l = shared.lists[#post.text % 2 + 1] l[#l + 1] = { string.rep(\"h\", \(size)) .. #l }")
        case .hoardOnSomeActivities:
            return ("local heap = {}",
                    "if post.text:find(\"alerte\") then heap[#heap + 1] = string.rep(\"k\", \(size)) .. #heap end")
        case .hugeAllocation:
            return ("", "local t = {} for i = 1, \(size) do t[i] = i end")
        case .stringBomb:
            return ("", "local s = string.rep(\"x\", \(size)) ctx:flag { note = s }")
        case .runawayLoop:
            return ("", "local n = \(size) while true do n = n + 1 end")
        case .deepRecursion:
            return ("", "local function f(n) return f(n + 1) + 1 end f(\(size))")
        case .errorWithATable:
            return ("", "error({ code = \(size) })")
        case .badEvidence:
            return ("", "ctx:flag { evidence = { start = \"\(size)\", stop = {} } }")
        case .floodThenError:
            return ("", "for i = 1, \(size) do ctx:flag() end error(\"boom\")")
        }
    }

    /// The policy: `avant`, the hostile rule `hostile`, `apres`.
    public var policy: String {
        let rule = hostileRule
        return """
            policy { name = "fuzz", version = "1.0.0", language = "en" }
            rule "avant" {
              check = function(post, ctx)
                if post.text:find("alerte") then ctx:flag { evidence = { start = 0, stop = 6 } } end
              end,
            }
            \(rule.before)
            rule "hostile" {
              check = function(post, ctx)
                \(rule.body)
              end,
            }
            rule "apres" {
              check = function(post, ctx)
                if post.text:find("alerte") then ctx:flag() end
              end,
            }
            """
    }

    /// The activities: about half carry "alerte".
    public var posts: [Activity] {
        var random = SplitMix64(seed: seed ^ UInt64(index) &* 0x3C6E_F372_FE94_F82B)
        return (0..<activities).map { i in
            let alert = random.below(2) == 0
            let text = (alert ? "alerte " : "calme ") + String(repeating: "mot ", count: 1 + random.below(200))
            return Activity(
                id: "fuzz-\(i)", kind: .post, platform: .facebook,
                author: Account(platform: .facebook, handle: "p\(random.below(30))"),
                timestamp: Timestamp(iso8601: "2026-03-02T10:00:00Z")!, visibility: .public, text: text,
                source: RecordSource(file: "fuzz.jsonl", index: i, line: i + 1))
        }
    }

    /// The limits of a case: small, so that every case ends quickly.
    public static var limits: LuaLimits {
        var l = LuaLimits()
        l.memory = 16 << 20
        l.instructions = 5_000_000
        l.timeout = 1
        return l
    }

    /// Runs the case in this process; returns the violations (none: held)
    /// and the time it took.
    public func run() -> (violations: [String], seconds: Double) {
        let start = Date()
        let engine: PolicyEngine
        do {
            engine = try PolicyEngine(source: policy, file: "fuzz/policy.lua", pluginPaths: [], limits: Self.limits)
        } catch {
            return (["the policy does not load: \(error)"], 0)
        }
        let posts = self.posts
        let alerts = posts.filter { $0.text.hasPrefix("alerte") }.count
        var byRule: [String: Int] = [:]
        var hostilePerActivity = 0
        var failures: [RuleFailure] = []
        engine.check(posts) { result in
            for f in result.findings { byRule[f.ruleID, default: 0] += 1 }
            hostilePerActivity = max(hostilePerActivity, result.findings.filter { $0.ruleID == "hostile" }.count)
            failures += result.failures
        }
        var violations: [String] = []
        if byRule["avant", default: 0] != alerts || byRule["apres", default: 0] != alerts {
            violations.append(
                "the ordinary rules lost findings: avant \(byRule["avant", default: 0]), apres \(byRule["apres", default: 0]) of \(alerts)")
        }
        let others = failures.filter { $0.ruleID != "hostile" }
        if !others.isEmpty {
            violations.append("failures name other rules: \(others.prefix(3).map(\.description))")
        }
        if failures.isEmpty && hostility != .hoardOnSomeActivities {
            violations.append("the hostile rule is not named in any failure")
        }
        if hostility == .hoardInUpvalue || hostility == .hoardInSharedTable,
            !failures.contains(where: { $0.message.contains("keeps memory") })
        {
            violations.append("the hoarding rule was not stopped")
        }
        if hostilePerActivity > PolicyEngine.flagBudget {
            violations.append("the hostile rule kept \(hostilePerActivity) findings on one activity")
        }
        if engine.memoryInUse > Self.limits.memory! {
            violations.append("memory in use after the run: \(engine.memoryInUse) bytes")
        }
        return (violations, Date().timeIntervalSince(start))
    }
}
