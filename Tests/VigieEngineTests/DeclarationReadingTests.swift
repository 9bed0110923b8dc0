import Foundation
import LuaHost
import Testing
import VigieModel
import VigiePolicy

@testable import VigieEngine

/// A plugin folder written for one test.
private func pluginFolder(_ name: String, manifest: String) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-decl-\(UUID().uuidString)")
    let folder = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try manifest.write(to: folder.appendingPathComponent("plugin.lua"), atomically: true, encoding: .utf8)
    return root.path
}

private let ruleR = """
    rule "r" { severity = "high", check = function(post, ctx) end }
    """

@Suite("Declarations are read strictly, with the declaration's file and line")
struct DeclarationReadingTests {
    @Test func aFieldOfTheWrongTypeSetByExtendIsAnError() throws {
        let error = try #require(loadError(header + "\n" + ruleR + "\nextend \"r\" { title = 3 }"))
        #expect(error.kind == .declaration)
        // At the extend, which sets it.
        #expect(error.location == SourceLocation(file: "test/policy.lua", line: 3))
        #expect(error.message == "extend \"r\": title must be a text (a string), or { fr = \"...\", en = \"...\" }")
        let advice = try #require(loadError(header + "\n" + ruleR + "\nextend \"r\" { advice = { \"x\" } }"))
        #expect(advice.message == "extend \"r\": advice must be a text (a string), or { fr = \"...\", en = \"...\" }")
    }

