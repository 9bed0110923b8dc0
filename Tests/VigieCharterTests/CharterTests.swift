import Foundation
import Testing
import VigieEngine

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

    @Test(arguments: ["entretien-menager", "nordelia", "northshore-physio"])
    func everyRuleReactionAndLevelAppears(policy: String) throws {
        let engine = try Self.engine(policy)
        let charter = Charter(engine: engine)
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
        let french = CharterRenderer.render(Charter(engine: try Self.engine("entretien-menager")), format: .html)
        let english = CharterRenderer.render(Charter(engine: try Self.engine("northshore-physio")), format: .html)
        #expect(french.contains("<html lang=\"fr\">") && french.contains("Charte d'utilisation des médias sociaux"))
        #expect(english.contains("<html lang=\"en\">") && english.contains("Social-media usage charter"))
        #expect(english.contains("Only the clinic's number is ever published."))
    }

    @Test func doAndDontComeFromTheRulesOwnExamples() throws {
        let charter = Charter(engine: try Self.engine("entretien-menager"))
        let consent = try #require(charter.principles.first { $0.id == "consentement-client" })
        #expect(consent.dontExamples == [
            "Merci à Mme Tremblay pour sa confiance depuis trois ans !",
            "Les Lapointe sont partis au chalet, on en profite pour le grand ménage.",
        ])
        #expect(consent.doExamples.contains("Merci à M. Gagnon pour sa belle référence !"))
        #expect(consent.text == "On ne met le nom d'un client sur le Web qu'avec son accord ; les références se demandent d'abord.")
    }

    @Test func theConsentRegisterListsOnlyWhoConsented() throws {
        let charter = Charter(engine: try Self.engine("entretien-menager"))
        #expect(charter.consents == [
            .init(name: "M. Gagnon", date: "2026-01-15", scope: "Être cité comme référence sur la page Facebook et le site"),
        ])
    }

    @Test func crisisCardsGiveTheTriggerStepsConditionsAndWhatToRecord() throws {
        let charter = Charter(engine: try Self.engine("entretien-menager"))
        let card = try #require(charter.cards.first { $0.id == "client-mecontent" })
        #expect(card.trigger == "Un client mécontent s'exprime publiquement")
        #expect(card.steps.map(\.id) == ["dialogue", "avertissement", "exclusion"])
        #expect(card.steps[0].condition == nil)
        #expect(card.steps[1].condition == "si cela continue : Menaces ou intimidation")
        #expect(card.steps[2].recordReasons)
    }

    @Test func theQuizIsMadeOfTheRulesExamplesWithTheirReasons() throws {
        let charter = Charter(engine: try Self.engine("entretien-menager"))
        #expect(!charter.quiz.isEmpty && charter.quiz.count <= 12)
        #expect(charter.quiz.contains { $0.isProblem } && charter.quiz.contains { !$0.isProblem })
        let rules = Charter(engine: try Self.engine("entretien-menager")).principles
        for item in charter.quiz where item.isProblem {
            #expect(rules.contains { $0.dontExamples.contains(item.text) && $0.text == item.why })
        }
    }

    @Test func theDiffSaysWhatChangedForPeople() throws {
        let old = Charter(engine: try Self.engine("entretien-menager"))
        var new = old
        new.version = "1.2.0"
        new.principles.removeAll { $0.id == "courriel-personnel" }
        new.principles[0].text = "Un texte reformulé."
        new.consents.append(.init(name: "Mme Côté", date: "2026-06-01", scope: "Témoignage"))
        let diff = CharterDiff(old: old, new: new)
        #expect(diff.changes.contains("Retiré — principe : Courriel personnel publié"))
        #expect(diff.changes.contains("Modifié — principe : \(old.principles[0].title)"))
        #expect(diff.changes.contains("Nouveau — consentement : Mme Côté"))
        #expect(diff.rendered(old: old, new: new).hasPrefix("Ce qui change pour l'équipe : entretien-menager 1.1.0 → 1.2.0"))
        #expect(CharterDiff(old: old, new: old).changes.isEmpty)
    }
}
