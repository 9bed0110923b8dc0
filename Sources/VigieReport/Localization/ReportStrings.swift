import VigieModel

/// Every fixed text of a report, in one language. French strings go through
/// `FrenchTypography` (no-break spaces before `: ; ! ?` and inside « »).
struct ReportStrings: Sendable {
    let language: ReportLanguage

    var reportTitle: String
    var client: String
    var policy: String
    var generated: String
    var run: String
    var period: String
    var inputs: String
    var activitiesChecked: String
    var comparedWith: String
    var firstRun: String
    var summary: String
    var keyPoints: String
    var findings: String
    var newLabel: String
    var acceptedLabel: String
    var openIncidents: String
    var threats: String
    var riskMatrix: String
    var likelihood: String
    var impact: String
    var likelihoodShort: String
    var impactShort: String
    var score: String
    var level: String
    var number: String
    var threatRegister: String
    var threat: String
    var title: String
    var rules: String
    var reactions: String
    var bySeverity: String
    var byThreat: String
    var byPerson: String
    var noThreat: String
    var unknownPerson: String
    var total: String
    var rule: String
    var advice: String
    var note: String
    var source: String
    var record: String
    var line: String
    var fingerprint: String
    var acceptedBy: String
    var mitigates: String
    var author: String
    var platform: String
    var date: String
    var person: String
    var severity: String
    var evidence: String
    var incidents: String
    var status: String
    var currentStep: String
    var nextStep: String
    var reactionPlan: String
    var timeline: String
    var recordReasons: String
    var planComplete: String
    var noPlan: String
    var openedBy: String
    var coverage: String
    var mitigatedByRules: String
    var answeredByReactions: String
    var threatsWithoutRule: String
    var threatsWithoutReaction: String
    var everyThreatCovered: String
    var yes: String
    var no: String
    var skipped: String
    var item: String
    var reason: String
    var count: String
    var noFindings: String
    var noIncidents: String
    var noThreats: String
    var noSkipped: String
    var maskedNote: String
    var revealedNote: String
    var generatedBy: String
    var none: String
    var matrixCaption: String
    var contents: String
    var uncoveredThreats: String
    var automatic: String
    var serious: String

    static func strings(for language: ReportLanguage) -> ReportStrings {
        switch language {
        case .english: english
        case .french: french
        }
    }

    static let english = ReportStrings(
        language: .english,
        reportTitle: "Human security report", client: "Client", policy: "Policy", generated: "Generated",
        run: "Run", period: "Period", inputs: "Inputs", activitiesChecked: "Activities checked",
        comparedWith: "Compared with run", firstRun: "First run: every finding is new",
        summary: "Summary", keyPoints: "Key points", findings: "Findings", newLabel: "New",
        acceptedLabel: "Accepted", openIncidents: "Open incidents", threats: "Threats",
        riskMatrix: "Risk matrix", likelihood: "Likelihood", impact: "Impact", likelihoodShort: "L",
        impactShort: "I", score: "Score", level: "Level", number: "No.", threatRegister: "Threat register",
        threat: "Threat", title: "Title", rules: "Rules", reactions: "Reactions", bySeverity: "By severity",
        byThreat: "By threat", byPerson: "By person", noThreat: "(no threat)", unknownPerson: "(unidentified)",
        total: "Total", rule: "Rule", advice: "Advice", note: "Note", source: "Source", record: "record", line: "line",
        fingerprint: "Fingerprint", acceptedBy: "Accepted by", mitigates: "Mitigates", author: "Author",
        platform: "Platform", date: "Date", person: "Person", severity: "Severity", evidence: "Evidence",
        incidents: "Incidents", status: "Status", currentStep: "Current step", nextStep: "Next step",
        reactionPlan: "Reaction plan", timeline: "Timeline", recordReasons: "record the reasons",
        planComplete: "No further step: the plan is complete.", noPlan: "No reaction plan for this kind of incident.",
        openedBy: "Opened by", coverage: "Coverage of threats", mitigatedByRules: "Mitigated by rules",
        answeredByReactions: "Answered by reactions", threatsWithoutRule: "Threats without a rule",
        threatsWithoutReaction: "Threats without a reaction", everyThreatCovered: "Every threat has a rule and a reaction.",
        yes: "yes", no: "no", skipped: "Skipped", item: "Item", reason: "Reason", count: "Count",
        noFindings: "No findings.", noIncidents: "No incidents.", noThreats: "No threats declared.",
        noSkipped: "Nothing was skipped.",
        maskedNote: "Personal data (phones, e-mails, addresses, identifiers) is masked. Render the report with reveal to show it.",
        revealedNote: "Personal data is shown unmasked: handle this report as confidential.",
        generatedBy: "Generated by Vigie", none: "none",
        matrixCaption: "Each number is a threat of the register, placed in the cell of its likelihood and impact; the colour gives the level of the score (likelihood × impact).",
        contents: "Contents", uncoveredThreats: "Threats not fully covered", automatic: "Vigie (automatic)",
        serious: "High or critical")

