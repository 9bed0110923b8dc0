import LuaHost
import Testing

@testable import VigieREPL

/// A stand-in for the policy engine: records what the REPL asks.
final class RecordingPolicy: ReplPolicyProvider {
    var loads = 0
    var checked: [String] = []

    var summary: String { "policy test-policy 1.0.0: 2 rules, 1 threat" }

    func load(into context: ReplPolicyContext) throws {
        loads += 1
        try context.state.setGlobal("policy_loads", .integer(Int64(loads)), in: context.environment)
    }

    func rules() -> [ReplCatalogEntry] {
        [
            ReplCatalogEntry(id: "pas-de-telephone", title: "Pas de numéro personnel", location: "rules.lua:3", detail: "high"),
            ReplCatalogEntry(id: "pas-de-colere", title: "Pas de défoulement", location: "rules.lua:12", detail: "medium"),
        ]
    }

    func threats() -> [ReplCatalogEntry] {
        [ReplCatalogEntry(id: "suivi-chez-clients", title: "Être suivi jusque chez les clients", location: "threats.lua:1")]
    }

    func check(text: String) throws -> String {
        checked.append(text)
        return "1 finding"
    }

    func explain(rule id: String) throws -> String {
        guard rules().contains(where: { $0.id == id }) else { throw ReplCommandError("no rule \"\(id)\" (:rules lists them)") }
        return "explained \(id)"
    }

    func completions(for request: ReplCompletionRequest) -> [String] {
        guard case .stringLiteral = request else { return [] }
        return rules().map(\.id)
    }

    var helpTopics: [ReplHelpTopic] { [ReplHelpTopic(name: "api", summary: "the policy API", text: "rule, threat, reaction")] }
}

@Suite("REPL policy provider")
struct PolicyProviderTests {
    @Test func theCommandsGoThroughTheProvider() throws {
        let policy = RecordingPolicy()
        let t = Transcript()
        let s = try t.session(policy: policy)
        #expect(s.loadPolicy())
        #expect(t.diagnostic == "policy test-policy 1.0.0: 2 rules, 1 threat\n")
        #expect(t.run(s, "policy_loads") == "1\n")
        #expect(
            t.run(s, ":rules") == """
                pas-de-telephone  high    Pas de numéro personnel  (rules.lua:3)
                pas-de-colere     medium  Pas de défoulement  (rules.lua:12)

                """)
        #expect(t.run(s, ":threats") == "suivi-chez-clients  Être suivi jusque chez les clients  (threats.lua:1)\n")
        #expect(t.run(s, #":check "Appelez-moi au \"514\"\n555-1234""#) == "1 finding\n")
        #expect(t.run(s, ":check sans guillemets") == "1 finding\n")
        #expect(policy.checked == ["Appelez-moi au \"514\"\n555-1234", "sans guillemets"])
        #expect(t.run(s, ":explain pas-de-colere") == "explained pas-de-colere\n")
        #expect(s.complete(":explain pas-de-t")?.candidates == ["pas-de-telephone"])
        #expect(s.complete("regle = \"pas-de-c")?.candidates == ["pas-de-colere"])
        #expect(t.run(s, ":help api") == "rule, threat, reaction\n")
        t.run(s, ":reload")
        #expect(policy.loads == 2)
        #expect(t.run(s, "policy_loads") == "2\n")
        #expect(s.failures == 0)
        t.run(s, ":explain inconnue")
        #expect(t.diagnostic.hasSuffix("error: no rule \"inconnue\" (:rules lists them)\n"))
        t.run(s, ":check \"pas fermé")
        #expect(t.diagnostic.hasSuffix("error: :check: the text's closing \" is missing\n"))
    }
}
