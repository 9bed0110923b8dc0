import Foundation
import Testing
import VigieEngine
import VigieModel
@testable import VigieRun

/// `vigie eval` as a library: labeled files read (and refused with their
/// line), counts per rule and per category, misses and false alarms
/// listed masked, gates.
@Suite("Evaluation")
struct EvaluationTests {
    static let policy = """
        policy { name = "essai", version = "1.0.0", language = "fr" }
        rule "menace" { severity = "high", check = function(post, ctx)
          local m = text.find(post.text, "regretter")
          if #m > 0 then ctx:flag { evidence = m } end
        end }
        rule "telephone" { severity = "high", check = function(post, ctx)
          local m = pii.phones(post.text)
          if #m > 0 then ctx:flag { evidence = m } end
        end }
        rule "bruit" { severity = "low", check = function(post, ctx)
          if post.text:find("bruit") then ctx:flag {} end
        end }
        """

    static func engine() throws -> PolicyEngine {
        try PolicyEngine(source: policy, file: "essai/policy.lua")
    }

    static func line(_ id: String, _ text: String, _ labels: [String], tags: [String] = []) -> String {
        let object: [String: Any] = [
            "schema": "vigie.activity/1", "id": id, "kind": "post", "platform": "facebook",
            "author": ["platform": "facebook", "handle": "someone"], "timestamp": "2026-01-05T10:00:00Z",
            "text": text, "labels": labels, "tags": tags,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static let header = #"{"schema":"vigie.eval/1","description":"essai","categories":{"risques":["menace","telephone"],"autre":["bruit"]}}"#

    /// Writes `lines` to a temporary file and returns its path.
    static func file(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-eval-\(UUID().uuidString).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func standardSet() throws -> String {
        try file([
            header,
            line("e1", "Tu vas le regretter.", ["menace"]),
            line("e2", "Appelle au 514 555-0142 demain.", ["risques"]),
            line("e3", "Tu vas voir.", ["menace"]),
            line("e4", "Vous allez regretter notre promo !", [], tags: ["near-miss"]),
            line("e5", "Que de bruit ce matin.", [], tags: ["near-miss"]),
            line("e6", "Bonjour à tous.", [], tags: ["ordinary"]),
            line("e7", "Du bruit ? Rappelle-moi au 514 555-0142.", ["telephone"]),
        ])
    }

    @Test func countsPerRuleAndPerCategory() throws {
        let path = try Self.standardSet()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let set = try LabeledSet.read(path)
        #expect(set.items.count == 7)
        #expect(set.categories.map(\.name) == ["risques", "autre"], "the order of the file")
        let report = try Evaluation(engine: Self.engine()).run(set)
        let rules = Dictionary(uniqueKeysWithValues: report.rules.map { ($0.rule, $0.counts) })
        #expect(rules["menace"].map { [$0.truePositives, $0.falsePositives, $0.falseNegatives] } == [1, 1, 1])
        #expect(rules["menace"]?.precision == 0.5 && rules["menace"]?.recall == 0.5)
        #expect(rules["telephone"].map { [$0.truePositives, $0.falsePositives, $0.falseNegatives] } == [2, 0, 0])
        #expect(rules["telephone"]?.recall == 1, "named by a label: its recall is known")
        // "bruit" is raised twice where nothing expects it: its category
        // "autre" is never expected, so its recall is undefined.
        #expect(rules["bruit"].map { [$0.truePositives, $0.falsePositives] } == [0, 2])
        let risques = try #require(report.categories.first { $0.name == "risques" }?.counts)
        #expect(risques.truePositives == 3 && risques.falsePositives == 1 && risques.falseNegatives == 1)
        #expect(risques.precision == 0.75 && risques.recall == 0.75)
        #expect(abs((risques.f1 ?? 0) - 0.75) < 1e-9)
        let autre = try #require(report.categories.first { $0.name == "autre" }?.counts)
        #expect(autre.recall == nil && autre.precision == 0)
        #expect(report.unlabeledItems == 3 && report.unlabeledFlagged == 2)
        #expect(report.misses.map(\.id) == ["e3"] && report.misses.first?.detail == ["menace"])
        #expect(report.falseAlarms.map(\.id) == ["e4", "e5", "e7"])
        #expect(report.falseAlarms.first { $0.id == "e4" }?.detail == ["menace"])
        let tags = Dictionary(uniqueKeysWithValues: report.tags.map { ($0.tag, $0) })
        #expect(tags["near-miss"].map { [$0.items, $0.withFalseAlarm, $0.withMiss] } == [2, 2, 0])
        #expect(tags["ordinary"].map { [$0.items, $0.withFalseAlarm] } == [1, 0])
    }

    @Test func categoryLabelsAloneLeaveRuleRecallUndefined() throws {
        let path = try Self.file([Self.header, Self.line("c1", "Appelle au 514 555-0142.", ["risques"])])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try Evaluation(engine: Self.engine()).run(LabeledSet.read(path))
        let telephone = try #require(report.rules.first { $0.rule == "telephone" }?.counts)
        #expect(telephone.truePositives == 1 && telephone.recall == nil && telephone.precision == 1)
    }

    @Test func listedTextsAreMaskedUnlessRevealed() throws {
        let path = try Self.standardSet()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let set = try LabeledSet.read(path)
        let masked = try Evaluation(engine: Self.engine()).run(set)
        let e7 = try #require(masked.falseAlarms.first { $0.id == "e7" })
        #expect(!e7.text.contains("555-0142") && e7.text.contains("Rappelle-moi"))
        let revealed = try Evaluation(engine: Self.engine()).run(set, reveal: true)
        #expect(revealed.falseAlarms.first { $0.id == "e7" }?.text.contains("514 555-0142") == true)
        #expect(!masked.text().contains("555-0142"))
    }

    @Test func gates() throws {
        let path = try Self.standardSet()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try Evaluation(engine: Self.engine()).run(LabeledSet.read(path))
        // "autre" is raised and never expected: precision 0; its recall is undefined and not gated.
        #expect(EvaluationGates(minPrecision: 0.7, minRecall: 0.7).failures(of: report)
                == ["category autre: precision 0.000 is below 0.700"])
        #expect(EvaluationGates(minRecall: 0.7, maxFalseAlarmRate: 0.7).failures(of: report).isEmpty)
        let failures = EvaluationGates(minPrecision: 0.8, minRecall: 0.8, maxFalseAlarmRate: 0.5).failures(of: report)
        #expect(failures.count == 4)
        #expect(failures.contains { $0.hasPrefix("category risques: precision 0.750") })
        #expect(failures.contains { $0.hasPrefix("category risques: recall 0.750") })
        #expect(failures.contains { $0.hasPrefix("false alarms") })
    }

    @Test func theReportEncodesWithItsFigures() throws {
        let path = try Self.standardSet()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try Evaluation(engine: Self.engine()).run(LabeledSet.read(path))
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let categories = try #require(object["categories"] as? [[String: Any]])
        let counts = try #require(categories.first?["counts"] as? [String: Any])
        #expect(counts["precision"] as? Double == 0.75)
        #expect(object["falseAlarmRate"] as? Double == 2.0 / 3.0)
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: data)
        #expect(decoded.falseAlarms.map(\.id) == report.falseAlarms.map(\.id))
    }

    @Test(arguments: [
        ([header, "not json"], "2: not a JSON object"),
        ([header, line("a", "x", []).replacingOccurrences(of: #","labels":[]"#, with: "")], "2: no \"labels\""),
        ([header, line("a", "x", ["nope"])], "2: label \"nope\" is neither a rule"),
        ([header, line("a", "x", []), line("a", "y", [])], "3: the id \"a\" was already used on line 2"),
        ([line("a", "x", []), header], "2: the \"vigie.eval/1\" header must come before"),
        ([#"{"schema":"vigie.eval/1","categories":{"x":["inconnue"]}}"#], "category \"x\" names \"inconnue\""),
        ([header, #"{"schema":"vigie.activity/1","id":"a","labels":[]}"#], "2: not a valid activity: missing field"),
    ])
    func badFilesAreRefusedWithTheirLine(_ lines: [String], _ expected: String) throws {
        let path = try Self.file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: RunError.self) {
            try Evaluation(engine: Self.engine()).run(LabeledSet.read(path))
        }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.hasPrefix(path) == true)
    }
}
