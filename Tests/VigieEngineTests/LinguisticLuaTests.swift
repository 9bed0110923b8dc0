import LuaHost
import Testing
import VigieEngine
import VigieModel
import VigiePolicy

/// The linguistic layer as rules use it: `ling` over the post a rule
/// receives (a lazy, read-only view of host data), its objects sealed like
/// the rest of the engine's Lua half, its errors at the script's line.
@Suite struct LinguisticLuaTests {
    static let policy = header + """

        local menace = ling.pattern { "(tu vas | vous allez) … regretter", category = "menace" }
        local plainte = ling.lexicon { "bâclé", "crétin", language = "fr", category = "plainte" }
        rule "menace" {
          check = function(post, ctx)
            local found = menace:matches(post.text)
            if #found > 0 then ctx:flag { evidence = found, note = found[1].category } end
          end,
        }
        rule "plainte" {
          check = function(post, ctx)
            local found = plainte:matches(post.text, { negated = false })
            if #found > 0 then ctx:flag { evidence = found } end
          end,
        }
        rule "question" {
          check = function(post, ctx)
            for _, s in ipairs(ling.sentences(post.text)) do
              if s.question then ctx:flag { evidence = { start = s.start, stop = s.stop } } end
            end
          end,
        }
        """

    /// Evidence offsets are Unicode scalars of the post's original text,
    /// through accents, emoji and 𝗯𝗼𝗹𝗱 letters before and inside the match.
    @Test func evidenceFromAPostCutsItsOriginalText() throws {
        let e = try engine(Self.policy)
        let text = "Été 😀 chez vous… 𝗧𝘂 𝘃𝗮𝘀 vraiment le REGRETTER, crétins 🙄"
        let result = e.check(post(text, id: "a"))
        #expect(result.failures.isEmpty)
        let byRule = Dictionary(grouping: result.findings, by: \.ruleID)
        let threat = try #require(byRule["menace"]?.first)
        #expect(threat.evidence.map { $0.excerpt(of: text) } == ["𝗧𝘂 𝘃𝗮𝘀 vraiment le REGRETTER"])
        #expect(result.notes[threat.fingerprint] == "menace")
        let insult = try #require(byRule["plainte"]?.first)
        #expect(insult.evidence.map { $0.excerpt(of: text) } == ["crétins"])
        #expect(byRule["question"] == nil)
    }

    /// Negation and questions reach a rule as filters and as fields.
    @Test func negationAndQuestionsThroughTheFilter() throws {
        let e = try engine(Self.policy)
        #expect(e.check(post("Le ménage n'était vraiment pas bâclé, merci.")).findings.map(\.ruleID) == [])
        #expect(e.check(post("Un ménage BÂCLÉ, encore.")).findings.map(\.ruleID) == ["plainte"])
        let asked = "Vous allez le regretter ? Non. Bonne journée"
        let result = e.check(post(asked))
        #expect(result.findings.map(\.ruleID).sorted() == ["menace", "question"])
        let question = try #require(result.findings.first { $0.ruleID == "question" })
        #expect(question.evidence.map { $0.excerpt(of: asked) } == ["Vous allez le regretter"])
        #expect(try e.evaluate("""
            local m = ling.vocab("insult"):matches("T'es pas un crétin, toi ?")[1]
            return m.negated, m.question, m.text
            """) == [.boolean(true), .boolean(true), .string("crétin")])
    }

    /// A filter may come from a plugin's parameters (host data handed to
    /// Lua): the binding reads it field by field.
    @Test func aFilterFromAPluginsParametersWorks() throws {
        let folder = try TemporaryFolder()
        try folder.write("mots/plugin.lua", #"""
            plugin { name = "mots", version = "1.0.0",
                     parameters = { filtre = { type = "table", default = { negated = false } } } }
            """#)
        try folder.write("mots/init.lua", #"""
            local mots = ling.lexicon { "déçu", language = "fr" }
            rule "decu" {
              check = function(post, ctx)
                local found = mots:matches(post.text, ctx.params.filtre)
                if #found > 0 then ctx:flag { evidence = found } end
              end,
            }
            """#)
        let e = try engine(#"policy { name = "p", uses = { mots = {} } }"#, plugins: [folder.path])
        #expect(e.check(post("Très déçues du service.")).findings.map(\.ruleID) == ["decu"])
        #expect(e.check(post("Pas déçue du tout !")).findings.isEmpty)
    }

    @Test func patternSyntaxErrorsAreLoadErrorsAtTheScriptsLine() throws {
        let error = loadError(header + "\nlocal x = 1\nlocal p = ling.pattern \"tu vas (le regretter\"")
        #expect(error?.location == SourceLocation(file: "test/policy.lua", line: 3))
        #expect(error?.message.hasPrefix("ling.pattern: ") == true)
        let gap = loadError(header + "\nlocal l = ling.lexicon { \"a b\", gap = 12 }")
        #expect(gap?.location?.line == 2)
        #expect(gap?.message == "ling.lexicon: gap must be a whole number from 0 to 8")
        let vocab = loadError(header + "\nlocal v = ling.vocab \"inconnu\"")
        #expect(vocab?.location?.line == 2)
        #expect(vocab?.message.hasPrefix("ling.vocab: no vocabulary named \"inconnu\"") == true)
        let text = loadError(header + "\nlocal v = ling.vocab(\"insult\"):matches(42)")
        #expect(text?.location?.line == 2)
        #expect(text?.message == "vocab:matches expects a text")
    }

    @Test func matcherObjectsAreReadOnly() throws {
        let assign = loadError(header + "\nlocal p = ling.pattern \"a … b\"\np.matches = function() return {} end")
        #expect(assign?.location?.line == 3)
        #expect(assign?.message == "pattern.matches is read-only")
        let raw = loadError(header + "\nlocal l = ling.lexicon { \"a\" }\nrawset(l, \"contains\", function() return false end)")
        #expect(raw?.location?.line == 3)
        #expect(raw?.message == "lexicon.contains is read-only")
        let e = try engine(header)
        #expect(try e.evaluate("return getmetatable(ling.vocab('insult')), #ling.lexicon { 'a', 'b' }, ling.pattern { 'a', 'b c' }:count()")
            == [.string("ling matcher"), .integer(2), .integer(2)])
        // A method called on anything else than a matcher says so.
        let misuse = loadError(header + "\nlocal p = ling.pattern \"a\"\nlocal f = p.matches\nf({}, \"a\")")
        #expect(misuse?.location?.line == 4)
        #expect(misuse?.message.hasPrefix("matcher:matches must be called on a ling lexicon or pattern") == true)
    }
}
