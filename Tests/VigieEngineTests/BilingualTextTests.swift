import Foundation
import LuaHost
import Testing
import VigieModel
import VigiePolicy

@testable import VigieEngine

/// Texts in French and English (`{ fr = ..., en = ... }`), picked by the
/// policy's language, and plugin parameters under their English names
/// (issue 20: plugins worded for one trade and in French only).
@Suite struct BilingualTextTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bundled = [root.appendingPathComponent("Plugins").path]

    static func rules(language: String) -> String {
        """
        policy { name = "deux-langues", version = "1.0.0", language = "\(language)" }
        rule "bilingue" {
          title = { fr = "Titre français", en = "English title" },
          description = { en = "Only in English" },
          charter = "Une seule langue",
          advice = { fr = "Conseil", en = "Advice" },
          check = function(post, ctx)
            if post.text:find("note") then
              ctx:flag { advice = { fr = "Conseil du moment", en = "Advice of the moment" },
                         note = { fr = "une remarque", en = "a note" } }
            elseif post.text:find("x") then
              ctx:flag {}
            end
          end,
        }
        incident "i" { opened_by = { "bilingue" } }
        reaction "r" {
          on = "i",
          steps = {
            { id = "un", title = { fr = "Premier", en = "First" }, advice = { fr = "Parler", en = "Talk" } },
            { id = "deux", when = "bilingue", record_reasons = true, reasons = { fr = "Encore", en = "Again" } },
          },
        }
        """
    }

    @Test(arguments: [("fr", "Titre français", "Conseil", "Premier", "Encore"), ("en", "English title", "Advice", "First", "Again")])
    func thePolicysLanguagePicksTheText(language: String, title: String, advice: String, step: String, reasons: String) throws {
        let e = try engine(Self.rules(language: language))
        let rule = try #require(e.declarations.rule("bilingue"))
        #expect(rule.texts.title == title)
        #expect(rule.advice == advice)
        // The other language when the policy's is missing; a plain text as it is.
        #expect(rule.texts.description == "Only in English")
        #expect(rule.texts.charter == "Une seule langue")
        let reaction = try #require(e.declarations.reactions.first)
        #expect(reaction.steps[0].title == step)
        #expect(reaction.steps[1].reasons == reasons)
        // What a rule flags with at run time too.
        let flagged = e.check(post("une note"))
        #expect(flagged.findings.first?.advice == (language == "fr" ? "Conseil du moment" : "Advice of the moment"))
        #expect(flagged.findings.first.flatMap { flagged.notes[$0.fingerprint] } == (language == "fr" ? "une remarque" : "a note"))
        #expect(e.check(post("x")).findings.first?.advice == advice)
    }

    @Test func aTextInAnotherLanguageOrShapeIsAnErrorAtItsField() throws {
        let german = loadError(header + "\nrule \"r\" {\n  check = function() end,\n  title = { de = \"Titel\", en = \"Title\" },\n}")
        #expect(german?.description.contains("test/policy.lua:4:") == true, "\(german?.description ?? "")")
        #expect(german?.description.contains("title in two languages is { fr = \"...\", en = \"...\" }; de is not a language of Vigie's") == true)
        let number = loadError(header + "\nrule \"r\" { check = function() end, advice = { 1, 2 } }")
        #expect(number?.description.contains("advice must be a text (a string), or { fr = \"...\", en = \"...\" }") == true)
        let extend = loadError(header + "\nrule \"r\" { check = function() end }\nextend \"r\" { title = { it = \"x\" } }")
        #expect(extend?.description.contains("extend \"r\": title") == true, "\(extend?.description ?? "")")
    }

    @Test func everyBundledPluginSpeaksFrenchAndEnglish() throws {
        func load(_ language: String) throws -> PolicyEngine {
            try PolicyEngine(
                source: """
                    policy { name = "tous", version = "1.0.0", language = "\(language)",
                             uses = { absences = {}, divulgation = {}, ["donnees-personnelles"] = {}, reputation = {} } }
                    local e = require "crise.echelles"
                    incident "i" { opened_by = { "chantage" } }
                    reaction "a" { on = "i", steps = e.dialogue_avertissement_exclusion { menaces = { "chantage" } } }
                    reaction "b" { on = "i", steps = e.malveillance { regles = { "chantage" } } }
                    reaction "c" { on = "i", steps = e.fuite { regles = { "chantage" }, grave = { "chantage" } } }
                    reaction "d" { on = "i", steps = e.sollicitation { regles = { "chantage" } } }
                    """,
                file: "tous/policy.lua", pluginPaths: Self.bundled, limits: testLimits)
        }
        let fr = try load("fr")
        let en = try load("en")
        let frRules = Dictionary(uniqueKeysWithValues: (fr.declarations.rules + fr.declarations.indicators).map { ($0.id, $0) })
        #expect(frRules.count == 21)
        for rule in en.declarations.rules + en.declarations.indicators {
            let french = try #require(frRules[rule.id])
            for (english, other, what) in [
                (rule.texts.title, french.texts.title, "title"), (rule.advice, french.advice, "advice"),
                (rule.texts.description, french.texts.description, "description"),
                (rule.texts.charter, french.texts.charter, "charter"),
            ] {
                #expect((english == nil) == (other == nil), "\(rule.id).\(what)")
                if let english, let other { #expect(english != other, "\(rule.id).\(what) is the same in both: \(english)") }
            }
            #expect(rule.texts.title != nil && rule.advice != nil, "\(rule.id)")
        }
        for plugin in en.declarations.plugins {
            let french = try #require(fr.declarations.plugins.first { $0.name == plugin.name })
            #expect(plugin.texts.title != french.texts.title, "\(plugin.name)")
            for parameter in plugin.parameters {
                #expect(parameter.englishName != nil, "\(plugin.name).\(parameter.name) has no English name")
                let other = french.parameters.first { $0.name == parameter.name }
                #expect(parameter.description != other?.description, "\(plugin.name).\(parameter.name)")
            }
        }
        // The ladders: every step's title and advice in both languages.
        for reaction in en.declarations.reactions {
            let french = try #require(fr.declarations.reactions.first { $0.id == reaction.id })
            for (step, other) in zip(reaction.steps, french.steps) {
                #expect(step.title != nil && step.advice != nil)
                // Two words are the same in both languages.
                if !["Dialogue", "Exclusion"].contains(step.title) { #expect(step.title != other.title, "\(reaction.id).\(step.id)") }
                #expect(step.advice != other.advice, "\(reaction.id).\(step.id)")
                #expect((step.reasons == nil) == (other.reasons == nil))
                if let reasons = step.reasons { #expect(reasons != other.reasons) }
            }
        }
        // No trade in the wording: nothing about cleaning or homes opened to us.
        for rule in fr.declarations.rules + fr.declarations.indicators {
            let words = [rule.texts.title, rule.texts.description, rule.texts.charter, rule.advice].compactMap { $0 }.joined(separator: " ")
            #expect(!words.contains("ménage") && !words.contains("ouvrent leur maison"), "\(rule.id): \(words)")
        }
    }

    @Test func theLaddersTakeTheirEnglishNamesAndOptions() throws {
        let e = try PolicyEngine(
            source: """
                policy { name = "ladders", version = "1.0.0", language = "en", uses = { reputation = {} } }
                local ladders = require "crise.echelles"
                incident "i" { opened_by = { "chantage" } }
                reaction "a" { on = "i", steps = ladders.dialogue_warning_exclusion { threatening = { "chantage" } } }
                reaction "b" { on = "i", steps = ladders.leak { rules = { "chantage" }, serious = { "chantage" }, repeats = 3 } }
                """,
            file: "ladders/policy.lua", pluginPaths: Self.bundled, limits: testLimits)
        let a = try #require(e.declarations.reactions.first { $0.id == "a" })
        #expect(a.steps.map(\.title) == ["Dialogue", "Warning", "Exclusion"])
        #expect(a.steps[1].whenIDs == ["chantage"])
        let b = try #require(e.declarations.reactions.first { $0.id == "b" })
        #expect(b.steps.map(\.title) == ["Remove the post", "Tell the person concerned", "Recall the rule", "Corrective plan"])
        #expect(b.steps[1].whenIDs == ["chantage"])
        let twice = loadError(
            """
            policy { name = "x", version = "1.0.0", uses = { reputation = {} } }
            local ladders = require "crise.echelles"
            incident "i" { opened_by = { "chantage" } }
            reaction "a" { on = "i", steps = ladders.fuite { regles = { "chantage" }, rules = { "chantage" } } }
            """, plugins: Self.bundled)
        #expect(twice?.description.contains("options regles and rules are the same, given twice") == true, "\(twice?.description ?? "")")
        let unknown = loadError(
            """
            policy { name = "x", version = "1.0.0", uses = { reputation = {} } }
            local ladders = require "crise.echelles"
            incident "i" { opened_by = { "chantage" } }
            reaction "a" { on = "i", steps = ladders.fuite { rulez = { "chantage" } } }
            """, plugins: Self.bundled)
        #expect(unknown?.description.contains("unknown option rulez; the options are grave (serious), regles (rules), repetitions (repeats)") == true, "\(unknown?.description ?? "")")
    }

    @Test func aParameterTakesItsEnglishName() throws {
        let given = """
            policy { name = "p", version = "1.0.0", language = "en",
                     uses = { ["donnees-personnelles"] = { public_numbers = { "902 555-0100" }, severity = "critical" } } }
            """
        let e = try engine(given, plugins: Self.bundled)
        let plugin = try #require(e.declarations.plugins.first)
        #expect(plugin.effectiveParameters["severite"] == .string("critical"))
        #expect(e.check(post("Call 902 555-0100")).findings.isEmpty)
        #expect(e.check(post("Call 902 555-0199")).findings.first?.severity == .critical)
        let both = loadError(
            """
            policy { name = "p", version = "1.0.0", uses = { absences = { threats = {}, menaces = {} } } }
            """, plugins: Self.bundled)
        #expect(both?.description.contains("plugin \"absences\": \"threats\" and \"menaces\" are the same parameter, given twice") == true)
        let typo = loadError(
            """
            policy { name = "p", version = "1.0.0", uses = { absences = { acess_terms = {} } } }
            """, plugins: Self.bundled)
        #expect(typo?.description.contains("plugin \"absences\" has no parameter \"acess_terms\"; did you mean \"access_terms\"?") == true,
                "\(typo?.description ?? "")")
    }

    @Test func theEnglishPolicyUsesThePluginsWithoutRetitlingThem() throws {
        let folder = Self.root.appendingPathComponent("Policies/northshore-physio").path
        let e = try PolicyEngine(policyDirectory: folder, pluginPaths: Self.bundled, limits: testLimits)
        let phone = try #require(e.declarations.rule("telephone-personnel"))
        #expect(phone.texts.title == "Personal phone number posted")
        #expect(phone.location.file.hasSuffix("Plugins/donnees-personnelles/init.lua"))
        #expect(phone.extendedAt == nil)
        let source = try String(contentsOfFile: folder + "/policy.lua", encoding: .utf8)
        // No extend gives a plugin's rule a title or a charter line.
        let extends = source.components(separatedBy: "extend \"").dropFirst().map { $0.prefix { $0 != "}" } }
        #expect(!extends.isEmpty)
        for body in extends { #expect(!body.contains("title =") && !body.contains("charter ="), "\(body)") }
        for rule in e.declarations.rules where rule.location.file.contains("/Plugins/") {
            #expect(rule.texts.title?.range(of: "[éèàç]", options: .regularExpression) == nil, "\(rule.id): \(rule.texts.title ?? "")")
        }
    }
}
