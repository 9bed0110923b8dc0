import VigieModel

/// A piece of an excerpt: text already masked, inside evidence or not.
struct ExcerptPiece: Hashable, Sendable {
    var text: String
    var isEvidence: Bool
}

/// What every renderer shows, computed once: the document checked, sorted,
/// grouped and masked, with the strings of the chosen language.
struct PreparedReport: Sendable {
    struct PreparedFinding: Sendable {
        var entry: ReportDocument.FindingEntry
        var excerpt: [ExcerptPiece]
        /// Evidence texts, masked when they are personal data.
        var evidenceTexts: [String?]
        var advice: String?
        var acceptanceReason: String?
        var finding: Finding { entry.finding }

        /// The excerpt as plain text, evidence between `⟦` and `⟧`.
        var plainExcerpt: String {
            excerpt.map { $0.isEvidence ? "⟦\($0.text)⟧" : $0.text }.joined()
        }

        /// The excerpt as plain text without marks.
        var bareExcerpt: String { excerpt.map(\.text).joined() }
    }

    struct PreparedIncident: Sendable {
        var entry: ReportDocument.IncidentEntry
        /// The history, reasons masked.
        var history: [Decision]
        var nextStep: ReactionStep?
        var incident: Incident { entry.incident }
    }

    /// Counts per severity for one group (a threat, a person).
    struct Group: Sendable {
        /// The threat or actor id; empty for findings without one.
        var key: String
        /// `Title (id)`, for the text formats.
        var label: String
        /// The title or name alone, when known.
        var name: String?
        var counts: [Severity: Int]
        var total: Int { counts.values.reduce(0, +) }
    }

    let document: ReportDocument
    let language: ReportLanguage
    let strings: ReportStrings
    let masked: Bool
    let masker: Masker
    let findings: [PreparedFinding]
    let incidents: [PreparedIncident]
    /// Highest score first.
    let threats: [ReportDocument.Threat]
    let severityCounts: [Severity: Int]
    let byThreat: [Group]
    let byPerson: [Group]

    var newCount: Int { findings.filter(\.entry.isNew).count }
    var acceptedCount: Int { findings.filter { $0.entry.acceptance != nil }.count }
    var openIncidents: [PreparedIncident] { incidents.filter { $0.incident.status == .open } }
    var seriousCount: Int { (severityCounts[.critical] ?? 0) + (severityCounts[.high] ?? 0) }

    init(_ document: ReportDocument, options: ReportOptions) throws {
        let language: ReportLanguage
        if let chosen = options.language {
            language = chosen
        } else if let fromPolicy = ReportLanguage(code: document.policy.language) {
            language = fromPolicy
        } else {
            throw ReportError(
                .unsupportedLanguage,
                "the policy's language is \"\(document.policy.language)\"; Vigie writes reports in French (fr) and English (en): set the policy's language to one of them, or choose the report's language")
        }
        for threat in document.threats {
            guard (1...5).contains(threat.likelihood), (1...5).contains(threat.impact) else {
                throw ReportError(
                    .invalidThreat,
                    "threat \"\(threat.id)\" has likelihood \(threat.likelihood) and impact \(threat.impact); both go from 1 to 5: fix the threat's declaration in the policy")
            }
        }
        self.document = document
        self.language = language
        self.strings = ReportStrings.strings(for: language)
        self.masked = !options.reveal
        let masker = Masker(reveal: options.reveal, detector: options.detector)
        self.masker = masker

        let sorted = document.findings.sorted {
            let a = $0.finding
            let b = $1.finding
            if a.severity != b.severity { return a.severity > b.severity }
            if $0.isNew != $1.isNew { return $0.isNew }
            let ta = $0.activity.timestamp?.secondsSince1970 ?? 0
            let tb = $1.activity.timestamp?.secondsSince1970 ?? 0
            if ta != tb { return ta > tb }
            return a.fingerprint < b.fingerprint
        }
        self.findings = sorted.map { entry in
            let text = entry.activity.text
            let ranges = masker.ranges(in: text, evidence: entry.finding.evidence)
            return PreparedFinding(
                entry: entry,
                excerpt: Excerpt.pieces(of: text, evidence: entry.finding.evidence, masks: ranges),
                evidenceTexts: entry.finding.evidence.map { span in
                    guard let piece = span.excerpt(of: text) else { return nil }
                    if masker.reveal { return piece }
                    return Masker.isPersonal(label: span.label) ? Masker.maskValue(piece) : masker.mask(piece)
                },
                advice: entry.finding.advice.map(masker.mask),
                acceptanceReason: entry.acceptance.map { masker.mask($0.reason) })
        }
        self.incidents = document.incidents.map { entry in
            PreparedIncident(
                entry: entry,
                history: entry.incident.history.map { decision in
                    var masked = decision
                    masked.reason = masker.mask(decision.reason)
                    return masked
                },
                nextStep: entry.nextStep)
        }
        self.threats = document.threats.sorted { ($0.score, $1.id) > ($1.score, $0.id) }

        var counts: [Severity: Int] = [:]
        for entry in document.findings { counts[entry.finding.severity, default: 0] += 1 }
        self.severityCounts = counts

        let titles = Dictionary(document.threats.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var threatGroups: [String: [Severity: Int]] = [:]
        var personGroups: [String: [Severity: Int]] = [:]
        var personLabels: [String: String] = [:]
        for entry in document.findings {
            let threatKeys = entry.finding.mitigates.isEmpty ? [""] : entry.finding.mitigates
            for key in threatKeys { threatGroups[key, default: [:]][entry.finding.severity, default: 0] += 1 }
            let person = entry.finding.actorID ?? ""
            personGroups[person, default: [:]][entry.finding.severity, default: 0] += 1
            if let name = entry.actorName { personLabels[person] = name }
        }
        let strings = self.strings
        func ordered(_ groups: [String: [Severity: Int]], names: [String: String], label: (String) -> String) -> [Group] {
            groups.map { Group(key: $0.key, label: label($0.key), name: names[$0.key], counts: $0.value) }
                .sorted { a, b in
                    let ka = Severity.allCases.reversed().map { a.counts[$0] ?? 0 }
                    let kb = Severity.allCases.reversed().map { b.counts[$0] ?? 0 }
                    if ka != kb { return ka.lexicographicallyPrecedes(kb) == false }
                    return a.key < b.key
                }
        }
        self.byThreat = ordered(threatGroups, names: titles) { key in
            key.isEmpty ? strings.noThreat : titles[key].map { "\($0) (\(key))" } ?? key
        }
        self.byPerson = ordered(personGroups, names: personLabels) { key in
            key.isEmpty ? strings.unknownPerson : personLabels[key].map { "\($0) (\(key))" } ?? key
        }
    }

    /// Most severe first.
    static let severities: [Severity] = Severity.allCases.reversed()
}
