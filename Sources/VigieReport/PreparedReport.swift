import VigieModel

/// A piece of an excerpt: text already masked, inside evidence or not.
struct ExcerptPiece: Hashable, Sendable {
    var text: String
    var isEvidence: Bool
}

/// What every renderer shows, computed once: the document checked, sorted,
/// grouped and masked, with the strings of the chosen language, the dates
/// on the organisation's clock, and a readable name for every identifier.
struct PreparedReport: Sendable {
    struct PreparedFinding: Sendable {
        var entry: ReportDocument.FindingEntry
        var excerpt: [ExcerptPiece]
        /// Evidence texts, masked when they are personal data.
        var evidenceTexts: [String?]
        var advice: String?
        var note: String?
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
        /// The title or name people read.
        var label: String
        /// The threat's number in the register, for a threat.
        var number: Int?
        var counts: [Severity: Int]
        var total: Int { counts.values.reduce(0, +) }
    }

    let document: ReportDocument
    let language: ReportLanguage
    let strings: ReportStrings
    /// Dates and times on the organisation's clock, in the report's language.
    let dates: DateStyle
    let masked: Bool
    let masker: Masker
    let findings: [PreparedFinding]
    let incidents: [PreparedIncident]
    /// Highest score first: the register's order, numbered from 1.
    let threats: [ReportDocument.Threat]
    let severityCounts: [Severity: Int]
    let byThreat: [Group]
    let byPerson: [Group]
    private let numbers: [String: Int]

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
        var clock = LocalClock.utc
        if let zone = document.timeZone {
            guard let named = LocalClock(identifier: zone) else {
                throw ReportError(
                    .invalidTimeZone,
                    "the time zone \"\(zone)\" is unknown: give an IANA name such as America/Toronto in the profile's organisation.timeZone")
            }
            clock = named
        }
        self.document = document
        self.language = language
        self.strings = ReportStrings.strings(for: language)
        self.dates = DateStyle(language: language.rawValue, clock: clock)
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
                note: entry.note.map(masker.mask),
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
        let threats = document.threats.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
        self.threats = threats
        let numbers = Dictionary(threats.enumerated().map { ($1.id, $0 + 1) }) { a, _ in a }
        self.numbers = numbers

        var counts: [Severity: Int] = [:]
        for entry in document.findings { counts[entry.finding.severity, default: 0] += 1 }
        self.severityCounts = counts

        let strings = self.strings
        let titles = Dictionary(document.threats.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var threatGroups: [String: [Severity: Int]] = [:]
        var personGroups: [String: [Severity: Int]] = [:]
        var personLabels: [String: String] = [:]
        for entry in document.findings {
            let threatKeys = entry.finding.mitigates.isEmpty ? [""] : entry.finding.mitigates
            for key in threatKeys { threatGroups[key, default: [:]][entry.finding.severity, default: 0] += 1 }
            // A person of the profile by name; anyone else by the author's
            // name on their platform (not lumped together as "unidentified").
            let key: String
            let label: String
            if let actor = entry.finding.actorID {
                key = actor
                label = entry.actorName ?? document.names.people[actor] ?? DisplayNames.humanised(actor)
            } else if let author = entry.activity.author {
                key = "author:\(entry.activity.platform.rawValue):\(author)"
                label = DisplayNames.account(author, platform: entry.activity.platform, language: language.rawValue)
            } else {
                key = ""
                label = strings.unknownPerson
            }
            personGroups[key, default: [:]][entry.finding.severity, default: 0] += 1
            personLabels[key] = masker.mask(label)
        }
        func ordered(_ groups: [String: [Severity: Int]], label: (String) -> String, number: (String) -> Int?) -> [Group] {
            groups.map { Group(key: $0.key, label: label($0.key), number: number($0.key), counts: $0.value) }
                .sorted { a, b in
                    let ka = Severity.allCases.reversed().map { a.counts[$0] ?? 0 }
                    let kb = Severity.allCases.reversed().map { b.counts[$0] ?? 0 }
                    if ka != kb { return ka.lexicographicallyPrecedes(kb) == false }
                    return a.label < b.label
                }
        }
        self.byThreat = ordered(threatGroups, label: { key in
            key.isEmpty ? strings.noThreat : titles[key] ?? DisplayNames.humanised(key)
        }, number: { numbers[$0] })
        self.byPerson = ordered(personGroups, label: { personLabels[$0] ?? strings.unknownPerson }, number: { _ in nil })
    }

    /// Most severe first.
    static let severities: [Severity] = Severity.allCases.reversed()

    // MARK: Names instead of identifiers

    /// The threat's number in the register (1 for the highest score).
    func number(ofThreat id: String) -> Int? { numbers[id] }

    func threatTitle(_ id: String) -> String {
        document.threats.first { $0.id == id }?.title ?? DisplayNames.humanised(id)
    }

