import Foundation
import LuaHost
import Testing
import VigieModel
import VigiePolicy
import VigieToolkit

@testable import VigieEngine

/// The authoring API's gaps a newcomer met (issue 20): indicator
/// examples, unknown actors, posts as rules see them, a pattern search
/// over folded text, a lexicon's first match, the per-post detector cache,
/// hashtags from the text, test functions kept out of rules, declarations
/// made after loading.
@Suite struct AuthoringAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let counting = header + """

        indicator "deux-fois" {
          state = function() return { n = 0 } end,
          observe = function(post, s, ctx)
            s.n = s.n + 1
            if s.n >= 2 then ctx:flag() end
          end,
          examples = {
            flag = { { "un", "deux" }, { "un", { text = "deux", platform = "twitter" }, "trois" } },
            pass = { "un", { "seul" } },
          },
        }
        """

    @Test func indicatorExamplesRunAsSequencesInAFreshHistory() throws {
        let e = try engine(Self.counting)
        // A real run's history first: the same person posted twice.
        _ = e.check(post("a", handle: "example"))
        let results = e.runExamples().filter { $0.ruleID == "deux-fois" }
        #expect(results.map(\.expected) == [.flag, .flag, .pass, .pass])
        #expect(results.map(\.passed) == [true, true, true, true])
        #expect(results[0].text == "un / deux")
        // The history of the run is given back: the next post is the second.
        #expect(e.check(post("b", handle: "example")).findings.map(\.ruleID) == ["deux-fois"])
    }

    @Test func aWrongIndicatorExampleFailsLint() throws {
        let e = try engine(header + """

            indicator "deux-fois" {
              state = function() return { n = 0 } end,
              observe = function(post, s, ctx)
                s.n = s.n + 1
                if s.n >= 2 then ctx:flag() end
              end,
              examples = {
                flag = {
                  { "un seul" },
                },
              },
            }
            """)
        let failed = e.lint().failedExamples
        #expect(failed.map(\.ruleID) == ["deux-fois"])
        // at the line of the example's text
        #expect(failed.first?.location.line == 10)
    }

    @Test func indicatorExamplesAreValidated() throws {
        let notATable = loadError(header + """

            indicator "i" {
              observe = function() end,
              examples = 5,
            }
            """)
        #expect(notATable?.location?.line == 4)
        #expect(notATable?.message.contains("examples must be { flag = { { post, post, ... } }, pass = { ... } }, got a number") == true)
        let badPost = loadError(header + "\nindicator \"i\" { observe = function() end, examples = { flag = { { \"a\", { txt = \"b\" } } } } }")
        #expect(badPost?.message.contains("examples.flag[1][2] must be a text or a table") == true)
    }

    @Test func anUnknownActorIsAMistakeNotAStranger() throws {
        let profile = OrganisationProfile(
            organisation: .init(name: "Essai"),
            people: [Person(id: "mme-tremblay", name: "Mme Tremblay", kind: .client)])
        let e = try engine(header + """

            rule "r" {
              check = function(post, ctx) ctx:flag() end,
              examples = { flag = { { text = "x", actor = "mme-tremblai" }, { text = "y", actor = "client" },
                                    { text = "z", actor = "mme-tremblay" } } },
            }
            """, profile: profile, testing: true)
        let results = e.runExamples()
        #expect(results.map(\.passed) == [false, true, true])
        #expect(results[0].failure?.message.contains(#"actor "mme-tremblai" is neither a person of the profile nor a kind of actor; did you mean "mme-tremblay"?"#) == true)
        #expect(throws: LuaError.self) { try e.evaluate(#"return check { text = "x", actor = "personne-inconnue" }"#) }
    }

    @Test func checkTakesAPostAsRulesSeeIt() throws {
        let e = try engine(header + """

            rule "nuit" {
              check = function(post, ctx) if post.hour < 6 then ctx:flag { advice = post.actor.kind } end end,
            }
            """, testing: true)
        let r = try e.evaluate("""
            local first = check { text = "tard", time = "2026-03-01T02:30:00Z", actor = "client", hashtags = {} }
            local again = check(first.post)
            return again.flags[1], again.findings[1].advice, again.post.time == first.post.time
            """)
        #expect(r == [.string("nuit"), .string("client"), .boolean(true)])
        // A derived field alone would not set the time: refused.
        #expect(throws: LuaError.self) { try e.evaluate(#"return check { text = "x", hour = 3 }"#) }
    }

    @Test func aPatternSearchOverFoldedTextGivesEvidenceInTheOriginal() throws {
        let e = try engine(header + """

            rule "vacances" {
              check = function(post, ctx)
                local found = text.search(post.text, "vacances? du (%d+)")
                if #found > 0 then ctx:flag { evidence = found, advice = found[1].captures[1] } end
              end,
            }
            """)
        let text = "Départ en VACANCES du 4 août, puis vacances du 20"
        let result = e.checkText(text)
        let finding = try #require(result.findings.first)
        #expect(finding.advice == "4")
        #expect(finding.evidence.compactMap { $0.excerpt(of: text) } == ["VACANCES du 4", "vacances du 20"])
        let r = try e.evaluate(#"local m = text.search("Élodie est à l’école", "a l'ecole") return m[1].text, m[1].folded, m[1].start, m[1].stop, #text.search("x", "y")"#)
        #expect(r == [.string("à l’école"), .string("a l'ecole"), .integer(11), .integer(20), .integer(0)])
    }

    @Test func aLexiconGivesItsFirstMatch() throws {
        let e = try engine(header)
        let r = try e.evaluate(#"""
            local l = text.lexicon { "code", "code d'alarme", "clé" }
            local m = l:first("La clé et le code d'alarme")
            return m.text, m.start, l:first("rien") == nil
            """#)
        #expect(r == [.string("clé"), .integer(3), .boolean(true)])
    }

    /// Past the first texts, the lexicons the rules match on most posts
    /// are matched in one scan (`LexiconGroup`); one matched on a few posts
    /// stays alone. Every rule finds what its lexicon alone finds, before
    /// and after, on posts made to hit the terms of all three.
    @Test func lexiconsMatchedTogetherFindWhatEachFindsAlone() throws {
        let terms = [
            ["ma blonde", "blonde", "rumeur", "con"], ["contrat", "projet Hermès", "con", "ras-le-bol"],
            ["vacances", "on part", "part", "maison"],
        ]
        func lua(_ list: [String]) -> String { "{ " + list.map { "\"\($0)\"" }.joined(separator: ", ") + " }" }
        let e = try engine(header + """

            local a, b, c = text.lexicon \(lua(terms[0])), text.lexicon \(lua(terms[1])), text.lexicon \(lua(terms[2]))
            rule "a" { check = function(post, ctx) for _, m in ipairs(a:matches(post.text)) do ctx:flag { evidence = m } end end }
            rule "b" { check = function(post, ctx) if b:contains(post.text) then ctx:flag { evidence = b:first(post.text) } end end }
            rule "c" { check = function(post, ctx)
              if post.text:find("!", 1, true) then for _, m in ipairs(c:matches(post.text)) do ctx:flag { evidence = m } end end
            end }
            """)
        let lexicons = terms.map { Lexicon(terms: $0.map { LexiconTerm(term: $0, category: "term") }) }
        let words = terms.flatMap { $0 } + ["Ma", "BLONDE", "le", "contrats", "hermes", "bol", "maisonnette", "!", "-", "et"]
        var g = SplitMix64(seed: 0x1E8)
        var flagged = 0
        for n in 0..<300 {
            let text = (0..<Int.random(in: 1...10, using: &g)).map { _ in words.randomElement(using: &g)! }
                .joined(separator: [" ", " ", ", ", "\n"].randomElement(using: &g)!) + " \(n)"
            let findings = e.check(post(text)).findings
            func spans(_ rule: String) -> [[Int]] {
                findings.filter { $0.ruleID == rule }.flatMap(\.evidence).map { [$0.start, $0.end] }
            }
            let alone = lexicons.map { $0.matches(in: text).map { [$0.start, $0.end] } }
            #expect(spans("a") == alone[0], "\(text.debugDescription)")
            let first = lexicons[1].matches(in: text).min { x, y in x.start != y.start ? x.start < y.start : x.end > y.end }
            #expect(spans("b") == (first.map { [[$0.start, $0.end]] } ?? []), "\(text.debugDescription)")
            #expect(spans("c") == (text.contains("!") ? alone[2] : []), "\(text.debugDescription)")
            flagged += findings.count
        }
        #expect(flagged > 300)
    }

    @Test func twoRulesShareOneScanOfAPost() throws {
        let e = try engine(header + """

            rule "a" { check = function(post, ctx) if #pii.phones(post.text) > 0 then ctx:flag() end end }
            rule "b" { check = function(post, ctx) if #pii.phones(post.text) > 0 then ctx:flag() end end }
            rule "c" { check = function(post, ctx) if #dates.absences(post.text, post) > 0 then ctx:flag() end end }
            rule "d" { check = function(post, ctx) if #dates.absences(post.text, post) > 0 then ctx:flag() end end }
            """)
        let text = "Textez-moi au 514 555-0142, en vacances du 4 au 18 août"
        #expect(e.check(post(text)).findings.map(\.ruleID) == ["a", "b", "c", "d"])
        // One phone scan and one absence scan for the four rules (the
        // masking of their findings runs the other detectors, once each,
        // and reuses the phones found).
        let p = e.bindings.preparedText(for: text)
        #expect(p.scans == p.detectorsRun.count)
        #expect(p.detectorsRun.filter { $0 == "phones" || $0.hasPrefix("dates_absences") }.count == 2)
    }

    @Test func hashtagsComeFromTheTextWhenTheStreamOmitsThem() throws {
        let line = #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"a"},"timestamp":"2026-03-01T10:00:00Z","text":"Bravo #Équipe et #ménage2026 !"}"#
        let given = #"{"schema":"vigie.activity/1","id":"x:2","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"a"},"timestamp":"2026-03-01T10:00:00Z","text":"Un #dièse seul","hashtags":[]}"#
        let folder = try TemporaryFolder()
        let path = try folder.write("s.jsonl", line + "\n" + given + "\n")
        var activities: [Activity] = []
        for record in try ActivityStreamReader(path: path) {
            if case .activity(let a, _) = record { activities.append(a) }
        }
        #expect(activities.map(\.hashtags) == [["Équipe", "ménage2026"], []])
        // What a stream writes reads back the same.
        let written = try JSONEncoder().encode(activities[1])
        #expect(try JSONDecoder().decode(Activity.self, from: written).hashtags == [])
        // Made-up posts too.
        let e = try engine(header, testing: true)
        #expect(try e.evaluate(#"return check("Vive #Vigie").post.hashtags[1]"#) == [.string("Vigie")])
    }

    @Test func aPluginsListParameterMakesALexicon() throws {
        let e = try PolicyEngine(
            source: """
                policy { name = "p", uses = { absences = { termes_acces = { "code du portail" } } } }
                """, file: "test/policy.lua", pluginPaths: [Self.root.appendingPathComponent("Plugins").path],
            limits: testLimits)
        let result = e.check(post("Le code du portail est 1234", actor: "employee"))
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.findings.map(\.ruleID).contains("habitudes-et-acces"))
    }

    @Test func testFunctionsCannotRunInsideARule() throws {
        let e = try engine(header + """

            rule "r" { check = function(post, ctx) check("encore") end }
            """, testing: true)
        let result = e.checkText("bonjour")
        #expect(result.failures.first?.message.contains("check is a test function (tests/*_test.lua and the REPL): a rule cannot call it") == true)
        // From a test file (or the REPL) it runs.
        let r = try e.evaluate(#"local ok, err = pcall(check, "x") return ok, tostring(err):find("a rule cannot call it") ~= nil"#)
        #expect(r == [.boolean(false), .boolean(true)])
    }

    /// Declarations made after loading (typed at the REPL) are taken in;
    /// the same one made again from the same place replaces it.
    @Test func declarationsMadeAfterLoadingAreTakenIn() throws {
        let e = try engine(header + "\nrule \"a\" { check = function(post, ctx) end }", testing: true)
        _ = try e.evaluate(#"rule "nouvelle" { severity = "high", check = function(post, ctx) ctx:flag() end }"#, chunkName: "=stdin")
        #expect(try e.refreshDeclarations())
        #expect(e.declarations.rules.map(\.id) == ["a", "nouvelle"])
        #expect(e.checkText("x").findings.map(\.ruleID) == ["nouvelle"])
        _ = try e.evaluate(#"rule "nouvelle" { severity = "low", check = function(post, ctx) end }"#, chunkName: "=stdin")
        _ = try e.evaluate(#"extend "a" { check = function(post, ctx) ctx:flag() end }"#, chunkName: "=stdin")
        #expect(try e.refreshDeclarations())
        #expect(e.declarations.rule("nouvelle")?.severity == .low)
        #expect(e.checkText("x").findings.map(\.ruleID) == ["a"])
        #expect(try e.refreshDeclarations() == false)
        // The policy's own declarations are not replaced from the prompt.
        #expect(throws: LuaError.self) { try e.evaluate(#"rule "a" { check = function() end }"#, chunkName: "=stdin") }
    }
}