    @Test func anUnknownScenarioActorKindIsAnError() throws {
        let error = try #require(loadError(header + """

            scenario "s" {
              actor = { id = "p1", kind = "cliente" },
              timeline = { { text = "Bonjour" } },
            }
            """))
        #expect(error.kind == .declaration)
        #expect(error.location == SourceLocation(file: "test/policy.lua", line: 2))
        #expect(error.message == #"scenario "s": actor.kind: expected one of "# + ActorKind.allCases.map(\.rawValue)
            .joined(separator: ", ") + #", got "cliente""#)
    }

    @Test func aScenarioEventTimeMustBeAText() throws {
        let error = try #require(loadError(header + """

            scenario "s" { actor = "p1", timeline = { { text = "a" }, { at = 3600, text = "b" } } }
            """))
        #expect(error.message == "scenario \"s\": timeline[2].at: expected a string, got 3600")
        #expect(error.location?.line == 2)
    }

    @Test func parametersMustBeNamed() throws {
        let error = try #require(loadError(#"policy { name = "p", uses = { coordonnees = { 8 } } }"#))
        #expect(error.kind == .declaration)
        #expect(error.location == SourceLocation(file: "test/policy.lua", line: 1))
        #expect(error.message == "policy: uses.coordonnees: expected a table with string keys, got the key 1")
    }

    @Test func aPluginManifestOfTheWrongShapeIsAnError() throws {
        let paths = [try pluginFolder("outil", manifest: """
            plugin { name = "outil", version = "1.0.0",
                     provides = { rules = "outil-regle" } }
            """)]
        let error = try #require(loadError(#"policy { name = "p", uses = { outil = {} } }"#, plugins: paths))
        #expect(error.kind == .declaration)
        #expect(error.location?.file.hasSuffix("outil/plugin.lua") == true)
        #expect(error.location?.line == 1)
        #expect(error.message == #"plugin "outil": provides.rules: expected a list, got "outil-regle""#)
        let title = [try pluginFolder("outil", manifest: #"plugin { name = "outil", version = "1.0.0", title = 3 }"#)]
        #expect(loadError(#"policy { name = "p", uses = { outil = {} } }"#, plugins: title)?.message
            == #"plugin "outil": title: expected a string, got 3"#)
    }

    @Test func aParameterDefaultMustBeData() throws {
        let paths = [try pluginFolder("outil", manifest: """
            plugin { name = "outil", version = "1.0.0",
                     parameters = { f = { type = "table", default = function() end } } }
            """)]
        let error = try #require(loadError(#"policy { name = "p", uses = { outil = {} } }"#, plugins: paths))
        #expect(error.kind == .declaration)
        #expect(error.message == #"plugin "outil": the default of parameter "f" must be data, not a function"#)
    }

    @Test func parameterDefaultsAndEffectiveValuesAreData() throws {
        let paths = [try pluginFolder("outil", manifest: """
            plugin { name = "outil", version = "1.0.0",
                     parameters = { seuil = { type = "number", default = 0.5, min = 0, max = 1 },
                                    mots = { type = "list", default = { "a", "b" } },
                                    options = { type = "table", default = {} } } }
            """)]
        let e = try engine(#"policy { name = "p", uses = { outil = { seuil = 0.75 } } }"#, plugins: paths)
        let m = try #require(e.declarations.plugins.first)
        #expect(m.parameters.map(\.name) == ["mots", "options", "seuil"])
        #expect(m.parameters.map(\.defaultValue) == [["a", "b"], .table([:]), 0.5])
        #expect(m.parameters[2].min == 0 && m.parameters[2].max == 1)
        #expect(m.effectiveParameters == ["seuil": 0.75, "mots": ["a", "b"], "options": .table([:])])
    }

    /// `vigie plugins info` prints defaults as it did when they were Lua values.
    @Test(arguments: [
        LuaValue.nil, true, 30, -2, 0.5, 3.0, 1e300, "texte \"cité\"\n", .table([:]), ["a", "b"],
        ["k": 1, "deux mots": ["x", 2.5], "and": false], .table([.integer(3): "c", .integer(1): "a", .number(1.5): "b"]),
    ])
    func parameterValuesPrintLikeTheLuaValuesTheyCameFrom(_ value: LuaValue) throws {
        let data = try #require(PolicyValue(lua: value))
        #expect(data.description == value.description)
        #expect(data.luaValue == value)
    }

    @Test func functionsAreNotData() {
        #expect(PolicyValue(lua: .opaque("function")) == nil)
        #expect(PolicyValue(lua: ["f": .opaque("function")]) == nil)
        #expect(PolicyValue(lua: [1, .opaque("thread")]) == nil)
    }

    // MARK: The reader on exports made by hand

    static let at: LuaValue = ["file": "p.lua", "line": 7]

    static func export(rules: [LuaValue]) -> LuaValue {
        [
            "policy": [
                "name": "p", "version": "1.0.0", "language": "fr", "file": "p.lua", "line": 1, "uses": .table([:]),
            ],
            "threats": .table([:]), "rules": .array(rules), "indicators": .table([:]), "incidents": .table([:]),
            "reactions": .table([:]), "scenarios": .table([:]),
        ]
    }

    static func rule(_ id: LuaValue, severity: LuaValue = "low", at: LuaValue = at) -> LuaValue {
        [
            "id": id, "owner": "policy", "at": at, "severity": severity, "mitigates": .table([:]),
            "examples": ["flag": .table([:]), "pass": [["text": "ok"]]], "platforms": .table([:]), "kinds": .table([:]),
        ]
    }

    static let fallback = SourceLocation(file: "p.lua", line: 1)

    @Test func aCompleteExportReadsIntoTheDeclarations() throws {
        let d = try DeclarationReader.read(Self.export(rules: [Self.rule("r")]), plugins: [], fallback: Self.fallback)
        #expect(d.manifest == PolicyManifest(name: "p", version: "1.0.0", language: "fr", location: Self.fallback))
        #expect(d.rules == [
            RuleDeclaration(id: "r", location: SourceLocation(file: "p.lua", line: 7), severity: .low,
                            passExamples: [RuleExample(text: "ok")])
        ])
        #expect(d.classification == nil && d.threats.isEmpty)
    }

    @Test func aMissingFieldIsNotDefaulted() {
        #expect(throws: PolicyError(
            .declaration, at: SourceLocation(file: "p.lua", line: 7),
            "rule \"r\": severity: expected one of info, low, medium, high, critical, got nothing"))
        {
            try DeclarationReader.read(Self.export(rules: [Self.rule("r", severity: nil)]), plugins: [], fallback: Self.fallback)
        }
        #expect(throws: PolicyError(
            .declaration, at: SourceLocation(file: "p.lua", line: 7),
            #"rule "r": severity: expected one of info, low, medium, high, critical, got "hgih""#))
        {
            try DeclarationReader.read(Self.export(rules: [Self.rule("r", severity: "hgih")]), plugins: [], fallback: Self.fallback)
        }
    }

    @Test func aBrokenLocationFallsBackToThePolicy() {
        #expect(throws: PolicyError(
            .declaration, at: Self.fallback, "rule \"r\": at.line: expected an integer, got nothing"))
        {
            try DeclarationReader.read(
                Self.export(rules: [Self.rule("r", at: ["file": "p.lua"])]), plugins: [], fallback: Self.fallback)
        }
    }

    @Test func aDeclarationWithoutAnIdIsNamedByItsPlace() {
        #expect(throws: PolicyError(.declaration, at: SourceLocation(file: "p.lua", line: 7), "rule #2: id: expected a string, got nothing")) {
            try DeclarationReader.read(
                Self.export(rules: [Self.rule("a"), Self.rule(nil)]), plugins: [], fallback: Self.fallback)
        }
    }
}
