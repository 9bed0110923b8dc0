import VigieModel

/// The Markdown report: sections in the same order as the HTML one, tables
/// for the matrix, the register, the groupings and the coverage.
struct MarkdownRenderer {
    let report: PreparedReport
    var s: ReportStrings { report.strings }
    var document: ReportDocument { report.document }

    func render() -> String {
        var out: [String] = []
        out.append("# \(escape(s.reportTitle)) — \(escape(document.client))")
        out.append("")
        for line in Header.lines(report) { out.append("- \(escape(line))") }
        out.append("")
        out.append("> \(escape(report.masked ? s.maskedNote : s.revealedNote))")
        out.append("")

        out.append("## \(s.summary)")
        out.append("")
        out.append("| \(s.findings) | \(s.newLabel) | " + PreparedReport.severities.map { s.severity($0) }.joined(separator: " | ") + " | \(s.openIncidents) |")
        out.append("|" + String(repeating: "---:|", count: 3 + PreparedReport.severities.count))
        out.append("| \(report.findings.count) | \(report.newCount) | " + PreparedReport.severities.map { String(report.severityCounts[$0] ?? 0) }.joined(separator: " | ") + " | \(report.openIncidents.count) |")
        out.append("")
        out.append("**\(s.keyPoints)**")
        out.append("")
        for point in Header.keyPoints(report) { out.append("- \(escape(point))") }
        out.append("")

        out.append("## \(s.riskMatrix)")
        out.append("")
        out.append("| \(s.impact) ↓ · \(s.likelihood) → | " + (1...5).map { "\(s.likelihoodShort)\($0)" }.joined(separator: " | ") + " |")
        out.append("|---|" + String(repeating: ":---:|", count: 5))
        for impact in (1...5).reversed() {
            let cells = (1...5).map { likelihood in
                report.threats.filter { $0.likelihood == likelihood && $0.impact == impact }.map { "`\($0.id)`" }
                    .joined(separator: " ")
            }
            out.append("| **\(s.impactShort)\(impact)** | " + cells.joined(separator: " | ") + " |")
        }
        out.append("")
        out.append("### \(s.threatRegister)")
        out.append("")
        if report.threats.isEmpty {
            out.append(s.noThreats)
        } else {
            out.append("| \(s.threat) | \(s.title) | \(s.likelihoodShort) | \(s.impactShort) | \(s.score) | \(s.rules) | \(s.reactions) |")
            out.append("|---|---|---:|---:|---:|---|---|")
            for t in report.threats {
                out.append("| `\(t.id)` | \(cell(t.title)) | \(t.likelihood) | \(t.impact) | **\(t.score)** \(s.riskLevel(score: t.score)) | \(list(t.mitigatedBy)) | \(list(t.answeredBy)) |")
            }
        }
        out.append("")

        out.append("## \(s.findings)")
        out.append("")
        if report.findings.isEmpty { out.append(s.noFindings) }
        for severity in PreparedReport.severities {
            let group = report.findings.filter { $0.finding.severity == severity }
            guard !group.isEmpty else { continue }
            out.append("### \(s.severity(severity)) (\(group.count))")
            out.append("")
            for f in group {
                var head = "- **\(escape(f.entry.ruleTitle ?? f.finding.ruleID))** `\(f.finding.ruleID)`"
                if f.entry.isNew { head += " · **\(s.newLabel)**" }
                if f.entry.acceptance != nil { head += " · _\(s.acceptedLabel)_" }
                out.append(head)
                out.append("  - \(escape(Header.where(f, s)))")
                let excerpt = f.excerpt.map { $0.isEvidence ? "**\(escape($0.text))**" : escape($0.text) }.joined()
                out.append("  - \(s.quote(excerpt))")
                if let advice = f.advice { out.append("  - \(escape(s.labelled(s.advice, advice)))") }
                if let acceptance = f.entry.acceptance {
                    out.append("  - \(escape(s.labelled(s.acceptedBy, "\(acceptance.by) — \(f.acceptanceReason ?? "")")))")
                }
                out.append("  - \(escape(s.labelled(s.source, Header.source(f, s)))) · \(s.fingerprint) `\(f.finding.fingerprint)`")
            }
            out.append("")
        }
        if !report.findings.isEmpty {
            for (title, groups) in [(s.byThreat, report.byThreat), (s.byPerson, report.byPerson)] {
                out.append("### \(title)")
                out.append("")
                out.append("| | " + PreparedReport.severities.map { s.severity($0) }.joined(separator: " | ") + " | \(s.total) |")
                out.append("|---|" + String(repeating: "---:|", count: PreparedReport.severities.count + 1))
                for g in groups {
                    out.append("| \(cell(g.label)) | " + PreparedReport.severities.map { String(g.counts[$0] ?? 0) }.joined(separator: " | ") + " | \(g.total) |")
                }
                out.append("")
            }
        }

        out.append("## \(s.incidents)")
        out.append("")
        if report.incidents.isEmpty { out.append(s.noIncidents); out.append("") }
        for incident in report.incidents {
            let i = incident.incident
            out.append("### \(escape(incident.entry.title ?? i.kind)) — `\(i.id)`")
            out.append("")
            if let person = incident.entry.actorName ?? i.actorID { out.append("- \(escape(s.labelled(s.person, person)))") }
            out.append("- \(s.labelled(s.status, s.status(i.status)))")
            if let plan = incident.entry.plan {
                let steps = plan.steps.map { $0.id == i.currentStep ? "**\($0.id)**" : $0.id }
                out.append("- \(s.labelled(s.reactionPlan, "`\(plan.id)` — " + steps.joined(separator: " → ")))")
                if let next = incident.nextStep {
                    var line = s.labelled(s.nextStep, "**\(next.id)**")
                    if let advice = next.advice { line += " — \(escape(report.masker.mask(advice)))" }
                    if next.recordReasons { line += " (\(s.recordReasons))" }
                    out.append("- \(line)")
                } else if i.status == .open {
                    out.append("- \(s.planComplete)")
                }
            } else {
                out.append("- \(s.noPlan)")
            }
            out.append("")
            out.append("| \(s.date) | \(s.status) | \(s.currentStep) | \(s.reason) |")
            out.append("|---|---|---|---|")
            for d in incident.history {
                var reason = cell(d.reason)
                if let by = d.by { reason += " — _\(cell(by))_" }
                out.append("| \(s.shortDate(d.at)) | \(s.action(d.action)) | \(d.step.map { "`\($0)`" } ?? "") | \(reason) |")
            }
            out.append("")
        }

        out.append("## \(s.coverage)")
        out.append("")
        if report.threats.isEmpty {
            out.append(s.noThreats)
        } else {
            out.append("| \(s.threat) | \(s.mitigatedByRules) | \(s.answeredByReactions) |")
            out.append("|---|---|---|")
            for t in report.threats {
                let rules = t.mitigatedBy.isEmpty ? "❌" : "✅ " + list(t.mitigatedBy)
                let reactions = t.answeredBy.isEmpty ? "❌" : "✅ " + list(t.answeredBy)
                out.append("| `\(t.id)` \(cell(t.title)) | \(rules) | \(reactions) |")
            }
        }
        out.append("")
        let cov = document.coverage
        if cov.threatsWithoutRule.isEmpty && cov.threatsWithoutReaction.isEmpty {
            out.append(s.everyThreatCovered)
        } else {
            if !cov.threatsWithoutRule.isEmpty { out.append("- \(s.labelled(s.threatsWithoutRule, list(cov.threatsWithoutRule)))") }
            if !cov.threatsWithoutReaction.isEmpty { out.append("- \(s.labelled(s.threatsWithoutReaction, list(cov.threatsWithoutReaction)))") }
        }
        out.append("")

        out.append("## \(s.skipped)")
        out.append("")
        if document.skipped.isEmpty {
            out.append(s.noSkipped)
        } else {
            out.append("| \(s.item) | \(s.count) | \(s.reason) |")
            out.append("|---|---:|---|")
            for item in document.skipped { out.append("| \(cell(item.item)) | \(item.count) | \(cell(item.reason)) |") }
        }
        out.append("")
        out.append("---")
        out.append("_\(s.generatedBy) · \(s.date(document.generatedAt))_")
        return out.joined(separator: "\n") + "\n"
    }

    func list(_ ids: [String]) -> String { ids.isEmpty ? "—" : ids.map { "`\($0)`" }.joined(separator: ", ") }

    /// Text safe in a Markdown paragraph: the characters that start emphasis,
    /// code, links or HTML are escaped.
    func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>|".contains(c) || (c == "#" && out.isEmpty) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Text safe in a table cell: escaped, on one line.
    func cell(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: " ")
    }
}
