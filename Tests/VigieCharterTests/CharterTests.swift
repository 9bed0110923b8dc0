import Foundation
import Testing
import VigieEngine
import VigieModel
import VigiePolicy

@testable import VigieCharter

@Suite("The documents people read")
struct CharterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func engine(_ policy: String) throws -> PolicyEngine {
        try PolicyEngine(
            policyDirectory: root.appendingPathComponent("Policies/\(policy)").path,
            pluginPaths: [root.appendingPathComponent("Plugins").path])
    }

    /// The charter of a bundled policy, loaded by the engine.
    static func charter(_ policy: String) throws -> Charter {
        let engine = try engine(policy)
        return Charter(declarations: engine.declarations, profile: engine.profile)
    }

    @Test(arguments: ["entretien-menager", "nordelia", "northshore-physio"])
    func everyRuleReactionAndLevelAppears(policy: String) throws {
        let engine = try Self.engine(policy)
        let charter = Charter(declarations: engine.declarations, profile: engine.profile)
        let html = CharterRenderer.render(charter, format: .html)
        let markdown = CharterRenderer.render(charter, format: .markdown)
        let d = engine.declarations
        let rules = d.rules.filter { !$0.disabled }
        #expect(charter.principles.count == rules.count)
        for rule in rules {
            #expect(html.contains("id=\"rule-\(rule.id)\""), "rule \(rule.id) missing")
            #expect(markdown.contains(rule.texts.title ?? rule.id))
        }
        let reactions = d.reactions.filter { !$0.disabled }
        #expect(charter.cards.count == reactions.count)
        for reaction in reactions {
            #expect(html.contains("id=\"card-\(reaction.id)\""), "reaction \(reaction.id) missing")
            for step in reaction.steps { #expect(html.contains(CharterRenderer.e(step.title ?? step.id))) }
        }
        let levels = try #require(d.classification?.levels)
        #expect(charter.levels.map(\.name) == levels)
        for level in levels { #expect(html.contains("<th>\(level)</th>")) }
        // The version it was made from, and nothing fetched from the network.
        #expect(html.contains(d.manifest.version))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func theCharterFollowsThePolicysLanguage() throws {
        let french = CharterRenderer.render(try Self.charter("entretien-menager"), format: .html)
        let english = CharterRenderer.render(try Self.charter("northshore-physio"), format: .html)
        #expect(french.contains("<html lang=\"fr\">") && french.contains("Charte d'utilisation des médias sociaux"))
        #expect(english.contains("<html lang=\"en\">") && english.contains("Social-media usage charter"))
        #expect(english.contains("Only the clinic's number is ever published."))
    }

    @Test func doAndDontComeFromTheRulesOwnExamples() throws {
        let charter = try Self.charter("entretien-menager")
        let consent = try #require(charter.principles.first { $0.id == "consentement-client" })
        #expect(consent.dontExamples == ["Merci à Mme Tremblay pour sa confiance depuis trois ans !"])
        #expect(consent.doExamples.contains("Merci à M. Gagnon pour sa belle référence !"))
        #expect(consent.text == "On ne met le nom d'un client sur le Web qu'avec son accord ; les références se demandent d'abord.")
    }

    @Test func theConsentRegisterListsOnlyWhoConsented() throws {
        let charter = try Self.charter("entretien-menager")
        #expect(charter.consents == [
            .init(name: "M. Gagnon", date: "2026-01-15", scope: "Être cité comme référence sur la page Facebook et le site"),
        ])
    }

    @Test func crisisCardsGiveTheTriggerStepsConditionsAndWhatToRecord() throws {
        let charter = try Self.charter("entretien-menager")
        let card = try #require(charter.cards.first { $0.id == "client-mecontent" })
        #expect(card.trigger == "Un client mécontent s'exprime publiquement")
        #expect(card.steps.map(\.id) == ["dialogue", "avertissement", "exclusion"])
        #expect(card.steps[0].condition == nil)
        #expect(card.steps[1].condition == "si cela continue : Menaces ou intimidation")
        #expect(card.steps[2].recordReasons)
    }

    @Test func theQuizIsMadeOfTheRulesExamplesWithTheirReasons() throws {
        let charter = try Self.charter("entretien-menager")
        #expect(!charter.quiz.isEmpty && charter.quiz.count <= 12)
        #expect(charter.quiz.contains { $0.isProblem } && charter.quiz.contains { !$0.isProblem })
        let rules = try Self.charter("entretien-menager").principles
        for item in charter.quiz where item.isProblem {
            #expect(rules.contains { $0.dontExamples.contains(item.text) && $0.text == item.why })
        }
    }

    @Test func theDiffSaysWhatChangedForPeople() throws {
        let old = try Self.charter("entretien-menager")
        var new = old
        new.version = "1.1.0"
        new.principles.removeAll { $0.id == "courriel-personnel" }
        new.principles[0].text = "Un texte reformulé."
        new.consents.append(.init(name: "Mme Côté", date: "2026-06-01", scope: "Témoignage"))
        let diff = CharterDiff(old: old, new: new)
        #expect(diff.changes.contains("Retiré — principe : Courriel personnel publié"))
        #expect(diff.changes.contains("Modifié — principe : \(old.principles[0].title)"))
        #expect(diff.changes.contains("Nouveau — consentement : Mme Côté"))
        #expect(diff.rendered(old: old, new: new).hasPrefix("Ce qui change pour l'équipe : entretien-menager 1.0.0 → 1.1.0"))
        #expect(CharterDiff(old: old, new: old).changes.isEmpty)
    }

    /// The charter needs no Lua: declarations made in Swift compile too.
    @Test func declarationsAloneMakeACharter() throws {
        let at = SourceLocation(file: "policy.lua", line: 1)
        let d = PolicyDeclarations(
            manifest: PolicyManifest(name: "atelier", version: "2.0.0", language: "en", location: at),
            threats: [ThreatDeclaration(id: "doxxing", texts: DeclarationTexts(title: "Home address found"), location: at)],
            rules: [
                RuleDeclaration(
                    id: "no-address", texts: DeclarationTexts(title: "No home address", charter: "Never post where you live."),
                    location: at, severity: .high, mitigates: ["doxxing"],
                    flagExamples: [RuleExample(text: "I live at 12 Elm St")], passExamples: [RuleExample(text: "See you at the shop")]),
                RuleDeclaration(id: "off", location: at, severity: .low, disabled: true),
            ],
            incidents: [IncidentDeclaration(id: "exposed", texts: DeclarationTexts(title: "Address exposed"), location: at,
                                            openedBy: ["no-address"], severity: .high)],
            reactions: [ReactionDeclaration(
                id: "remove", texts: DeclarationTexts(title: "Take it down"), location: at, on: "exposed",
                answers: ["doxxing"],
                steps: [ReactionStepDeclaration(id: "delete", title: "Delete the post"),
                        ReactionStepDeclaration(id: "report", whenIDs: ["no-address"], recordReasons: true)])])
        let charter = Charter(declarations: d, profile: nil)
        #expect(charter.language == "en" && charter.organisation == "atelier" && charter.version == "2.0.0")
        #expect(charter.principles.map(\.id) == ["no-address"])
        #expect(charter.principles[0].text == "Never post where you live.")
        #expect(charter.principles[0].dontExamples == ["I live at 12 Elm St"])
        #expect(charter.cards.map(\.trigger) == ["Address exposed"])
        #expect(charter.cards[0].answers == ["Home address found"])
        #expect(charter.cards[0].steps.map(\.condition) == [nil, "if it goes on: No home address"])
        #expect(charter.roles.isEmpty && charter.consents.isEmpty && charter.levels.isEmpty)
        #expect(CharterRenderer.render(charter, format: .markdown).contains("No home address"))
    }
}
