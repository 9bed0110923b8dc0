import Foundation
import Testing
import VigieEngine
import VigieRun

/// `vigie lint` as issue 20 asked: every load error at once, rules that
/// fail at run time on every post, a profile that answers none of the four
/// questions, a threat's issues and assets, and the JSON and SARIF
/// renderings.
@Suite("vigie lint")
struct PolicyLintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path

    final class Folder {
        let url: URL
        init(policy: String, profile: String? = nil) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try policy.write(to: url.appendingPathComponent("policy.lua"), atomically: true, encoding: .utf8)
            if let profile { try profile.write(to: url.appendingPathComponent("profile.yaml"), atomically: true, encoding: .utf8) }
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func lint() throws -> (PolicyLint, PolicyEngine?) {
            try PolicyLocation(folder: url.path, given: [PolicyLintTests.plugins]).lintRun()
        }
    }

    static let profile = """
        schema: vigie.profile/1
        organisation:
          name: Les Lucioles
        purposes: [Informer les parents]
        securityIssues:
          - id: enfants
            title: La sécurité des enfants
        """

    @Test func everyLoadErrorAtOnceAtItsLine() throws {
        let folder = try Folder(policy: """
            policy { name = "garderie", version = "1.0.0" }
            threat "t" { likelihood = 9 }
            rule "r" { severity = "énorme", check = function() end }
            rule "s" {
              check = 3,
            }
            extend "telephone-persnnel" { severity = "low" }
            """, profile: Self.profile)
        let (lint, engine) = try folder.lint()
        #expect(engine == nil)
        let load = lint.problems.filter { $0.category == .load && $0.severity == .error }
        #expect(load.count >= 3, "\(lint.problems)")
        let lines = Set(load.compactMap { $0.location?.line })
        #expect(lines.isSuperset(of: [2, 3, 5]), "\(load)")
        #expect(load.contains { $0.message.contains("likelihood must be an integer from 1 to 5") })
        #expect(load.contains { $0.message.contains("unknown severity \"énorme\"") })
        // The JSON says it did not load, and lists them all.
        let json = try #require(JSONSerialization.jsonObject(with: Data(lint.json(counts: .init(engine: nil, lint: lint), loaded: false).utf8)) as? [String: Any])
        #expect(json["loaded"] as? Bool == false)
        #expect((json["problems"] as? [[String: Any]])?.count == lint.problems.count)
    }

    @Test func aRuleThatFailsOnEveryPostIsAnError() throws {
        let folder = try Folder(policy: """
            policy { name = "garderie", version = "1.0.0" }
            threat "t" { likelihood = 2, impact = 3 }
            rule "faute-de-frappe" {
              mitigates = { "t" },
              check = function(post, ctx)
                if post.txet:find("x") then ctx:flag() end
              end,
            }
            rule "pieces-jointes" {
              mitigates = { "t" },
              check = function(post, ctx)
                if post.place.name == "x" then ctx:flag() end
              end,
            }
            """, profile: Self.profile)
        let (lint, engine) = try folder.lint()
        #expect(engine != nil)
        let failures = lint.problems.filter { $0.category == .ruleFailure }
        let typo = try #require(failures.first { $0.message.contains("\"faute-de-frappe\"") })
        #expect(typo.severity == .error)
        #expect(typo.message.contains("fails on every post tried"))
        #expect(typo.location?.line == 6, "\(typo)")
        // A rule that fails only where a field is absent: a warning saying where.
        let place = try #require(failures.first { $0.message.contains("\"pieces-jointes\"") })
        #expect(place.severity == .warning, "\(place)")
        #expect(place.message.contains("fails on 4 of 5 made-up posts"))
        // SARIF: one result each, at the file and line, with the check's rule id.
        let sarif = try #require(JSONSerialization.jsonObject(with: Data(lint.sarif(version: "0.1.0").utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == lint.problems.count)
        let first = try #require(results.first { ($0["message"] as? [String: Any])?["text"].map { "\($0)".contains("faute-de-frappe") } == true })
        #expect(first["ruleId"] as? String == "vigie-lint/rule-failure" && first["level"] as? String == "error")
        let region = ((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 6)
    }

    @Test func aProfileThatAnswersNoneOfTheFourQuestions() throws {
        let folder = try Folder(policy: "policy { name = \"vide\", version = \"1.0.0\" }\n", profile: """
            schema: vigie.profile/1
            organisation:
              name: Vide
            """)
        let (lint, _) = try folder.lint()
        let profile = try #require(lint.problems.first { $0.category == .profile })
        #expect(profile.message == "the profile answers none of the four questions (purposes, clientele, platforms, securityIssues)")
        #expect(profile.location?.file.hasSuffix("profile.yaml") == true)
        // One answer is enough.
        let answered = try Folder(policy: "policy { name = \"un\", version = \"1.0.0\" }\n", profile: Self.profile)
        #expect(try answered.lint().0.problems.allSatisfy { $0.category != .profile })
    }

    @Test func aThreatsIssuesAndAssetsNeedTheProfile() throws {
        let folder = try Folder(policy: """
            policy { name = "garderie", version = "1.0.0" }
            threat "t" { issues = { "enfant" }, assets = { "dossiers" } }
            """, profile: Self.profile)
        let (lint, _) = try folder.lint()
        let messages = lint.problems.map(\.message).joined(separator: "\n")
        #expect(messages.contains("\"enfant\""), "\(messages)")
        #expect(messages.contains("did you mean \"enfants\"?"), "\(messages)")
        #expect(messages.contains("\"dossiers\""), "\(messages)")
    }

    @Test func theBundledPoliciesLintClean() throws {
        for name in ["entretien-menager", "nordelia", "northshore-physio"] {
            let location = PolicyLocation(folder: Self.root.appendingPathComponent("Policies/\(name)").path, given: [Self.plugins])
            let (lint, engine) = try location.lintRun()
            #expect(engine != nil)
            #expect(lint.problems == [], "\(name): \(lint.problems)")
            #expect(lint.examples > 0 && lint.scenarios > 0)
        }
    }
}
