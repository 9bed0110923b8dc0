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
        #expect(charter.levels.compactMap(\.id) == levels)
        // Levels by their names for people, in the charter's language.
        for level in charter.levels {
            #expect(html.contains("<th>\(CharterRenderer.e(level.name))</th>"))
            #expect(level.name != level.id || ["public", "secret"].contains(level.id ?? ""))
        }
        // The version it was made from, and nothing fetched from the network.
        #expect(html.contains(d.manifest.version))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func theCharterFollowsThePolicysLanguage() throws {
        let french = CharterRenderer.render(try Self.charter("entretien-menager"), format: .html)
        let english = CharterRenderer.render(try Self.charter("northshore-physio"), format: .html)
        #expect(french.contains("<html lang=\"fr\">") && french.contains("Charte d'utilisation des médias sociaux"))
        #expect(english.contains("<html lang=\"en\">") && english.contains("Social-media usage charter"))
        // The plugins' own English lines, without the policy re-wording them.
        #expect(english.contains("Never post your own number or anyone else&#39;s: only the organisation&#39;s number goes out.")
            || english.contains("Never post your own number or anyone else's: only the organisation's number goes out."))
    }

    @Test func doAndDontComeFromTheRulesOwnExamples() throws {
        let charter = try Self.charter("entretien-menager")
        let consent = try #require(charter.principles.first { $0.id == "consentement-client" })
        #expect(consent.dontExamples == [
            "Merci à Mme Tremblay pour sa confiance depuis trois ans !", "Merci Sylvie pour ta confiance !",
            "Un grand merci à M. Gagnon, fidèle client depuis 2019 !",
            "Les Lapointe sont partis au chalet, on en profite pour le grand ménage.",
        ])
        #expect(consent.doExamples == ["Merci à M. Gagnon pour sa belle référence !", "Merci à tous nos clients de Laval !"])
        #expect(consent.text.hasPrefix("On ne met le nom d'un client sur le Web qu'avec son accord"))
    }

    /// A pass example only says what one rule does not flag: "C'est quoi le
    /// code de la porte ?" passes the phone rule but is no good practice.
    /// Only the pass examples their authors mark `good_practice` are "do".
    @Test func onlyMarkedPassExamplesAreShownAsGoodPractice() throws {
        let engine = try Self.engine("entretien-menager")
        let charter = Charter(declarations: engine.declarations, profile: engine.profile)
        let marked = Set(engine.declarations.rules.flatMap { $0.passExamples.filter(\.goodPractice).map(\.text) })
        let unmarked = Set(engine.declarations.rules.flatMap { $0.passExamples.filter { !$0.goodPractice }.map(\.text) })
        #expect(!unmarked.isEmpty)
        for principle in charter.principles {
            for example in principle.doExamples { #expect(marked.contains(example), "\(example) is not marked") }
        }
        for item in charter.quiz where !item.isProblem { #expect(marked.contains(item.text)) }
        let html = CharterRenderer.render(charter, format: .html)
        #expect(html.contains("✓ À faire</span>"))
        for text in unmarked.subtracting(marked) {
            #expect(!html.contains("✓ À faire</span> «\u{00A0}\(CharterRenderer.e(text))"), "\(text)")
        }
    }

    /// Plugins serve clients in several languages: a French client's charter
    /// shows no English example, an English client's no French one.
    @Test(arguments: ["entretien-menager", "nordelia", "northshore-physio"])
    func examplesAreOnlyInThePolicysLanguage(policy: String) throws {
        let charter = try Self.charter(policy)
        let texts = charter.principles.flatMap { $0.doExamples + $0.dontExamples } + charter.quiz.map(\.text)
        #expect(!texts.isEmpty)
        for text in texts {
            let guess = ExampleLanguage.guess(text)
            #expect(guess == nil || guess == charter.language, "\(policy): \(text) looks \(guess ?? "?")")
        }
        if policy == "entretien-menager" {
            #expect(!texts.contains("Hi, who are your clients in Sainte-Rose?"))
            #expect(!texts.contains("You'll regret this, watch your back."))
        }
    }

    @Test func theGuessOfAnExamplesLanguage() {
        #expect(ExampleLanguage.guess("Hi, who are your clients in Sainte-Rose?") == "en")
        #expect(ExampleLanguage.guess("Vous faites le ménage chez les Tremblay ?") == "fr")
        #expect(ExampleLanguage.guess("514 555-0142") == nil)
    }

    @Test func theConsentRegisterGivesScopeStartExpiryAndWithdrawal() throws {
        let charter = try Self.charter("entretien-menager")
        #expect(charter.consents == [
            .init(
                name: "M. Gagnon", date: "15\u{00A0}janvier\u{00A0}2026",
                scope: "Être cité comme référence sur la page Facebook et le site", platforms: ["Facebook", "site Web"],
                uses: ["Références de clients"], until: "14\u{00A0}janvier\u{00A0}2027"),
            .init(
                name: "Mme Côté", date: "1er\u{00A0}juin\u{00A0}2025",
                scope: "Témoignage sur la page Facebook (retiré en février 2026)", platforms: ["Facebook"],
                uses: ["Références de clients"], withdrawn: "1er\u{00A0}février\u{00A0}2026"),
        ])
        let html = CharterRenderer.render(charter, format: .html)
        #expect(html.contains("Accord retiré le 1er\u{00A0}février\u{00A0}2026"))
        #expect(html.contains("Jusqu'au 14\u{00A0}janvier\u{00A0}2027"))
    }

    @Test(arguments: ["entretien-menager", "nordelia", "northshore-physio"])
    func platformsChannelsAndLevelsAreNamedForPeople(policy: String) throws {
        let charter = try Self.charter(policy)
        let html = CharterRenderer.render(charter, format: .html)
        let markdown = CharterRenderer.render(charter, format: .markdown)
        // What people read: no identifiers of platforms, visibilities or levels…
        let body = try #require(html.components(separatedBy: "</style>").last)
        let text = body.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        // (In English some names are the identifiers' words: "followers only".)
        let ids = charter.language == "fr"
            ? ["website", "unlisted", "followers", "confidential", "internal", "direct-message", "service-client"]
            : ["unlisted", "direct-message", "service-client"]
        for id in ids {
            #expect(!text.contains(" \(id) ") && !text.contains(" \(id),") && !text.contains(": \(id)"), "\(policy): \(id)")
        }
        // …no wildcard printed as a channel, and the negation of French whole.
        #expect(!text.contains("*") && !markdown.contains(", *"))
        #expect(!text.contains("peut circuler sur aucun"))
        if charter.language == "fr" { #expect(!text.contains("website") && !text.contains("linkedin")) }
        // The classification's own sentence for the charter.
        if let sentence = charter.classification?.text { #expect(html.contains(CharterRenderer.e(sentence))) }
    }

    @Test func theClassificationsSentenceIsShown() throws {
        let charter = try Self.charter("nordelia")
        let sentence = try #require(charter.classification?.text)
        #expect(sentence.hasPrefix("Chaque information a un niveau"))
        #expect(CharterRenderer.render(charter, format: .markdown).contains(sentence))
    }

    /// The quiz's answers are in the page, not in a folded element: they print.
    @Test func quizAnswersPrint() throws {
        let charter = try Self.charter("entretien-menager")
        let html = CharterRenderer.render(charter, format: .print)
        #expect(!html.contains("<details"))
        #expect(html.contains("<div class=\"answers\"><h3>Réponses</h3>"))
        for item in charter.quiz { #expect(html.contains(CharterRenderer.e(item.why))) }
        // Headings stay with what follows them on paper.
        #expect(html.contains("h2, h3 { break-after: avoid; page-break-after: avoid; }"))
    }

    @Test func crisisCardsGiveTheTriggerStepsConditionsAndWhatToRecord() throws {
        let charter = try Self.charter("entretien-menager")
        let card = try #require(charter.cards.first { $0.id == "client-mecontent" })
        #expect(card.trigger == "Un client mécontent s'exprime publiquement")
        #expect(card.steps.map(\.id) == ["dialogue", "avertissement", "exclusion"])
        #expect(card.steps[0].condition == nil)
        #expect(card.steps[1].condition == "si cela continue\u{00A0}: Menaces ou intimidation")
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
        var old = try Self.charter("entretien-menager")
        old.consents.removeAll { $0.name == "Mme Côté" }
        var new = old
        new.version = "1.2.0"
        new.principles.removeAll { $0.id == "courriel-personnel" }
        new.principles[0].text = "Un texte reformulé."
        new.consents.append(.init(name: "Mme Côté", date: "2026-06-01", scope: "Témoignage"))
        let diff = CharterDiff(old: old, new: new)
        #expect(diff.changes.contains("Retiré — principe\u{00A0}: Courriel personnel publié"))
        #expect(diff.changes.contains("Modifié — principe\u{00A0}: \(old.principles[0].title)"))
        #expect(diff.changes.contains("Nouveau — consentement\u{00A0}: Mme Côté"))
        // What changed, old and new text.
        let changed = try #require(diff.entries.first { $0.headline.hasPrefix("Modifié — principe") })
        #expect(changed.details == [.init(part: "texte", old: old.principles[0].text, new: "Un texte reformulé.")])
        let rendered = diff.rendered(old: old, new: new)
        #expect(rendered.hasPrefix("Ce qui change pour l'équipe\u{00A0}: Éclat Net — sécurité humaine sur les médias sociaux 1.1.0 → 1.2.0"))
        #expect(rendered.contains("    texte\n      avant\u{00A0}: \(old.principles[0].text)\n      après\u{00A0}: Un texte reformulé.\n"))
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
        // Without a register, the threat's fixed scores are unknown here: no level.
        #expect(charter.threats.map(\.level) == [nil])
        // The pass example is not marked good practice: not a "do".
        #expect(charter.principles[0].doExamples.isEmpty)
        #expect(charter.roles.isEmpty && charter.consents.isEmpty && charter.levels.isEmpty)
        #expect(CharterRenderer.render(charter, format: .markdown).contains("No home address"))
    }
}
