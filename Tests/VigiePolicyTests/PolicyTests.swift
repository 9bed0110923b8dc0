import Foundation
import Testing
import VigieModel

@testable import VigiePolicy

@Suite("What a policy declares, without Lua")
struct PolicyDeclarationTests {
    static let at = SourceLocation(file: "Policies/x/policy.lua", line: 4)

    static var declarations: PolicyDeclarations {
        PolicyDeclarations(
            manifest: PolicyManifest(name: "x", version: "1.2.0", language: "fr", location: at),
            threats: [ThreatDeclaration(id: "fuite", texts: DeclarationTexts(title: "Fuite"), location: at)],
            rules: [RuleDeclaration(id: "r1", location: at, severity: .high, mitigates: ["fuite"])],
            indicators: [RuleDeclaration(id: "i1", isIndicator: true, location: at, severity: .low)],
            incidents: [IncidentDeclaration(id: "inc", location: at, openedBy: ["r1"], severity: .medium)],
            reactions: [
                ReactionDeclaration(
                    id: "re", location: at, on: "inc",
                    steps: [
                        ReactionStepDeclaration(id: "dialogue"),
                        ReactionStepDeclaration(id: "exclusion", whenIDs: ["r1", "i1"], recordReasons: true),
                    ])
            ],
            scenarios: [Scenario(id: "s", actorID: "p1", timeline: [ScenarioEvent(text: "Bonjour")])])
    }

    @Test func lookupsFindEachKindById() {
        let d = Self.declarations
        #expect(d.threat("fuite")?.texts.title == "Fuite")
        #expect(d.rule("r1")?.severity == .high)
        #expect(d.rule("i1")?.isIndicator == true)
        #expect(d.rule("absent") == nil)
        #expect(d.reaction("re")?.steps.count == 2)
        #expect(d.scenario("s")?.platform == "facebook")
    }

    @Test func aReactionGivesTheModelsPlan() {
        let plan = Self.declarations.reactions[0].plan
        #expect(plan.id == "re" && plan.on == "inc")
        #expect(plan.steps.map(\.condition) == [nil, "r1|i1"])
        #expect(plan.steps.map(\.recordReasons) == [false, true])
    }

    @Test func declarationsRoundTripThroughJSON() throws {
        let d = Self.declarations
        let data = try JSONEncoder().encode(d)
        #expect(try JSONDecoder().decode(PolicyDeclarations.self, from: data) == d)
    }

    @Test func theOwnerIsThePolicyOrAPlugin() {
        #expect(DeclarationOwner(name: "policy") == .policy)
        #expect(DeclarationOwner(name: "absences") == .plugin("absences"))
        #expect(DeclarationOwner(name: "absences").description == "plugin absences")
    }
}

@Suite("Plugin parameters as data")
struct PolicyValueTests {
    @Test(arguments: [
        (PolicyValue.nil, "nil"),
        (true, "true"),
        (30, "30"),
        (0.5, "0.5"),
        (2.0, "2.0"),
        ("un \"mot\"", #""un \"mot\"""#),
        ([], "{}"),
        (.table([:]), "{}"),
        (["a", "b"], #"{ "a", "b" }"#),
        (["b": 2, "a": ["x"], "two words": true], #"{ a = { "x" }, b = 2, ["two words"] = true }"#),
        (.table([.integer(2): "y", .integer(1): "x", .string("k"): 1]), #"{ [1] = "x", [2] = "y", k = 1 }"#),
    ] as [(PolicyValue, String)])
    func printsAsALuaLiteral(_ value: PolicyValue, _ expected: String) {
        #expect(value.description == expected)
    }

    @Test func readsLikeLuaData() {
        let v: PolicyValue = ["n": 3, "list": ["a"], "empty": .table([:])]
        #expect(v["n"].intValue == 3 && v["n"].doubleValue == 3)
        #expect(v["list"].arrayValue == ["a"])
        #expect(v["empty"].arrayValue == [])
        #expect(v["absent"].isNil)
        #expect(PolicyValue.number(2.5).intValue == nil)
    }

    @Test func aManifestRoundTripsThroughJSON() throws {
        let manifest = PluginManifest(
            name: "absences", version: SemanticVersion(1, 2, 0), texts: DeclarationTexts(title: "Absences"),
            provides: ["rules": ["annonce-absence"]],
            parameters: [
                PluginParameter(name: "horizon_jours", kind: .integer, defaultValue: 30, min: 1, max: 365),
                PluginParameter(name: "menaces", kind: .list, defaultValue: ["a", "b"]),
            ],
            directory: "Plugins/absences", location: SourceLocation(file: "Plugins/absences/plugin.lua", line: 1),
            effectiveParameters: ["horizon_jours": 14, "menaces": ["a"], "seuil": 0.75, "actif": true])
        let data = try JSONEncoder().encode(manifest)
        #expect(try JSONDecoder().decode(PluginManifest.self, from: data) == manifest)
    }
}
