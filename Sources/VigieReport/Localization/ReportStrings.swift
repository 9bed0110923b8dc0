import VigieModel

/// Every fixed text of a report, in one language. French strings go through
/// `FrenchTypography` (no-break spaces before `: ; ! ?` and inside « »).
struct ReportStrings: Sendable {
    let language: ReportLanguage

    let reportTitle: String
    let client: String
    let policy: String
    let generated: String
    let run: String
    let period: String
    let inputs: String
    let activitiesChecked: String
    let comparedWith: String
    let firstRun: String
    let summary: String
    let keyPoints: String
    let findings: String
    let newLabel: String
    let acceptedLabel: String
    let openIncidents: String
    let threats: String
    let riskMatrix: String
    let likelihood: String
    let impact: String
    let likelihoodShort: String
    let impactShort: String
    let score: String
    let threatRegister: String
    let threat: String
    let title: String
    let rules: String
    let reactions: String
    let bySeverity: String
    let byThreat: String
    let byPerson: String
    let noThreat: String
    let unknownPerson: String
    let total: String
    let rule: String
    let advice: String
    let source: String
    let record: String
    let line: String
    let fingerprint: String
    let acceptedBy: String
    let mitigates: String
    let author: String
    let platform: String
    let date: String
    let person: String
    let severity: String
    let evidence: String
    let incidents: String
    let status: String
    let currentStep: String
    let nextStep: String
    let reactionPlan: String
    let timeline: String
    let recordReasons: String
    let planComplete: String
    let noPlan: String
    let openedBy: String
    let coverage: String
    let mitigatedByRules: String
    let answeredByReactions: String
    let threatsWithoutRule: String
    let threatsWithoutReaction: String
    let everyThreatCovered: String
    let yes: String
    let no: String
    let skipped: String
    let item: String
    let reason: String
    let count: String
    let noFindings: String
    let noIncidents: String
    let noThreats: String
    let noSkipped: String
    let maskedNote: String
    let revealedNote: String
    let generatedBy: String
    let none: String
    let riskLow: String
    let riskModerate: String
    let riskHigh: String
    let riskCritical: String
    let matrixCaption: String
    let contents: String
    let uncoveredThreats: String

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
        impactShort: "I", score: "Score", threatRegister: "Threat register", threat: "Threat", title: "Title",
        rules: "Rules", reactions: "Reactions", bySeverity: "By severity", byThreat: "By threat",
        byPerson: "By person", noThreat: "(no threat)", unknownPerson: "(unidentified)", total: "Total",
        rule: "Rule", advice: "Advice", source: "Source", record: "record", line: "line",
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
        generatedBy: "Generated by Vigie", none: "none", riskLow: "Low", riskModerate: "Moderate",
        riskHigh: "High", riskCritical: "Critical",
        matrixCaption: "Each threat sits in the cell of its likelihood and impact; the colour gives the score (likelihood × impact).",
        contents: "Contents", uncoveredThreats: "Threats not fully covered")

    static let french = ReportStrings(
        language: .french,
        reportTitle: "Rapport de sécurité humaine", client: "Client", policy: "Politique", generated: "Produit le",
        run: "Exécution", period: "Période", inputs: "Sources", activitiesChecked: "Activités examinées",
        comparedWith: "Comparée à l'exécution", firstRun: "Première exécution : tous les constats sont nouveaux",
        summary: "Synthèse", keyPoints: "Points clés", findings: "Constats", newLabel: "Nouveau",
        acceptedLabel: "Accepté", openIncidents: "Incidents ouverts", threats: "Menaces",
        riskMatrix: "Matrice des risques", likelihood: "Vraisemblance", impact: "Impact", likelihoodShort: "V",
        impactShort: "I", score: "Score", threatRegister: "Registre des menaces", threat: "Menace", title: "Intitulé",
        rules: "Règles", reactions: "Réactions", bySeverity: "Par gravité", byThreat: "Par menace",
        byPerson: "Par personne", noThreat: "(aucune menace)", unknownPerson: "(non identifiée)", total: "Total",
        rule: "Règle", advice: "Conseil", source: "Source", record: "enregistrement", line: "ligne",
        fingerprint: "Empreinte", acceptedBy: "Accepté par", mitigates: "Atténue", author: "Auteur",
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
        generatedBy: "Produit par Vigie", none: "aucune", riskLow: "Faible", riskModerate: "Modéré",
        riskHigh: "Élevé", riskCritical: "Critique",
        matrixCaption: "Chaque menace est placée dans la case de sa vraisemblance et de son impact ; la couleur donne le score (vraisemblance × impact).",
        contents: "Sommaire", uncoveredThreats: "Menaces non couvertes"
    ).typeset()

    /// Applies French typography to every string.
    func typeset() -> ReportStrings {
        var copy = self
        copy.apply(FrenchTypography.apply)
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
        switch (language, kind) {
        case (.english, .post): "post"
        case (.english, .comment): "comment"
        case (.english, .reply): "reply"
        case (.english, .share): "share"
        case (.english, .directMessage): "direct message"
        case (.french, .post): "publication"
        case (.french, .comment): "commentaire"
        case (.french, .reply): "réponse"
        case (.french, .share): "partage"
        case (.french, .directMessage): "message privé"
        }
    }

    func riskLevel(score: Int) -> String {
        switch RiskLevel(score: score) {
        case .low: riskLow
        case .moderate: riskModerate
        case .high: riskHigh
        case .critical: riskCritical
        }
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

    func topThreat(_ id: String, _ title: String, score: Int) -> String {
        switch language {
        case .english: "Highest risk: \(title) (\(id), score \(score) of 25)."
        case .french: FrenchTypography.apply("Risque le plus fort : \(title) (\(id), score \(score) sur 25).")
        }
    }

    func uncovered(rules: [String], reactions: [String]) -> [String] {
        var lines: [String] = []
        switch language {
        case .english:
            if !rules.isEmpty { lines.append("No rule mitigates \(counted(rules.count, "threat", "threats")): \(rules.joined(separator: ", ")).") }
            if !reactions.isEmpty { lines.append("No reaction answers \(counted(reactions.count, "threat", "threats")): \(reactions.joined(separator: ", ")).") }
        case .french:
            if !rules.isEmpty { lines.append(FrenchTypography.apply("Aucune règle n'atténue \(counted(rules.count, "menace", "menaces")) : \(rules.joined(separator: ", ")).")) }
            if !reactions.isEmpty { lines.append(FrenchTypography.apply("Aucune réaction ne traite \(counted(reactions.count, "menace", "menaces")) : \(reactions.joined(separator: ", ")).")) }
        }
        return lines
    }

    func incidentNext(_ id: String, step: String) -> String {
        switch language {
        case .english: "Incident \(id): next step “\(step)”."
        case .french: FrenchTypography.apply("Incident \(id) : prochaine étape \(FrenchTypography.quote(step)).")
        }
    }

    func quote(_ text: String) -> String {
        language == .french ? FrenchTypography.quote(text) : "“\(text)”"
    }

    /// `Label: value` with the language's spacing.
    func labelled(_ label: String, _ value: String) -> String {
        language == .french ? "\(label)\u{00A0}: \(value)" : "\(label): \(value)"
    }

    // MARK: Dates

    static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `23 novembre 2026 à 11 h 35` / `23 November 2026, 11:35`, in the
    /// timestamp's own offset.
    func date(_ timestamp: Timestamp, time: Bool = true) -> String {
        let iso = timestamp.iso8601
        let parts = iso.split(whereSeparator: { "-T:".contains($0) }).map(String.init)
        guard parts.count >= 5, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return iso }
        let hour = language == .french ? String(Int(parts[3]) ?? 0) : parts[3]
        let minute = parts[4]
        switch language {
        case .english:
            let d = "\(day) \(Self.englishMonths[month - 1]) \(year)"
            return time ? "\(d), \(hour):\(minute)" : d
        case .french:
            let d = "\(day == 1 ? "1er" : String(day))\u{00A0}\(Self.frenchMonths[month - 1])\u{00A0}\(year)"
            return time ? "\(d) à \(hour)\u{00A0}h\u{00A0}\(minute)" : d
        }
    }

    /// `23 November 2026, 10:28 – 10:29`: the end date only when it differs.
    func period(from start: Timestamp, to end: Timestamp?) -> String {
        guard let end else { return date(start) }
        let sameDay = start.iso8601.prefix(10) == end.iso8601.prefix(10) && start.utcOffset == end.utcOffset
        guard sameDay else { return date(start) + " – " + date(end) }
        let full = date(end)
        let time = language == .french
            ? full.components(separatedBy: " à ").last ?? full : full.components(separatedBy: ", ").last ?? full
        return date(start) + " – " + time
    }

    /// A short date for tables: `2026-11-23 11:35`.
    func shortDate(_ timestamp: Timestamp) -> String {
        let iso = timestamp.iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }
}

