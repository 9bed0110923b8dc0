import Foundation
import LuaHost
import Testing
import VigieEngine
import VigieModel
import VigiePolicy

@Suite struct AnalysisTests {
    @Test func theThreatRegisterIsScoredAgainstTheProfile() throws {
        let e = try PolicyEngine(policyDirectory: fixture("policies/crise-client"), pluginPaths: pluginPaths, limits: testLimits)
        let register = try e.analyse()
        #expect(register.assessments.map(\.id) == [
            "mauvais-commentaires", "intimidation", "suivi-chez-clients", "concurrents-sur-linkedin",
        ])
        let first = register.assessments[0]
        #expect(first.applies)
        #expect(first.score == 12)
        #expect(first.level == .high)
        #expect(first.reason == "la page Facebook est le bouche-à-oreille de l'entreprise")
        #expect(first.mitigatedBy == ["client-s-emporte", "menaces-intimidation"])
        #expect(first.answeredBy == ["client-mecontent"])
        // likelihood computed from the profile: the profile names the issue "vols".
        #expect(register.assessments[1].likelihood == 3)
        #expect(register.assessments[1].score == 12)
        // The plugin's rule mitigates suivi-chez-clients.
        #expect(register.assessments[2].mitigatedBy == ["telephone-personnel", "courriel-personnel"])
        // The profile has no LinkedIn strategy.
        #expect(register.assessments[3].applies == false)
        #expect(register.applicable.map(\.id).contains("concurrents-sur-linkedin") == false)
        #expect(register.unanswered == ["suivi-chez-clients"])
        #expect(register.unmitigated == [])
        #expect(e.coverage.unmitigated == ["concurrents-sur-linkedin"])
    }

    @Test func withoutAppliesAThreatConcernsTheChannelsTheOrganisationUses() throws {
        let profile = OrganisationProfile(
            organisation: .init(name: "X"), platforms: [PlatformStrategy(platform: .facebook, strategy: "pub")])
        let e = try engine(header + """

            threat "sur-facebook" { channels = { "facebook", "instagram" } }
            threat "sur-linkedin" { channels = { "linkedin" } }
            threat "partout" {}
            """, profile: profile)
        let register = try e.analyse()
        #expect(register.applicable.map(\.id) == ["sur-facebook", "partout"])
        #expect(register.assessments.last?.reason == "channels not used: linkedin")
    }

    @Test func aThreatFunctionErrorIsReportedInTheRegister() throws {
        let e = try engine(header + """

            threat "t" { applies = function(org) return org.nothing.here end }
            """)
        let a = try e.analyse().assessments[0]
        #expect(a.error?.contains("test/policy.lua:2:") == true)
    }
}

@Suite struct IndicatorTests {
    static let policy = header + """

        threat "divulgation-compulsive" { title = "Divulgation compulsive" }
        indicator "rafale" {
          title = "Rythme de publication inhabituel",
          severity = "medium",
          mitigates = { "divulgation-compulsive" },
          state = function() return { times = {}, baseline = nil } end,
          observe = function(post, s, ctx)
            local t = s.times
            t[#t + 1] = post.time
            -- keep one day of history
            while #t > 0 and t[1] < post.time - 86400 do table.remove(t, 1) end
            if #t >= 4 then ctx:signal { note = #t .. " publications en 24 h" } end
          end,
        }
        indicator "nuit" {
          title = "Publication nocturne",
          observe = function(post, s, ctx)
            if post.hour < 6 then
              s.n = (s.n or 0) + 1
              if s.n >= 2 then ctx:signal() end
            end
          end,
        }
        indicator "employeur" {
          title = "Mentions de l'employeur",
          observe = function(post, s, ctx)
            local m = text.find(post.text, ctx.org.organisation and ctx.org.organisation.name or "Éclat Net")
            if #m > 0 then
              s.n = (s.n or 0) + 1
              if s.n % 3 == 0 then ctx:signal { evidence = m } end
            end
          end,
        }
        """

