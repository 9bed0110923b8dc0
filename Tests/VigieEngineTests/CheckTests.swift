import LuaHost
import Testing
import VigieEngine
import VigieModel
import VigiePolicy
import VigieToolkit

@Suite struct CheckTests {
    static let policy = header + """

        rule "mot-interdit" {
          severity = "low",
          advice = "Reformuler.",
          check = function(post, ctx)
            for _, m in ipairs(text.find(post.text, "projet aurore")) do ctx:flag { evidence = m } end
          end,
        }
        rule "fragile" {
          check = function(post, ctx)
            if post.text:find("boum") then
              local x = nil
              return x.champ
            end
          end,
        }
        rule "boucle" {
          check = function(post, ctx)
            if post.text:find("infini") then while true do end end
          end,
        }
        rule "longueur" {
          severity = "info",
          check = function(post, ctx)
            if #post.text > 40 then ctx:flag { advice = "Publication longue", severity = "medium" } end
          end,
        }
        """

    @Test func findingsCarryEvidenceOffsetsAdviceAndActor() throws {
        let e = try engine(Self.policy)
        let text = "Le 𝗣𝗿𝗼𝗷𝗲𝘁 Auröre avance — projet aurore !"
        let result = e.check(post(text, id: "a1"))
        #expect(result.failures.isEmpty)
        #expect(result.findings.map(\.ruleID) == ["mot-interdit", "mot-interdit", "longueur"])
        let spans = result.findings.prefix(2).map { $0.evidence[0] }
        #expect(spans.map { $0.excerpt(of: text) } == ["𝗣𝗿𝗼𝗷𝗲𝘁 Auröre", "projet aurore"])
        #expect(spans[0].start == 3)
        #expect(result.findings[0].advice == "Reformuler.")
        #expect(result.findings[0].severity == .low)
        #expect(result.findings[2].severity == .medium)
        #expect(result.findings[2].advice == "Publication longue")
        #expect(result.findings[0].activity.id == "a1")
    }

    /// `findsPersonalData`: the spans are the toolkit's, found once per
    /// flagged activity (whether or not a rule prepared the text), and only
    /// for flagged activities.
    @Test func personalDataIsFoundForFlaggedActivitiesOnly() throws {
        let e = try engine(Self.policy + """

            rule "telephone" {
              check = function(post, ctx)
                local found = pii.phones(post.text)
                if #found > 0 then ctx:flag { evidence = found } end
              end,
            }
            """)
        let flagged = "projet aurore : écrivez à marie.b@exemple.fr ou au 06 12 34 56 78"
        let phoneOnly = "Mon cell : 514 555-0142, 12 rue des Lilas"
        // An address, which no rule of this policy flags (and under 40 scalars).
        let quiet = "Rendez-vous au 12 rue des Lilas"
        #expect(e.check(post(flagged, id: "a")).personalData == nil)
        e.findsPersonalData = true
        for text in [flagged, phoneOnly] {
            let result = e.check(post(text, id: "b"))
            #expect(!result.findings.isEmpty)
            let expected = Detectors.all(in: text).map { $0.start..<$0.end }
            #expect(!expected.isEmpty)
            #expect(result.personalData == expected)
        }
        let unflagged = e.check(post(quiet, id: "c"))
        #expect(unflagged.findings.isEmpty)
        #expect(!Detectors.all(in: quiet).isEmpty)
        #expect(unflagged.personalData == nil)
    }

    @Test func aRuleErrorInTheMiddleOfARunIsReportedAndTheRunGoesOn() throws {
        let e = try engine(Self.policy)
        let posts = [
            post("projet aurore, premier", id: "p1"),
            post("projet aurore et boum", id: "p2"),
            post("projet aurore à l'infini", id: "p3"),
            post("projet aurore, dernier", id: "p4"),
        ]
        var results: [ActivityCheck] = []
        e.check(posts) { results.append($0) }
        #expect(results.map { $0.findings.map(\.ruleID) } == [["mot-interdit"], ["mot-interdit"], ["mot-interdit"], ["mot-interdit"]])
        #expect(results[0].failures.isEmpty)
        let error = try #require(results[1].failures.first)
        #expect(error.ruleID == "fragile")
        #expect(error.activity.id == "p2")
        #expect(error.location == SourceLocation(file: "test/policy.lua", line: 13))
        #expect(error.ruleLocation.line == 9)
        #expect(error.message.contains("attempt to index a nil value"))
        #expect(error.description.hasPrefix("test/policy.lua:13: error: rule \"fragile\" failed on activity p2 (test.jsonl:1"))
        let limit = try #require(results[2].failures.first)
        #expect(limit.ruleID == "boucle")
        #expect(limit.limit == LuaLimit.instructions.rawValue)
        // The failure points at the line that was running (the loop), the
        // rule's declaration is kept beside it.
        #expect(limit.ruleLocation.line == 17)
        #expect(limit.location == SourceLocation(file: "test/policy.lua", line: 19))
        #expect(limit.description.hasPrefix("test/policy.lua:19: error: rule \"boucle\" stopped by the instruction limit on activity p3"))
        #expect(results[3].failures.isEmpty)
    }

