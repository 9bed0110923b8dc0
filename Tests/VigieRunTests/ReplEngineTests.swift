import Foundation
import LuaHost
import Testing
import VigieModel
import VigieREPL
import VigieRun

/// The REPL with the policy engine behind it, in process: what a
/// consultant types at the prompt and what comes back (issue 20).
@Suite("REPL with a policy")
struct ReplEngineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path
    static let policy = root.appendingPathComponent("Policies/entretien-menager").path

    final class Screen {
        var standard = ""
        var diagnostic = ""
        lazy var output = ReplOutput(
            standard: { [unowned self] in self.standard += $0 }, diagnostic: { [unowned self] in self.diagnostic += $0 })

        @discardableResult
        func run(_ session: ReplSession, _ text: String) -> String {
            standard = ""
            diagnostic = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { _ = session.feed(String(line)) }
            return standard
        }
    }

    func session(_ screen: Screen, policy: String? = ReplEngineTests.policy, data: [ReplDataSet] = []) throws -> ReplSession {
        let provider = policy.map { EnginePolicyProvider(directory: $0, pluginPaths: [Self.plugins]) }
            ?? EnginePolicyProvider(scratchWithPlugins: [Self.plugins], language: "en")
        let s = try ReplSession(datasets: data, policy: provider, output: screen.output)
        #expect(s.loadPolicy(), "\(screen.diagnostic)")
        return s
    }

    @Test func checkSaysWhoPostsAndTakesTheAuthorPlatformAndKind() throws {
        let screen = Screen()
        let s = try session(screen)
        let text = "Service nul, je suis furieuse !"
        // Without options: an account outside the profile, which the
        // reputation rules take for an outsider.
        let outsider = screen.run(s, ":check \"\(text)\"")
        #expect(outsider.hasPrefix("as a post on facebook, public, by an account that is no one of the profile"), "\(outsider)")
        #expect(!outsider.contains("commentaire-negatif-client"))
        // The same words from a client, as a comment: a client's complaint.
        let client = screen.run(s, ":check --actor client --kind comment \"\(text)\"")
        #expect(client.hasPrefix("as a comment on facebook, public, by someone of kind client\n"), "\(client)")
        #expect(client.contains("MEDIUM commentaire-negatif-client"))
        #expect(!client.contains("denigrement"))
        // A person of the profile, another platform, `=` and a table.
        let nadia = screen.run(s, ":check --actor=nadia --platform instagram \"Textez-moi au 514 555-0142\"")
        #expect(nadia.hasPrefix("as a post on instagram, public, by nadia (employee)\n"), "\(nadia)")
        #expect(nadia.contains("HIGH telephone-personnel"))
        let table = screen.run(s, ":check { text = \"\(text)\", actor = \"client\", kind = \"comment\" }")
        #expect(table.contains("MEDIUM commentaire-negatif-client"))
        // An unknown actor is an error naming the people and kinds.
        screen.run(s, ":check --actor personne \"x\"")
        #expect(screen.diagnostic.contains("actor \"personne\" is neither a person of the profile nor a kind of actor"))
        screen.run(s, ":check --kind commentaire \"x\"")
        #expect(screen.diagnostic.contains("error: the post:"), "\(screen.diagnostic)")
    }

    @Test func explainTakesARuleAndAText() throws {
        let screen = Screen()
        let s = try session(screen)
        let flagged = screen.run(s, ":explain telephone-personnel \"Appelez le 514 555-1234\"")
        #expect(flagged.contains("telephone-personnel — Numéro de téléphone personnel publié\n"), "\(flagged)")
        #expect(flagged.contains("  flags it, high\n  evidence: «514 555-1234» (phone) at 11–23\n"))
        let passed = screen.run(s, ":explain telephone-personnel \"Bonjour à tous\"")
        #expect(passed.contains("  does not flag this post"))
        // The rule alone runs: the absence in the same text is not reported.
        let alone = screen.run(s, ":explain telephone-personnel \"En vacances du 3 au 17 août, appelez le 514 555-1234\"")
        #expect(!alone.contains("annonce-absence"))
        let complaint = screen.run(s, ":explain commentaire-negatif-client --actor client \"Service nul, je suis furieuse !\"")
        #expect(complaint.contains("by someone of kind client"))
        #expect(complaint.contains("flags it, medium"))
        // Still the rule's description and examples without a text.
        #expect(screen.run(s, ":explain telephone-personnel").contains("its examples, run now:"))
        screen.run(s, ":explain telephone-personel \"x\"")
        #expect(screen.diagnostic.contains("no rule \"telephone-personel\""))
    }

    @Test func dataIsThePostsRulesSeeAndCheckTakesThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repl-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stream = folder.appendingPathComponent("posts.jsonl")
        // A stream line without hashtags: they come from the text.
        try #"""
            {"schema":"vigie.activity/1","id":"p1","kind":"post","platform":"instagram","author":{"platform":"instagram","handle":"nadia.brille"},"timestamp":"2026-01-05T10:00:00Z","visibility":"public","text":"Mon cell : 514 555-0142 #ménage"}

            """#.write(to: stream, atomically: true, encoding: .utf8)
        let value = try DataFile.load(stream.path)
        let screen = Screen()
        let s = try session(screen, data: [ReplDataSet(path: stream.path, value: value)])
        // The record is the post a rule sees: no `schema`, the actor of the
        // profile (nadia owns nadia.brille), the derived fields.
        #expect(screen.run(s, "data[1].schema") == "nil\n")
        #expect(screen.run(s, "data[1].actor.id") == "\"nadia\"\n")
        #expect(screen.run(s, "type(data[1].hour)") == "\"number\"\n")
        #expect(screen.run(s, "data[1].hashtags") == "{ \"ménage\" }\n")
        #expect(screen.run(s, "check(data[1]).flags") == "{ \"telephone-personnel\" }\n", "\(screen.diagnostic)")
        #expect(s.failures == 0, "\(screen.diagnostic)")
    }

    @Test func rulesDeclaredAtThePromptOrLoadedAreTakenIn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repl-decl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("regles.lua")
        try """
            rule "mot-interdit" {
              severity = "low",
              check = function(post, ctx)
                local m = text.search(post.text, "zorglub")
                if #m > 0 then ctx:flag { evidence = m } end
              end,
            }
            """.write(to: file, atomically: true, encoding: .utf8)
        let screen = Screen()
        let s = try session(screen)
        screen.run(s, """
            rule "au-clavier" { severity = "low", check = function(post, ctx)
              if post.text:find("bidule") then ctx:flag {} end
            end }
            """)
        #expect(screen.diagnostic.contains("taken in: au-clavier (22 rules"), "\(screen.diagnostic)")
        #expect(screen.run(s, ":check \"un bidule\"").contains("LOW au-clavier"))
        #expect(screen.run(s, "check(\"un bidule\").flags") == "{ \"au-clavier\" }\n")
        #expect(screen.run(s, ":rules").contains("au-clavier"))
        screen.run(s, ":load \(file.path)")
        #expect(screen.diagnostic.contains("taken in: mot-interdit"), "\(screen.diagnostic)")
        #expect(screen.run(s, ":check \"Zorglub arrive\"").contains("LOW mot-interdit"))
        // An extend typed at the prompt changes the plugin's rule.
        screen.run(s, "extend \"telephone-personnel\" { severity = \"critical\" }")
        #expect(screen.run(s, ":check \"514 555-0142\"").contains("CRITICAL telephone-personnel"))
        // :reload loads the policy again and the :load'ed file with it.
        screen.run(s, ":reload")
        #expect(screen.run(s, ":check \"Zorglub arrive\"").contains("LOW mot-interdit"))
        #expect(screen.run(s, ":check \"514 555-0142\"").contains("HIGH telephone-personnel"))
        // A mistake in a declaration typed at the prompt is shown, with its line.
        screen.run(s, "extend \"telephone-personnell\" { severity = \"low\" }")
        #expect(screen.diagnostic.contains("extend \"telephone-personnell\": nothing is declared with this identifier; did you mean \"telephone-personnel\"?"), "\(screen.diagnostic)")
    }

    @Test func completionOffersVocabulariesThreatsAndNoInternalNames() throws {
        let screen = Screen()
        let s = try session(screen)
        #expect(s.complete("vocab(\"in")?.candidates == ["insult", "intimidation"])
        #expect(s.complete("local m = vocab \"bl")?.candidates == ["blackmail"])
        let threats = s.complete("rule \"x\" { mitigates = { \"")?.candidates ?? []
        #expect(threats.contains("dates-de-vacances") && !threats.contains("telephone-personnel"), "\(threats)")
        #expect(s.complete("extend \"telephone-p")?.candidates == ["telephone-personnel"])
        #expect(s.complete("check { text = \"x\", actor = \"na")?.candidates == ["nadia"])
        #expect(s.complete("__")?.candidates.filter { $0.hasPrefix("__vigie") } == [])
        #expect(s.complete("__vigie")?.candidates == [])
        #expect(s.complete(":check --ac")?.candidates == ["--actor"])
        #expect(s.complete("vo")?.candidates.contains("vocab") == true)
    }

    @Test func pluginsWithoutAPolicyGiveAScratchPolicy() throws {
        let screen = Screen()
        let s = try session(screen, policy: nil)
        #expect(screen.diagnostic.contains("no policy: a scratch policy using the plugins absences, crise, divulgation, donnees-personnelles, reputation"), "\(screen.diagnostic)")
        #expect(screen.run(s, ":rules").contains("telephone-personnel"))
        #expect(screen.run(s, ":check \"Mon cell : 514 555-0142\"").contains("telephone-personnel"))
        #expect(screen.run(s, "#pii.phones(\"514 555-0142\")") == "1\n")
    }
}