    @Test func indicatorsKeepAHistoryPerActor() throws {
        let e = try engine(Self.policy)
        var signals: [[String]] = []
        let times = ["08:00", "09:00", "10:00", "11:00", "12:00"]
        for (i, t) in times.enumerated() {
            signals.append(e.check(post("message \(i)", handle: "alice", at: "2026-03-02T\(t):00Z")).findings.map(\.ruleID))
            // Bob posts as often, but each actor has its own history.
            _ = e.check(post("autre \(i)", handle: "bob", at: "2026-03-0\(i + 1)T\(t):00Z"))
        }
        #expect(signals == [[], [], [], ["rafale"], ["rafale"]])
        let noted = e.check(post("message 5", handle: "alice", at: "2026-03-02T13:00:00Z"))
        #expect(noted.findings.map { noted.notes[$0.fingerprint] } == ["6 publications en 24 h"])
        let nights = ["02:00", "03:00"].map {
            e.check(post("insomnie", handle: "carole", at: "2026-03-02T\($0):00Z")).findings.map(\.ruleID)
        }
        #expect(nights == [[], ["nuit"]])
    }

    /// Two more indicators of seed 002 (compulsive disclosure), a priori:
    /// several identities for one person, and a growing share of personal
    /// content against the actor's own baseline.
    @Test func identitiesAndPersonalContentAgainstTheActorsBaseline() throws {
        let profile = OrganisationProfile(
            organisation: .init(name: "Éclat Net"),
            people: [Person(id: "karine", name: "Karine", accounts: [
                Account(platform: .twitter, handle: "kouellet"), Account(platform: .instagram, handle: "k.brille"),
                Account(platform: .facebook, handle: "karine.o"),
            ])])
        let e = try engine(header + """

            indicator "identites-multiples" {
              title = "Plusieurs identités",
              observe = function(post, s, ctx)
                s.seen = s.seen or {}
                local key = post.platform .. ":" .. (post.author.handle or "?")
                if not s.seen[key] then
                  s.seen[key] = true
                  s.n = (s.n or 0) + 1
                  if s.n == 3 then ctx:signal { note = "3 identités" } end
                end
              end,
            }
            indicator "part-personnelle" {
              title = "Part croissante de contenu personnel",
              state = function() return { total = 0, personal = 0 } end,
              observe = function(post, s, ctx)
                s.total = s.total + 1
                if vocab("personal-life"):contains(post.text) then s.personal = s.personal + 1 end
                local share = s.personal / s.total
                -- the baseline is the actor's own share over its first 4 activities
                if s.total == 4 then s.baseline = share end
                if s.baseline and s.total > 4 and share > s.baseline + 0.25 then ctx:signal() end
              end,
            }
            """, profile: profile)
        let accounts: [(Platform, String)] = [(.twitter, "kouellet"), (.instagram, "k.brille"), (.facebook, "karine.o")]
        let identities = accounts.enumerated().map { i, a in
            e.check(post("Bonjour \(i)", platform: a.0, handle: a.1, at: "2026-03-0\(i + 2)T12:00:00Z")).findings.map(\.ruleID)
        }
        #expect(identities == [[], [], ["identites-multiples"]])
        let personal = try #require(Vocabulary_anyPersonalTerm(e))
        let texts = ["Nouveaux tarifs", "Merci à nos clients", "Belle journée", "Bonne semaine",
                     "Ce matin \(personal)", "Encore \(personal)", "Et toujours \(personal)"]
        let signals = texts.enumerated().map { i, t in
            e.check(post(t, platform: .facebook, handle: "karine.o", at: "2026-04-\(10 + i)T12:00:00Z")).findings.map(\.ruleID)
        }
        // The three greetings above are Karine's too (one actor, three
        // identities): her baseline is set at her 4th activity (texts[0]),
        // and 3 personal posts out of 10 is the first share above it + 0.25.
        #expect(signals.map { $0.contains("part-personnelle") } == [false, false, false, false, false, false, true])
    }

    /// A term of the built-in personal-life vocabulary, read through Lua.
    private func Vocabulary_anyPersonalTerm(_ e: PolicyEngine) -> String? {
        for candidate in ["mon divorce", "ma rupture", "mon ex", "mes enfants", "ma santé", "my divorce"] {
            if (try? e.evaluate("return vocab('personal-life'):contains([[\(candidate)]])").first) == .boolean(true) {
                return candidate
            }
        }
        return nil
    }

    @Test func anIndicatorSignalCarriesEvidence() throws {
        let e = try engine(Self.policy)
        let texts = ["J'aime Éclat Net", "Encore ÉCLAT NET", "Toujours éclat net ici"]
        let results = texts.enumerated().map { e.check(post($1, handle: "dan", at: "2026-03-0\($0 + 2)T12:00:00Z")) }
        let last = try #require(results.last?.findings.first)
        #expect(last.ruleID == "employeur")
        #expect(last.evidence.map { $0.excerpt(of: texts[2]) } == ["éclat net"])
        #expect(last.mitigates == [])
    }
}