    @Test func aPluginRuleErrorNamesThePluginFile() throws {
        let e = try engine(#"policy { name = "p", uses = { casse = { seuil = 3 } } }"#)
        #expect(e.declarations.plugins[0].effectiveParameters["seuil"] == .integer(3))
        let failure = try #require(e.check(post("x", id: "c1")).failures.first)
        #expect(failure.ruleID == "casse")
        #expect(failure.location?.file.hasSuffix("plugins/casse/init.lua") == true)
        #expect(failure.location?.line == 3)
        #expect(failure.ruleLocation.line == 1)
    }

    @Test func findingsAreDeterministic() throws {
        let posts = (0..<20).map { post("projet aurore n° \($0) " + String(repeating: "x", count: $0 * 3), id: "d\($0)") }
        func run() throws -> [Finding] {
            let e = try engine(Self.policy)
            var all: [Finding] = []
            e.check(posts) { all += $0.findings }
            return all
        }
        let first = try run()
        #expect(first.count > 20)
        #expect(try run() == first)
        #expect(Set(first.map(\.fingerprint)).count == first.count)
    }

    @Test func rulesSeeTheActivityAndTheProfile() throws {
        let profile = OrganisationProfile(
            organisation: .init(name: "Éclat Net"), platforms: [PlatformStrategy(platform: .facebook, strategy: "pub")],
            people: [Person(id: "nadia", name: "Nadia", kind: .employee,
                            accounts: [Account(platform: .facebook, handle: "nadia.b")])])
        let e = try engine(header + """

            rule "voit-tout" {
              check = function(post, ctx)
                assert(type(post) == "userdata")
                assert(post.folded == "ete a l'ecole")
                assert(post.actor.id == "nadia" and post.actor.kind == "employee")
                assert(post.hour == 22 and post.weekday == 1, post.hour .. " " .. post.weekday)
                assert(ctx.org:uses("facebook") and not ctx.org:uses("linkedin"))
                assert(ctx.org.organisation.name == "Éclat Net")
                assert(#ctx.org:people("employee") == 1)
                assert(not pcall(function() post.text = "x" end))
                ctx:flag()
              end,
            }
            """, profile: profile)
        let result = e.check(post("ÉTÉ à l’école", handle: "nadia.b", at: "2026-03-02T22:30:00-05:00"))
        #expect(result.failures.map(\.message) == [])
        #expect(result.findings.count == 1)
        #expect(result.findings[0].actorID == "nadia")
        #expect(result.actorID == "nadia")
    }

    @Test func platformsAndKindsRestrictARule() throws {
        let e = try engine(header + """

            rule "linkedin" { platforms = { "linkedin" }, check = function(post, ctx) ctx:flag() end }
            rule "commentaires" { kinds = { "comment" }, check = function(post, ctx) ctx:flag() end }
            """)
        #expect(e.check(post("a", platform: .linkedin)).findings.map(\.ruleID) == ["linkedin"])
        #expect(e.check(post("b", kind: .comment)).findings.map(\.ruleID) == ["commentaires"])
        #expect(e.check(post("c")).findings.isEmpty)
    }

    @Test func badFlagsAreRuleFailures() throws {
        let e = try engine(header + """

            rule "mauvais" {
              check = function(post, ctx)
                ctx:flag { evidence = { start = "a", stop = 2 } }
              end,
            }
            """)
        let failure = try #require(e.check(post("x")).failures.first)
        #expect(failure.location?.line == 4)
        #expect(failure.message.contains("must be integers"))
    }

    @Test func theStreamIsCheckedLineByLine() throws {
        let e = try engine(Self.policy)
        let path = FileManagerTemp.write("""
            {"schema":"vigie.activity/1","id":"s:1","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"a"},"timestamp":"2026-01-01T10:00:00Z","text":"projet aurore"}
            pas du json
            {"schema":"vigie.activity/1","id":"s:2","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"a"},"timestamp":"2026-01-01T11:00:00Z","text":"rien"}
            """)
        var ids: [String] = []
        let summary = try e.check(stream: ActivityStreamReader(path: path)) { ids.append($0.activity.id) }
        #expect(ids == ["s:1", "s:2"])
        #expect(summary.activities == 2)
        #expect(summary.skipped == 1)
        #expect(summary.findingsByRule == ["mot-interdit": 1])
    }
}

import Foundation

enum FileManagerTemp {
    static func write(_ text: String) -> String {
        let path = NSTemporaryDirectory() + "vigie-engine-\(UUID().uuidString).jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}

@Suite struct WorkerTests {
    /// One engine per worker, loaded from the same configuration; results
    /// merged in activity order are those of a single engine.
    @Test func workersLoadedFromTheConfigurationAgree() throws {
        let single = try engine(CheckTests.policy)
        let posts = (0..<40).map { post("projet aurore \($0) " + String(repeating: "y", count: $0), id: "w\($0)") }
        var expected: [Finding] = []
        single.check(posts) { expected += $0.findings }
        let configuration = single.configuration
        let chunks = [Array(posts[0..<20]), Array(posts[20..<40])]
        let results = ResultBox(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
            guard let worker = try? PolicyEngine(configuration: configuration) else { return }
            var found: [Finding] = []
            worker.check(chunks[i]) { found += $0.findings }
            results.set(i, found)
        }
        #expect(results.all.flatMap { $0 } == expected)
    }

    @Test func reloadReadsTheFilesAgain() throws {
        let e = try PolicyEngine(policyDirectory: fixture("policies/crise-client"), pluginPaths: pluginPaths, limits: testLimits)
        e.check(post("Je suis furieuse, service nul", handle: "t", actor: "mme-tremblay"))
        let again = try e.reloaded()
        #expect(again.declarations == e.declarations)
        #expect(again.profile?.organisation.name == "Éclat Net")
        #expect(again.check(post("Je suis furieuse, service nul", handle: "t", actor: "mme-tremblay")).findings.count == 1)
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[Finding]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Finding]) { lock.lock(); values[i] = v; lock.unlock() }
    var all: [[Finding]] { lock.lock(); defer { lock.unlock() }; return values }
}
