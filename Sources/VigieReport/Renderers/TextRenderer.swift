import VigieModel

/// The plain-text report: for a terminal or an e-mail.
struct TextRenderer {
    let report: PreparedReport
    var s: ReportStrings { report.strings }
    var document: ReportDocument { report.document }

    func render() -> String {
        var out: [String] = []
        let title = "\(s.reportTitle) — \(document.client)"
        out.append(title)
        out.append(String(repeating: "=", count: title.count))
        out.append(contentsOf: Header.lines(report))
        out.append("")
        section(&out, s.summary)
        for line in Header.keyPoints(report) { out.append("  • \(line)") }
        out.append("")
        let counts = PreparedReport.severities.map { "\(s.severity($0)) \(report.severityCounts[$0] ?? 0)" }
        out.append("  \(s.labelled(s.findings, String(report.findings.count))) (\(counts.joined(separator: ", ")))")
        out.append("  \(s.labelled(s.newLabel, String(report.newCount)))")
        out.append("  \(s.labelled(s.openIncidents, String(report.openIncidents.count)))")
        out.append("")

        section(&out, s.riskMatrix)
        out.append(contentsOf: matrix())
        out.append("")
        if report.threats.isEmpty {
            out.append("  \(s.noThreats)")
        }
        for threat in report.threats {
            out.append("  [\(threat.score)] \(threat.id) — \(threat.title) (\(s.likelihoodShort)\(threat.likelihood) × \(s.impactShort)\(threat.impact), \(s.riskLevel(score: threat.score)))")
        }
        out.append("")

        section(&out, s.findings)
        if report.findings.isEmpty { out.append("  \(s.noFindings)") }
        for severity in PreparedReport.severities {
            let group = report.findings.filter { $0.finding.severity == severity }
            guard !group.isEmpty else { continue }
            out.append("\(s.severity(severity).uppercased()) (\(group.count))")
            for f in group {
                var head = "  - \(f.entry.ruleTitle ?? f.finding.ruleID)"
                if f.entry.ruleTitle != nil { head += " [\(f.finding.ruleID)]" }
                if f.entry.isNew { head += " — \(s.newLabel.uppercased())" }
                if f.entry.acceptance != nil { head += " — \(s.acceptedLabel.lowercased())" }
                out.append(head)
                out.append("    \(Header.where(f, s))")
                out.append("    \(s.quote(f.plainExcerpt))")
                if let advice = f.advice { out.append("    \(s.labelled(s.advice, advice))") }
                if let reason = f.acceptanceReason, let acceptance = f.entry.acceptance {
                    out.append("    \(s.labelled(s.acceptedBy, "\(acceptance.by) — \(reason)"))")
                }
                out.append("    \(s.labelled(s.source, Header.source(f, s)))  \(s.labelled(s.fingerprint, f.finding.fingerprint))")
            }
            out.append("")
        }
        if !report.findings.isEmpty {
            out.append(s.byThreat)
            for group in report.byThreat { out.append("  \(s.labelled(group.label, String(group.total)))") }
            out.append(s.byPerson)
            for group in report.byPerson { out.append("  \(s.labelled(group.label, String(group.total)))") }
            out.append("")
        }

        section(&out, s.incidents)
        if report.incidents.isEmpty { out.append("  \(s.noIncidents)") }
        for incident in report.incidents {
            let i = incident.incident
            var head = "  \(i.id) — \(incident.entry.title ?? i.kind)"
            if let name = incident.entry.actorName ?? i.actorID { head += " — \(name)" }
            out.append(head)
            out.append("    \(s.labelled(s.status, s.status(i.status)))  \(s.labelled(s.currentStep, i.currentStep ?? "—"))")
            if let plan = incident.entry.plan {
                let steps = plan.steps.map { $0.id == i.currentStep ? "[\($0.id)]" : $0.id }
                out.append("    \(s.labelled(s.reactionPlan, steps.joined(separator: " → ")))")
                if let next = incident.nextStep {
                    var line = s.labelled(s.nextStep, next.id)
                    if let advice = next.advice { line += " — \(report.masker.mask(advice))" }
                    if next.recordReasons { line += " (\(s.recordReasons))" }
                    out.append("    \(line)")
                } else if i.status == .open {
                    out.append("    \(s.planComplete)")
                }
            } else {
                out.append("    \(s.noPlan)")
            }
            out.append("    \(s.timeline)")
            for d in incident.history {
                var line = "      \(s.shortDate(d.at))  \(s.action(d.action))"
                if let step = d.step { line += " → \(step)" }
                line += " — \(d.reason)"
                if let by = d.by { line += " (\(by))" }
                out.append(line)
            }
        }
        out.append("")

        section(&out, s.coverage)
        let cov = document.coverage
        if cov.threatsWithoutRule.isEmpty && cov.threatsWithoutReaction.isEmpty {
            out.append("  \(s.everyThreatCovered)")
        }
        if !cov.threatsWithoutRule.isEmpty {
            out.append("  \(s.labelled(s.threatsWithoutRule, cov.threatsWithoutRule.joined(separator: ", ")))")
        }
        if !cov.threatsWithoutReaction.isEmpty {
            out.append("  \(s.labelled(s.threatsWithoutReaction, cov.threatsWithoutReaction.joined(separator: ", ")))")
        }
        for threat in report.threats {
            let rules = threat.mitigatedBy.isEmpty ? "—" : threat.mitigatedBy.joined(separator: ", ")
            let reactions = threat.answeredBy.isEmpty ? "—" : threat.answeredBy.joined(separator: ", ")
            let semicolon = s.language == .french ? "\u{202F};" : ";"
            out.append("  \(s.labelled(threat.id, "\(s.rules.lowercased()) \(rules)\(semicolon) \(s.reactions.lowercased()) \(reactions)"))")
        }
        out.append("")

        if !document.skipped.isEmpty {
            section(&out, s.skipped)
            for item in document.skipped { out.append("  \(item.item) (\(item.count)) — \(item.reason)") }
            out.append("")
        }
        out.append(report.masked ? s.maskedNote : s.revealedNote)
        return out.joined(separator: "\n") + "\n"
    }