extension ReportStrings {
    /// Applies `transform` to every stored string.
    fileprivate mutating func apply(_ transform: (String) -> String) {
        self = ReportStrings(
            language: language,
            reportTitle: transform(reportTitle), client: transform(client), policy: transform(policy),
            generated: transform(generated), run: transform(run), period: transform(period),
            inputs: transform(inputs), activitiesChecked: transform(activitiesChecked),
            comparedWith: transform(comparedWith), firstRun: transform(firstRun), summary: transform(summary),
            keyPoints: transform(keyPoints), findings: transform(findings), newLabel: transform(newLabel),
            acceptedLabel: transform(acceptedLabel), openIncidents: transform(openIncidents),
            threats: transform(threats), riskMatrix: transform(riskMatrix), likelihood: transform(likelihood),
            impact: transform(impact), likelihoodShort: transform(likelihoodShort),
            impactShort: transform(impactShort), score: transform(score), threatRegister: transform(threatRegister),
            threat: transform(threat), title: transform(title), rules: transform(rules),
            reactions: transform(reactions), bySeverity: transform(bySeverity), byThreat: transform(byThreat),
            byPerson: transform(byPerson), noThreat: transform(noThreat), unknownPerson: transform(unknownPerson),
            total: transform(total), rule: transform(rule), advice: transform(advice), source: transform(source),
            record: transform(record), line: transform(line), fingerprint: transform(fingerprint),
            acceptedBy: transform(acceptedBy), mitigates: transform(mitigates), author: transform(author),
            platform: transform(platform), date: transform(date), person: transform(person),
            severity: transform(severity), evidence: transform(evidence), incidents: transform(incidents),
            status: transform(status), currentStep: transform(currentStep), nextStep: transform(nextStep),
            reactionPlan: transform(reactionPlan), timeline: transform(timeline),
            recordReasons: transform(recordReasons), planComplete: transform(planComplete),
            noPlan: transform(noPlan), openedBy: transform(openedBy), coverage: transform(coverage),
            mitigatedByRules: transform(mitigatedByRules), answeredByReactions: transform(answeredByReactions),
            threatsWithoutRule: transform(threatsWithoutRule),
            threatsWithoutReaction: transform(threatsWithoutReaction),
            everyThreatCovered: transform(everyThreatCovered), yes: transform(yes), no: transform(no),
            skipped: transform(skipped), item: transform(item), reason: transform(reason), count: transform(count),
            noFindings: transform(noFindings), noIncidents: transform(noIncidents), noThreats: transform(noThreats),
            noSkipped: transform(noSkipped), maskedNote: transform(maskedNote), revealedNote: transform(revealedNote),
            generatedBy: transform(generatedBy), none: transform(none), riskLow: transform(riskLow),
            riskModerate: transform(riskModerate), riskHigh: transform(riskHigh),
            riskCritical: transform(riskCritical), matrixCaption: transform(matrixCaption),
            contents: transform(contents), uncoveredThreats: transform(uncoveredThreats))
    }
}

/// The four bands of the 5×5 matrix, by score (likelihood × impact).
enum RiskLevel: String, Sendable, CaseIterable {
    case low, moderate, high, critical

    init(score: Int) {
        switch score {
        case ..<5: self = .low
        case 5..<10: self = .moderate
        case 10..<15: self = .high
        default: self = .critical
        }
    }
}