    static let french = ReportStrings(
        language: .french,
        reportTitle: "Rapport de sécurité humaine", client: "Client", policy: "Politique", generated: "Produit le",
        run: "Exécution", period: "Période", inputs: "Sources", activitiesChecked: "Activités examinées",
        comparedWith: "Comparée à l'exécution", firstRun: "Première exécution : tous les constats sont nouveaux",
        summary: "Synthèse", keyPoints: "Points clés", findings: "Constats", newLabel: "Nouveau",
        acceptedLabel: "Accepté", openIncidents: "Incidents ouverts", threats: "Menaces",
        riskMatrix: "Matrice des risques", likelihood: "Vraisemblance", impact: "Impact", likelihoodShort: "V",
        impactShort: "I", score: "Score", level: "Niveau", number: "N°", threatRegister: "Registre des menaces",
        threat: "Menace", title: "Intitulé", rules: "Règles", reactions: "Réactions", bySeverity: "Par gravité",
        byThreat: "Par menace", byPerson: "Par personne", noThreat: "(aucune menace)", unknownPerson: "(non identifiée)",
        total: "Total", rule: "Règle", advice: "Conseil", note: "Remarque", source: "Source", record: "enregistrement",
        line: "ligne", fingerprint: "Empreinte", acceptedBy: "Accepté par", mitigates: "Atténue", author: "Auteur",
        platform: "Plateforme", date: "Date", person: "Personne", severity: "Gravité", evidence: "Extrait",
        incidents: "Incidents", status: "État", currentStep: "Étape actuelle", nextStep: "Prochaine étape",
        reactionPlan: "Plan de réaction", timeline: "Chronologie", recordReasons: "consigner les motifs",
        planComplete: "Aucune étape suivante : le plan est épuisé.", noPlan: "Aucun plan de réaction pour ce type d'incident.",
        openedBy: "Ouvert par", coverage: "Couverture des menaces", mitigatedByRules: "Atténuée par des règles",
        answeredByReactions: "Traitée par des réactions", threatsWithoutRule: "Menaces sans règle",
        threatsWithoutReaction: "Menaces sans réaction", everyThreatCovered: "Chaque menace a une règle et une réaction.",
        yes: "oui", no: "non", skipped: "Éléments ignorés", item: "Élément", reason: "Motif", count: "Nombre",
        noFindings: "Aucun constat.", noIncidents: "Aucun incident.", noThreats: "Aucune menace déclarée.",
        noSkipped: "Rien n'a été ignoré.",
        maskedNote: "Les données personnelles (téléphones, courriels, adresses, identifiants) sont masquées. Produisez le rapport avec l'option reveal pour les afficher.",
        revealedNote: "Les données personnelles sont affichées en clair : ce rapport est confidentiel.",
        generatedBy: "Produit par Vigie", none: "aucune",
        matrixCaption: "Chaque numéro est une menace du registre, placée dans la case de sa vraisemblance et de son impact ; la couleur donne le niveau du score (vraisemblance × impact).",
        contents: "Sommaire", uncoveredThreats: "Menaces non couvertes", automatic: "Vigie (automatique)",
        serious: "Élevée ou critique"
    ).typeset()