@Suite struct ReactionTests {
    static func crisisEngine(testing: Bool = false) throws -> PolicyEngine {
        try PolicyEngine(
            policyDirectory: fixture("policies/crise-client"), pluginPaths: pluginPaths, limits: testLimits, testing: testing)
    }

    /// The first seed's crisis case: a client vents on Facebook → dialogue;
    /// threats → a polite but firm warning; recidivism → exclusion, reasons recorded.
    @Test func theSeedCrisisWalksThroughDialogueWarningAndExclusion() throws {
        let e = try Self.crisisEngine()
        let simulation = try e.simulate(scenarioID: "client-fache")
        #expect(simulation.steps.map(\.stepAfter) == ["dialogue", "dialogue", "avertissement", "exclusion"])
        #expect(simulation.passed)
        #expect(simulation.steps[0].findings.map(\.ruleID) == ["client-s-emporte"])
        #expect(simulation.steps[0].decisions.map(\.action) == [.opened])
        #expect(simulation.steps[0].decisions[0].advice?.hasPrefix("Parler calmement") == true)
        #expect(simulation.steps[1].decisions.isEmpty)
        let warning = try #require(simulation.steps[2].decisions.first)
        #expect(warning.stepID == "avertissement")
        #expect(warning.action == .escalated)
        #expect(warning.reason == "Menaces ou intimidation après le dialogue")
        #expect(warning.recordedReasons.isEmpty)
        let exclusion = try #require(simulation.steps[3].decisions.first)
        #expect(exclusion.stepID == "exclusion")
        #expect(exclusion.reason.hasPrefix("Récidive après l'avertissement ("))
        #expect(exclusion.reason.contains("— Motifs : "))
        // Dated as people read dates, on the organisation's clock (this
        // profile names no time zone: UTC).
        #expect(exclusion.recordedReasons.contains("Menaces ou intimidation (5\u{00A0}mars\u{00A0}2026 à 3\u{00A0}h\u{00A0}30)"))
        let incident = try #require(simulation.incidents.first)
        #expect(incident.history.map(\.step) == ["dialogue", "avertissement", "exclusion"])
        #expect(incident.actorID == "mme-tremblay")
        // Each decision is dated at the finding that caused it.
        #expect(incident.history.map(\.at) == [simulation.steps[0].at, simulation.steps[2].at, simulation.steps[3].at])
    }

    @Test func aSimulationBuiltInSwiftReportsUnmetExpectations() throws {
        let e = try Self.crisisEngine()
        let scenario = Scenario(
            id: "essai", actorID: "client-x", actorKind: .client, platform: "facebook",
            timeline: [
                ScenarioEvent(text: "Bonjour, tout va bien", expect: "none"),
                ScenarioEvent(text: "Je suis furieux, c'est inadmissible", expect: "avertissement"),
            ])
        let simulation = e.simulate(scenario)
        #expect(simulation.steps.map(\.stepAfter) == [nil, "dialogue"])
        #expect(simulation.steps.map(\.meetsExpectation) == [true, false])
        #expect(simulation.passed == false)
        #expect(simulation.steps[1].at.secondsSince1970 - simulation.steps[0].at.secondsSince1970 == 3600)
    }

    @Test func theEscalationOfMoreFindingsResumesWhereTheFirstOnesLeftIt() throws {
        let e = try Self.crisisEngine()
        let first = post("Je suis furieuse, service nul", handle: "tremblay", actor: "mme-tremblay", at: "2026-03-02T10:00:00-05:00")
        let second = post("Je sais où vous habitez", handle: "tremblay", actor: "mme-tremblay", at: "2026-03-05T10:00:00-05:00")
        let events1 = e.events(of: first, e.check(first))
        let before = Escalation.replay(engine: e, events: events1)
        #expect(before.outcomes.map(\.stepID) == ["dialogue"])
        // The same findings and one more (a cumulative export): the first
        // decision again, with the same key, and one new step.
        let events2 = e.events(of: second, e.check(second))
        let after = Escalation.replay(engine: e, events: events1 + events2 + events1)
        #expect(after.outcomes.map(\.stepID) == ["dialogue", "avertissement"])
        #expect(after.outcomes[0].key == before.outcomes[0].key)
        #expect(after.incidents.count == 1)
        #expect(after.incidents[0].incident.currentStep == "avertissement")
        #expect(after.outcomes[1].at == second.timestamp)
    }