    func section(_ out: inout [String], _ title: String) {
        out.append(title)
        out.append(String(repeating: "-", count: title.count))
    }

    /// The 5×5 matrix as text: impact from 5 (top) to 1, likelihood 1 to 5.
    func matrix() -> [String] {
        let width = 12
        func pad(_ text: String) -> String {
            let t = text.count > width ? String(text.prefix(width - 1)) + "…" : text
            return t + String(repeating: " ", count: width - t.count)
        }
        var lines: [String] = []
        for impact in (1...5).reversed() {
            var line = "  \(s.impactShort)\(impact) |"
            for likelihood in 1...5 {
                let ids = report.threats.filter { $0.likelihood == likelihood && $0.impact == impact }.map(\.id)
                line += " " + pad(ids.isEmpty ? "·" : ids.joined(separator: ",")) + "|"
            }
            lines.append(line)
        }
        var axis = "      "
        for likelihood in 1...5 { axis += " " + pad("\(s.likelihoodShort)\(likelihood)") + " " }
        lines.append(axis)
        return lines
    }
}

/// Header lines and sentences shared by the text-like formats.
enum Header {
    static func lines(_ report: PreparedReport) -> [String] {
        let s = report.strings
        let d = report.document
        var lines = [
            s.labelled(s.client, d.client),
            s.labelled(s.policy, "\(d.policy.name) \(d.policy.version)"),
            s.labelled(s.generated, s.date(d.generatedAt)),
        ]
        if let run = d.run {
            var runLine = run.id.map { "#\($0)" } ?? ""
            if let start = run.startedAt { runLine += (runLine.isEmpty ? "" : ", ") + s.date(start) }
            if !runLine.isEmpty { lines.append(s.labelled(s.run, runLine)) }
            if !run.inputs.isEmpty { lines.append(s.labelled(s.inputs, run.inputs.joined(separator: ", "))) }
            lines.append(s.labelled(s.activitiesChecked, String(run.activities)))
            lines.append(run.baselineRunID.map { s.labelled(s.comparedWith, "#\($0)") } ?? s.firstRun)
        }
        return lines
    }

    static func keyPoints(_ report: PreparedReport) -> [String] {
        let s = report.strings
        var points: [String] = []
        points.append(s.newSince(report.newCount, baseline: report.document.run?.baselineRunID.map { "#\($0)" }))
        if report.seriousCount > 0 { points.append(s.seriousFindings(report.seriousCount)) }
        if let top = report.threats.first { points.append(s.topThreat(top.id, top.title, score: top.score)) }
        for incident in report.openIncidents {
            if let next = incident.nextStep { points.append(s.incidentNext(incident.incident.id, step: next.id)) }
        }
        points.append(contentsOf: s.uncovered(
            rules: report.document.coverage.threatsWithoutRule,
            reactions: report.document.coverage.threatsWithoutReaction))
        return points
    }

    /// `facebook · comment · @author · 23 November 2026, 11:35`
    static func `where`(_ f: PreparedReport.PreparedFinding, _ s: ReportStrings) -> String {
        var parts = [f.entry.activity.platform.rawValue]
        if let kind = f.entry.activity.kind { parts.append(s.kind(kind)) }
        if let author = f.entry.activity.author { parts.append(author) }
        if let name = f.entry.actorName, !name.hasPrefix(f.entry.activity.author ?? "\u{0}") { parts.append(name) }
        if let time = f.entry.activity.timestamp { parts.append(s.date(time)) }
        return parts.joined(separator: " · ")
    }

    /// `export.zip!/posts.json, line 12 (record 4)`
    static func source(_ f: PreparedReport.PreparedFinding, _ s: ReportStrings) -> String {
        guard let source = f.finding.activity.source else { return f.finding.activity.id }
        var text = source.file
        if let line = source.line { text += ", \(s.line) \(line)" }
        text += " (\(s.record) \(source.index + 1))"
        return text
    }
}