    /// Applies French typography to every string.
    func typeset() -> ReportStrings {
        var copy = self
        for path in Self.texts { copy[keyPath: path] = FrenchTypography.apply(copy[keyPath: path]) }
        return copy
    }

    /// Every text of the table, with its name (for tests).
    var all: [(String, String)] {
        Mirror(reflecting: self).children.compactMap { child in
            (child.value as? String).map { (child.label ?? "?", $0) }
        }
    }

    // MARK: Values

    func severity(_ severity: Severity) -> String {
        switch (language, severity) {
        case (.english, .critical): "Critical"
        case (.english, .high): "High"
        case (.english, .medium): "Medium"
        case (.english, .low): "Low"
        case (.english, .info): "Info"
        case (.french, .critical): "Critique"
        case (.french, .high): "Élevée"
        case (.french, .medium): "Moyenne"
        case (.french, .low): "Faible"
        case (.french, .info): "Information"
        }
    }

    func action(_ action: Decision.Action) -> String {
        switch (language, action) {
        case (.english, .opened): "opened"
        case (.english, .escalated): "escalated"
        case (.english, .deescalated): "de-escalated"
        case (.english, .resolved): "resolved"
        case (.english, .closed): "closed"
        case (.english, .note): "note"
        case (.english, .held): "held"
        case (.english, .resumed): "resumed"
        case (.french, .opened): "ouverture"
        case (.french, .escalated): "escalade"
        case (.french, .deescalated): "désescalade"
        case (.french, .resolved): "résolution"
        case (.french, .closed): "clôture"
        case (.french, .held): "mise en attente"
        case (.french, .resumed): "reprise"
        case (.french, .note): "note"
        }
    }

    func status(_ status: Incident.Status) -> String {
        switch (language, status) {
        case (.english, .open): "open"
        case (.english, .resolved): "resolved"
        case (.english, .closed): "closed"
        case (.french, .open): "ouvert"
        case (.french, .resolved): "résolu"
        case (.french, .closed): "clos"
        }
    }

    func kind(_ kind: ActivityKind) -> String {
        DisplayNames.kind(kind, language: language.rawValue)
    }

    func platform(_ platform: Platform) -> String {
        DisplayNames.platform(platform, language: language.rawValue)
    }

    /// The level of a score on Vigie's one risk scale, in the report's language.
    func riskLevel(score: Int) -> String {
        RiskLevel(score: score).name(language: language.rawValue)
    }

    /// `n` and the noun in the right number.
    func counted(_ n: Int, _ singular: String, _ plural: String) -> String {
        let isPlural = language == .french ? n >= 2 : n != 1
        return "\(n) \(isPlural ? plural : singular)"
    }

    func countFindings(_ n: Int) -> String {
        language == .french ? counted(n, "constat", "constats") : counted(n, "finding", "findings")
    }

    // MARK: Sentences of the key points

    func newSince(_ n: Int, baseline: String?) -> String {
        switch language {
        case .english:
            let noun = counted(n, "new finding", "new findings")
            return baseline.map { "\(noun) since run \($0)." } ?? "\(noun) (first run)."
        case .french:
            let noun = counted(n, "nouveau constat", "nouveaux constats")
            return FrenchTypography.apply(baseline.map { "\(noun) depuis l'exécution \($0)." } ?? "\(noun) (première exécution).")
        }
    }

    func seriousFindings(_ n: Int) -> String {
        switch language {
        case .english: "\(counted(n, "finding", "findings")) of high or critical severity."
        case .french: "\(counted(n, "constat", "constats")) de gravité élevée ou critique."
        }
    }

    func topThreat(_ title: String, score: Int) -> String {
        let level = riskLevel(score: score).lowercased()
        switch language {
        case .english: return "Highest risk: \(title) (score \(score) of 25, \(level))."
        case .french: return FrenchTypography.apply("Risque le plus fort : \(title) (score \(score) sur 25, \(level)).")
        }
    }