    func ruleTitle(_ id: String) -> String {
        document.names.rules[id] ?? document.findings.first { $0.finding.ruleID == id }?.ruleTitle
            ?? DisplayNames.humanised(id)
    }

    func reactionTitle(_ id: String) -> String {
        document.names.reactions[id] ?? DisplayNames.humanised(id)
    }

    /// A person of the profile (or the organisation) by name.
    func personName(_ id: String?) -> String? {
        guard let id else { return nil }
        return masker.mask(document.names.people[id] ?? DisplayNames.humanised(id))
    }

    /// Who a finding is about: the person's name when the profile knows
    /// them, else the author as the export names them.
    func who(_ f: PreparedFinding) -> String? {
        if let name = f.entry.actorName ?? f.finding.actorID.flatMap({ document.names.people[$0] }) { return masker.mask(name) }
        guard let author = f.entry.activity.author else { return nil }
        // An author known by a platform's number only: said so, not the number.
        if author.count > 6, author.allSatisfy(\.isNumber) {
            return DisplayNames.account(author, platform: f.entry.activity.platform, language: language.rawValue)
        }
        return masker.mask(author)
    }

    /// The incident's kind and its person: `Client mécontent — Mme Tremblay`.
    func incidentLabel(_ i: PreparedIncident) -> String {
        let kind = i.entry.title ?? DisplayNames.humanised(i.incident.kind)
        guard let person = i.entry.actorName.map(masker.mask) ?? personName(i.incident.actorID) else { return kind }
        return "\(kind) — \(person)"
    }

    /// A step of a plan by its title.
    func stepTitle(_ id: String?, in plan: ReactionPlan?) -> String? {
        guard let id else { return nil }
        return plan?.steps.first { $0.id == id }?.title ?? DisplayNames.humanised(id)
    }

    /// Who took a decision: a consultant's name, or Vigie itself.
    func decider(_ by: String?) -> String? {
        guard let by else { return nil }
        return by == "vigie" ? strings.automatic : masker.mask(by)
    }

    /// A decision's reason without the step title it may start with (the
    /// title is shown beside it): `Exclusion — Motifs : …` → `Motifs : …`.
    func reason(_ d: Decision, plan: ReactionPlan?) -> String {
        guard let title = stepTitle(d.step, in: plan), d.reason.hasPrefix(title) else { return d.reason }
        var rest = d.reason.dropFirst(title.count)
        while let first = rest.first, first == " " || first == "—" || first == "-" || first == ":" { rest = rest.dropFirst() }
        return rest.isEmpty ? d.reason : String(rest)
    }

    /// `Facebook · publication · Nadia Berthiaume · 19 mars 2026 à 2 h 40`
    func whereLine(_ f: PreparedFinding) -> String {
        var parts = [strings.platform(f.entry.activity.platform)]
        if let kind = f.entry.activity.kind { parts.append(strings.kind(kind)) }
        if let who = who(f) { parts.append(who) }
        if let time = f.entry.activity.timestamp { parts.append(dates.date(time)) }
        return parts.joined(separator: " · ")
    }

    /// `export.zip!/posts.json, ligne 12 (enregistrement 4)`
    func sourceLine(_ f: PreparedFinding) -> String {
        guard let source = f.finding.activity.source else { return masker.mask(f.finding.activity.id) }
        var text = masker.mask(source.file)
        if let line = source.line { text += ", \(strings.line) \(line)" }
        text += " (\(strings.record) \(source.index + 1))"
        return text
    }

    /// The period the run covers, or when it ran.
    func runPeriod(_ run: ReportDocument.Run) -> String? {
        run.startedAt.map { dates.period(from: $0, to: run.finishedAt) }
    }

    /// The key points, as sentences: what is new, what is serious, the
    /// highest risk, the open incidents' next steps, what is not covered.
    func keyPoints(maximumIncidents: Int = 5) -> [String] {
        let s = strings
        var points: [String] = []
        points.append(s.newSince(newCount, baseline: document.run?.baselineRunID.map { "#\($0)" }))
        if seriousCount > 0 { points.append(s.seriousFindings(seriousCount)) }
        if let top = threats.first { points.append(s.topThreat(top.title, score: top.score)) }
        let withNext = openIncidents.filter { $0.nextStep != nil }
        for incident in withNext.prefix(maximumIncidents) {
            points.append(s.incidentNext(incidentLabel(incident), step: incident.nextStep!.name))
        }
        if withNext.count > maximumIncidents { points.append(s.moreIncidents(withNext.count - maximumIncidents)) }
        points.append(contentsOf: s.uncovered(
            rules: document.coverage.threatsWithoutRule.map(threatTitle),
            reactions: document.coverage.threatsWithoutReaction.map(threatTitle)))
        return points
    }
}