    @Test func aConditionErrorLeavesTheIncidentWhereItWas() throws {
        let e = try engine(header + """

            rule "r" { check = function(post, ctx) ctx:flag() end }
            incident "i" { opened_by = { "r" } }
            reaction "re" { on = "i", steps = {
              { id = "un" },
              { id = "deux", when = function(incident, events) return events[1].nothing.here end },
            } }
            """)
        let a = post("a", handle: "x", at: "2026-03-02T10:00:00Z")
        let b = post("b", handle: "x", at: "2026-03-02T11:00:00Z")
        let escalation = Escalation.replay(engine: e, events: e.events(of: a, e.check(a)) + e.events(of: b, e.check(b)))
        #expect(escalation.outcomes.map(\.stepID) == ["un", "deux"])
        let outcome = escalation.outcomes[1]
        #expect(outcome.error?.contains("test/policy.lua:6:") == true)
        #expect(escalation.incidents[0].incident.currentStep == "un")
    }
}

@Suite struct ExampleTests {
    @Test func rulesExamplesRunAsTests() throws {
        let e = try PolicyEngine(policyDirectory: fixture("policies/crise-client"), pluginPaths: pluginPaths, limits: testLimits)
        let results = e.runExamples()
        #expect(results.count == 9)
        let failing = results.filter { !$0.passed }.map { "\($0.ruleID): \($0.text)" }
        #expect(failing == [])
    }

    @Test func aWrongExampleFails() throws {
        let e = try engine(header + """

            rule "r" {
              check = function(post, ctx) if post.text:find("oui") then ctx:flag() end end,
              examples = { flag = { "oui", "non" }, pass = { "oui merci" } },
            }
            """)
        let results = e.runExamples()
        #expect(results.map(\.passed) == [true, false, false])
        #expect(results[1].expected == .flag)
        // at the line of the failing example
        #expect(results[1].location.line == 4)
    }
}

@Suite struct LintTests {
    @Test func theCrisisPolicyLintsWithOnlyItsCoverageGap() throws {
        let e = try ReactionTests.crisisEngine()
        let report = e.lint()
        #expect(report.failedExamples.isEmpty)
        #expect(report.failedSimulations.isEmpty)
        #expect(report.warnings.count == 3)
        #expect(report.warnings.contains { $0.hasSuffix(#"warning: no rule mitigates threat "concurrents-sur-linkedin""#) })
        #expect(report.isClean == false)
    }
}

@Suite struct PolicyTestFileTests {
    @Test func describeItCheckAndExpect() throws {
        let e = try ReactionTests.crisisEngine(testing: true)
        let results = try e.runTests(source: """
            describe("Règles de base", function()
              it("repère un numéro de téléphone", function()
                expect(check("Appelez-moi au 514 555-1234")).to_flag("telephone-personnel")
              end)
              it("laisse passer un message neutre", function()
                expect(check("Bonne journée à tous")).to_pass()
              end)
              describe("clients", function()
                it("repère une cliente qui s'emporte", function()
                  local r = check { text = "Service nul, je suis furieuse", actor = "mme-tremblay" }
                  expect(r).to_flag("client-s-emporte")
                  expect(r.findings[1].severity).to_equal("medium")
                end)
              end)
            end)
            it("échoue exprès", function()
              expect(check("Bonne journée")).to_flag("telephone-personnel")
            end)
            it("boucle", function() while true do end end)
            """, file: "tests/regles.lua")
        #expect(results.map(\.name) == [
            "Règles de base › repère un numéro de téléphone", "Règles de base › laisse passer un message neutre",
            "Règles de base › clients › repère une cliente qui s'emporte", "échoue exprès", "boucle",
        ])
        #expect(results.map(\.passed) == [true, true, true, false, false])
        #expect(results[3].location == SourceLocation(file: "tests/regles.lua", line: 16))
        #expect(results[3].message == #"tests/regles.lua:17: expected a finding of "telephone-personnel", got none — text «Bonne journée»"#)
        #expect(results[4].message?.contains("instruction limit") == true)
    }
}