    /// The threats no rule or no reaction covers, by title.
    func uncovered(rules: [String], reactions: [String]) -> [String] {
        var lines: [String] = []
        switch language {
        case .english:
            if !rules.isEmpty { lines.append("No rule mitigates \(counted(rules.count, "threat", "threats")): \(rules.joined(separator: "; ")).") }
            if !reactions.isEmpty { lines.append("No reaction answers \(counted(reactions.count, "threat", "threats")): \(reactions.joined(separator: "; ")).") }
        case .french:
            if !rules.isEmpty { lines.append(FrenchTypography.apply("Aucune règle n'atténue \(counted(rules.count, "menace", "menaces")) : \(rules.joined(separator: " ; ")).")) }
            if !reactions.isEmpty { lines.append(FrenchTypography.apply("Aucune réaction ne traite \(counted(reactions.count, "menace", "menaces")) : \(reactions.joined(separator: " ; ")).")) }
        }
        return lines
    }

    /// `Karine Ouellet — Une information a circulé : prochaine étape « Prévenir ».`
    func incidentNext(_ incident: String, step: String) -> String {
        switch language {
        case .english: "\(incident): next step “\(step)”."
        case .french: FrenchTypography.apply("\(incident) : prochaine étape \(FrenchTypography.quote(step)).")
        }
    }

    /// `… and 3 more open incidents (see Incidents).`
    func moreIncidents(_ n: Int) -> String {
        switch language {
        case .english: "… and \(counted(n, "more open incident", "more open incidents")) (see Incidents)."
        case .french: "… et \(counted(n, "autre incident ouvert", "autres incidents ouverts")) (voir Incidents)."
        }
    }

    func quote(_ text: String) -> String {
        language == .french ? FrenchTypography.quote(text) : "“\(text)”"
    }

    /// `n° 12` / `no. 12`.
    func runNumber(_ id: String) -> String {
        language == .french ? "n°\u{00A0}\(id)" : "no. \(id)"
    }

    /// What the zone is said under, once per report.
    var timesLabel: String { language == .french ? "Heures" : "Times" }

    /// `Heures : heure de l’Est (America/Toronto)`.
    func zoneNote(_ dates: DateStyle) -> String { labelled(timesLabel, dates.clock.name(language: language.rawValue)) }

    /// `Label: value` with the language's spacing.
    func labelled(_ label: String, _ value: String) -> String {
        language == .french ? "\(label)\u{00A0}: \(value)" : "\(label): \(value)"
    }

    /// Every stored text (typeset in French; listed for tests).
    static var texts: [WritableKeyPath<ReportStrings, String>] {[
        \.reportTitle,
        \.client,
        \.policy,
        \.generated,
        \.run,
        \.period,
        \.inputs,
        \.activitiesChecked,
        \.comparedWith,
        \.firstRun,
        \.summary,
        \.keyPoints,
        \.findings,
        \.newLabel,
        \.acceptedLabel,
        \.openIncidents,
        \.threats,
        \.riskMatrix,
        \.likelihood,
        \.impact,
        \.likelihoodShort,
        \.impactShort,
        \.score,
        \.level,
        \.number,
        \.threatRegister,
        \.threat,
        \.title,
        \.rules,
        \.reactions,
        \.bySeverity,
        \.byThreat,
        \.byPerson,
        \.noThreat,
        \.unknownPerson,
        \.total,
        \.rule,
        \.advice,
        \.note,
        \.source,
        \.record,
        \.line,
        \.fingerprint,
        \.acceptedBy,
        \.mitigates,
        \.author,
        \.platform,
        \.date,
        \.person,
        \.severity,
        \.evidence,
        \.incidents,
        \.status,
        \.currentStep,
        \.nextStep,
        \.reactionPlan,
        \.timeline,
        \.recordReasons,
        \.planComplete,
        \.noPlan,
        \.openedBy,
        \.coverage,
        \.mitigatedByRules,
        \.answeredByReactions,
        \.threatsWithoutRule,
        \.threatsWithoutReaction,
        \.everyThreatCovered,
        \.yes,
        \.no,
        \.skipped,
        \.item,
        \.reason,
        \.count,
        \.noFindings,
        \.noIncidents,
        \.noThreats,
        \.noSkipped,
        \.maskedNote,
        \.revealedNote,
        \.generatedBy,
        \.none,
        \.matrixCaption,
        \.contents,
        \.uncoveredThreats,
        \.automatic,
        \.serious
    ]}
}
