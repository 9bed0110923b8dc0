import Foundation
import VigieModel

/// The command line's own words, in French or English. They follow the
/// policy's language, so that they do not mix with what the policy says
/// (its titles, advice and reasons): French for a French policy, English
/// for an English one. A command without a policy (`vigie import`), or a
/// policy in another language, follows the environment (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`): French when it says French, English otherwise.
///
/// Error messages and `--help` stay in English; so do the JSON outputs' keys.
struct CLIWords {
    let french: Bool

    /// The words for a policy's language: French for French, English for
    /// English; for no policy (nil) or a policy in another language, the
    /// environment decides.
    init(policyLanguage: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let language = policyLanguage?.lowercased() ?? ""
        if language.hasPrefix("fr") {
            french = true
        } else if language.hasPrefix("en") {
            french = false
        } else {
            french = Self.environmentIsFrench(environment)
        }
    }

    init(french: Bool) { self.french = french }

    /// Whether the locale variables say French (the first one set wins, as in POSIX).
    static func environmentIsFrench(_ environment: [String: String]) -> Bool {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("fr") }
        }
        return false
    }

    var language: String { french ? "fr" : "en" }
    /// `Label : value` / `Label: value`.
    func labelled(_ label: String, _ value: String) -> String { french ? "\(label)\u{00A0}: \(value)" : "\(label): \(value)" }
    func quote(_ text: String) -> String { french ? "«\u{00A0}\(text)\u{00A0}»" : "“\(text)”" }

    // MARK: check

    func severity(_ severity: Severity) -> String {
        switch (french, severity) {
        case (false, _): severity.rawValue.uppercased()
        case (true, .critical): "CRITIQUE"
        case (true, .high): "ÉLEVÉE"
        case (true, .medium): "MOYENNE"
        case (true, .low): "FAIBLE"
        case (true, .info): "INFORMATION"
        }
    }

    var new: String { french ? "NOUVEAU" : "NEW" }
    var note: String { french ? "Remarque" : "Note" }
    var ruleFailure: String { french ? "échec d'une règle" : "rule failure" }
    var incidentsAndNextSteps: String { french ? "Incidents et prochaines étapes" : "Incidents and next steps" }
    var openIncidents: String { french ? "Incidents ouverts" : "Open incidents" }
    var unknownPerson: String { french ? "personne inconnue" : "unknown person" }
    var noStep: String { french ? "aucune étape" : "no step" }
    var held: String { french ? "en attente" : "held" }
    var unchanged: String { french ? "(inchangé par cette exécution)" : "(unchanged by this run)" }
    var skipped: String { french ? "ignoré" : "skipped" }
    var recorded: String { french ? "consigné" : "recorded" }

    func since(_ date: String) -> String { french ? "depuis le \(date)" : "since \(date)" }

    func conditionError(step: String, _ error: String) -> String {
        french
            ? "erreur dans la condition de l'étape \(step), l'incident reste où il était\u{00A0}: \(error)"
            : "error in the condition of step \(step), the incident stays where it was: \(error)"
    }

    func checkSummary(
        activities: Int, findings: Int, comparison: (new: Int, gone: Int, accepted: Int)?, failures: Int, skipped: Int,
        decisions: Int, run: (id: Int64, folder: String)?
    ) -> String {
        if french {
            var s = "\(count(activities, "activité examinée", "activités examinées")), \(count(findings, "constat", "constats"))"
            if let c = comparison {
                s += " (\(count(c.new, "nouveau", "nouveaux")) depuis la dernière exécution, \(count(c.gone, "disparu", "disparus")), \(count(c.accepted, "accepté", "acceptés")))"
            }
            s += ", \(count(failures, "échec de règle", "échecs de règle")), \(count(skipped, "enregistrement ignoré", "enregistrements ignorés")), \(count(decisions, "décision de réaction", "décisions de réaction"))"
            if let run { s += "\u{00A0}; exécution \(run.id) consignée dans \(run.folder)/.vigie/" }
            return s
        }
        var s = "\(activities) activities checked, \(findings) findings"
        if let c = comparison { s += " (\(c.new) new since the last run, \(c.gone) gone, \(c.accepted) accepted)" }
        s += ", \(failures) rule failures, \(skipped) records skipped, \(decisions) reaction decisions"
        if let run { s += "; run \(run.id) recorded in \(run.folder)/.vigie/" }
        return s
    }

    func failuresError(rules: Int, conditions: Int) -> String {
        french
            ? "erreur\u{00A0}: \(count(rules, "échec de règle", "échecs de règle")) et \(count(conditions, "condition de réaction en échec", "conditions de réaction en échec"))\u{00A0}: les constats peuvent être incomplets\u{00A0}; corrigez la politique, ou passez --allow-rule-failures pour les accepter"
            : "error: \(rules) rule failure(s) and \(conditions) failed reaction condition(s): the findings may be incomplete; fix the policy, or pass --allow-rule-failures to accept them"
    }

    /// `n` and the noun in the right number (French: 0 and 1 are singular).
    func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \((french ? n >= 2 : n != 1) ? plural : singular)"
    }

    // MARK: analyze

    func registerTitle(_ policy: String, _ version: String) -> String {
        french ? "Registre des menaces de \(policy) \(version)" : "Threat register of \(policy) \(version)"
    }

    func doesNotApply(_ reason: String?) -> String {
        let why = reason.map { french ? "\u{00A0}: \($0)" : ": \($0)" } ?? ""
        return french ? " (ne s'applique pas\(why))" : " (does not apply\(why))"
    }

    func scores(likelihood: Int, impact: Int, rules: String, reactions: String) -> String {
        french
            ? "vraisemblance \(likelihood) × impact \(impact)\u{00A0}; règles\u{00A0}: \(rules)\u{00A0}; réactions\u{00A0}: \(reactions)"
            : "likelihood \(likelihood) × impact \(impact); rules: \(rules); reactions: \(reactions)"
    }

    var none: String { french ? "aucune" : "none" }
    var noRuleMitigates: String { french ? "Aucune règle n'atténue" : "No rule mitigates" }
    var noReactionAnswers: String { french ? "Aucune réaction ne traite" : "No reaction answers" }

    // MARK: simulate

    var scenario: String { french ? "Scénario" : "Scenario" }
    var found: String { french ? "trouvé" : "found" }
    var nothing: String { french ? "rien" : "nothing" }

    func expectation(_ ok: Bool, expected: String, reached: String?) -> String {
        french
            ? "\(ok ? "✓" : "✗") attendu\u{00A0}: \(expected), atteint\u{00A0}: \(reached ?? "aucune étape")"
            : "\(ok ? "✓" : "✗") expected \(expected), reached \(reached ?? "none")"
    }

    // MARK: lint, report, charter, react

    func lintSummary(
        file: String, threats: Int, rules: Int, indicators: Int, reactions: Int, examples: Int, scenarios: Int, problems: Int
    ) -> String {
        french
            ? "\(file)\u{00A0}: \(count(threats, "menace", "menaces")), \(count(rules, "règle", "règles")), \(count(indicators, "indicateur", "indicateurs")), \(count(reactions, "réaction", "réactions")), \(count(examples, "exemple", "exemples")), \(count(scenarios, "scénario", "scénarios"))\u{00A0}; \(count(problems, "problème", "problèmes"))"
            : "\(file): \(threats) threats, \(rules) rules, \(indicators) indicators, \(reactions) reactions, \(examples) examples, \(scenarios) scenarios; \(problems) problem(s)"
    }

    func reportWritten(_ path: String, format: String, findings: Int, incidents: Int) -> String {
        french
            ? "rapport écrit dans \(path) (\(format), \(count(findings, "constat", "constats")), \(count(incidents, "incident", "incidents")))"
            : "report written to \(path) (\(format), \(findings) findings, \(incidents) incidents)"
    }

    func charterWritten(_ path: String, principles: Int, cards: Int, levels: Int) -> String {
        french
            ? "charte écrite dans \(path) (\(count(principles, "principe", "principes")), \(count(cards, "fiche de crise", "fiches de crise")), \(count(levels, "niveau", "niveaux")))"
            : "charter written to \(path) (\(principles) principles, \(cards) crisis cards, \(levels) levels)"
    }

    func nothingMoved(_ time: String) -> String {
        french
            ? "Aucun incident n'a bougé au \(time)\u{00A0}: aucune étape n'attend une échéance arrivée."
            : "No incident moved as of \(time): no step waits for a time that has come."
    }
}
