import Foundation
import LuaHost
import Testing

@testable import VigieTesting

/// A policy folder written for one test, removed afterwards.
final class PolicyFolder {
    let url: URL

    init(policy: String, tests: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("tests"), withIntermediateDirectories: true)
        try Data(policy.utf8).write(to: url.appendingPathComponent("policy.lua"))
        for (name, source) in tests {
            try Data(source.utf8).write(to: url.appendingPathComponent("tests/\(name)"))
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }
}

let basePolicy = """
    policy { name = "essai", version = "1.0.0", language = "fr" }
    threat "fuite" { title = "Fuite", likelihood = 2, impact = 3 }
    rule "mot-secret" {
      mitigates = { "fuite" },
      check = function(post, ctx)
        local m = text.find(post.text, "secret")
        if #m > 0 then ctx:flag { evidence = m } end
      end,
      examples = { flag = { "Un secret bien gardé" }, pass = { "Bonjour" } },
    }
    rule "jamais-teste" {
      check = function(post, ctx) if text.contains(post.text, "zzz") then ctx:flag {} end end,
    }
    incident "fuite" { opened_by = { "mot-secret" } }
    reaction "fuite" {
      on = "fuite", answers = { "fuite" },
      steps = { { id = "retrait" }, { id = "rappel", when = "mot-secret" } },
    }
    """

@Suite("The policy test runner")
struct TestRunnerTests {
    func run(_ policy: String, tests: [String: String] = [:], options: TestRunner.Options = .init()) throws
        -> TestSuiteResult
    {
        let folder = try PolicyFolder(policy: policy, tests: tests)
        return TestRunner(options: options).run(.policy(folder.path))
    }

    @Test func passingTestsAndExamplesPass() throws {
        let suite = try run(basePolicy, tests: ["a_test.lua": """
            describe("mot secret", function()
              it("signale", function() expect(check("Mon secret")).to_flag("mot-secret") end)
              it("laisse passer", function() expect(check("Rien à dire")).to_pass() end)
            end)
            """])
        #expect(suite.loadError == nil)
        #expect(suite.cases.map(\.name) == [
            "mot-secret › flags «Un secret bien gardé»", "mot-secret › passes «Bonjour»",
            "mot secret › signale", "mot secret › laisse passer",
        ])
        #expect(suite.cases.allSatisfy { $0.status == .passed })
    }

    @Test func aFailureShowsExpectedActualAndTheLineOfTheExpect() throws {
        let suite = try run(basePolicy, tests: ["b_test.lua": """
            describe("égalités", function()
              it("compte les mots", function()
                local n = #text.tokens("un deux trois")
                expect(n).to_equal(4)
              end)
            end)
            """])
        let failure = try #require(suite.cases.first { $0.status != .passed })
        #expect(failure.status == .failed)
        #expect(failure.name == "égalités › compte les mots")
        #expect(failure.file.hasSuffix("tests/b_test.lua"))
        #expect(failure.line == 4)
        #expect(failure.expected == "4")
        #expect(failure.actual == "3")
    }

    @Test func aFailingCheckShowsTheActivityText() throws {
        let suite = try run(basePolicy, tests: ["e_test.lua": """
            it("devrait signaler", function()
              expect(check("Rien de secrè-t ici")).to_flag("mot-secret")
            end)
            """])
        let failure = try #require(suite.cases.first { $0.status != .passed })
        #expect(failure.expected == "a finding of \"mot-secret\"")
        #expect(failure.actual == "none")
        #expect(failure.text == "Rien de secrè-t ici")
        #expect(failure.line == 2)
        #expect(TestReporter.text([suite], coverage: false).contains("text:     «Rien de secrè-t ici»"))
    }

    @Test func aFailingExampleIsReportedWithItsText() throws {
        let policy = basePolicy.replacingOccurrences(of: "pass = { \"Bonjour\" }", with: "pass = { \"Bonjour\", \"Mon secret\" }")
        let suite = try run(policy)
        let failure = try #require(suite.cases.first { $0.status != .passed })
        #expect(failure.name == "mot-secret › passes «Mon secret»")
        #expect(failure.text == "Mon secret")
        #expect(failure.expected == "no finding of mot-secret")
        #expect(failure.actual == "a finding")
        #expect(failure.line == 9)  // the example itself, in its rule's examples
    }

    @Test func anErrorInATestIsAnErrorNotAFailureOfTheOthers() throws {
        let suite = try run(basePolicy, tests: ["c_test.lua": """
            it("appelle une fonction absente", function() fonction_absente() end)
            it("passe quand même", function() expect(check("secret")).to_flag("mot-secret") end)
            """])
        let names = Dictionary(uniqueKeysWithValues: suite.cases.map { ($0.name, $0) })
        #expect(names["appelle une fonction absente"]?.status == .failed)
        #expect(names["appelle une fonction absente"]?.message?.contains("attempt to call a nil value (global 'fonction_absente')") == true)
        #expect(names["appelle une fonction absente"]?.line == 1)
        #expect(names["passe quand même"]?.status == .passed)
    }

    @Test func aRunawayTestFailsAloneWithinItsLimit() throws {
        var options = TestRunner.Options()
        options.limits.instructions = 5_000_000
        let suite = try run(basePolicy, tests: ["d_test.lua": """
            it("boucle sans fin", function() while true do end end)
            it("après la boucle", function() expect(check("secret")).to_flag("mot-secret") end)
            """], options: options)
        let names = Dictionary(uniqueKeysWithValues: suite.cases.map { ($0.name, $0) })
        #expect(names["boucle sans fin"]?.status == .errored)
        #expect(names["boucle sans fin"]?.message?.contains("instruction limit") == true)
        #expect(names["après la boucle"]?.status == .passed)
    }

    @Test func theFilterKeepsMatchingTestsOnly() throws {
        var options = TestRunner.Options()
        options.filter = "LAISSE"
        let suite = try run(basePolicy, tests: ["a_test.lua": """
            it("signale", function() expect(check("Mon secret")).to_flag("mot-secret") end)
            it("laisse passer", function() expect(check("Rien")).to_pass() end)
            """], options: options)
        #expect(suite.cases.map(\.name) == ["laisse passer"])
    }

    @Test func coverageListsWhatNoTestExercises() throws {
        let suite = try run(basePolicy)
        let uncovered = suite.coverage.uncovered.map { "\($0.kind) \($0.id)" }
        #expect(uncovered == ["rule jamais-teste", "reaction fuite", "step fuite/retrait", "step fuite/rappel"])
        #expect(abs(suite.coverage.percent - 20) < 0.01)
    }

    @Test func aSuiteThatCannotLoadSaysWhy() throws {
        let suite = try run("policy { name = 'x' }\nrule 'r' { check = 12 }")
        #expect(suite.loadError?.contains("policy.lua:2") == true)
        #expect(suite.cases.isEmpty)
    }

    @Test func junitOutputIsAcceptedByTheJUnitSchema() throws {
        let suite = try run(basePolicy.replacingOccurrences(of: "pass = { \"Bonjour\" }", with: "pass = { \"Un secret & <autre>\" }"))
        let xml = TestReporter.junit([suite])
        #expect(xml.contains("<failure message="))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("results.xml")
        try Data(xml.utf8).write(to: file)
        let schema = try #require(Bundle.module.url(forResource: "junit", withExtension: "xsd"))
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        lint.arguments = ["--noout", "--schema", schema.path, file.path]
        let err = Pipe()
        lint.standardError = err
        try lint.run()
        lint.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(lint.terminationStatus == 0, "\(message)")
        #expect(message.contains("validates"))
    }

    @Test func tapOutputCountsEveryTest() throws {
        let suite = try run(basePolicy)
        let tap = TestReporter.tap([suite])
        #expect(tap.hasPrefix("TAP version 13\n1..2\n"))
        #expect(tap.contains("ok 1 - "))
    }
}

@Suite("Plugin parameters set by a test file")
struct TestParameterTests {
    @Test func aTestFileOverridesAPluginParameter() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let plugins = root.appendingPathComponent("Plugins").path
        let folder = try PolicyFolder(
            policy: """
                policy { name = "essai", version = "1.0.0", uses = { ["donnees-personnelles"] = {} } }
                """,
            tests: [
                "defaut_test.lua": """
                    it("par défaut, tout numéro est signalé", function()
                      expect(check("Appelez-nous au 514 555-0142")).to_flag("telephone-personnel")
                    end)
                    """,
                "public_test.lua": """
                    -- params: { ["donnees-personnelles"] = { numeros_publics = { "514 555-0142" } } }
                    it("le numéro public passe", function()
                      expect(check("Appelez-nous au 514 555-0142")).to_pass("telephone-personnel")
                    end)
                    """,
            ])
        let suite = TestRunner(pluginPaths: [plugins]).run(.policy(folder.path))
        let mine = suite.cases.filter { $0.name.hasPrefix("par défaut") || $0.name.hasPrefix("le numéro public") }
        #expect(mine.count == 2)
        #expect(mine.allSatisfy { $0.status == .passed }, "\(mine)")
    }
}
