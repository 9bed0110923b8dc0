import VigieModel

/// The Markdown report: sections in the same order as the HTML one, tables
/// for the matrix (threat numbers), the register, the groupings and the
/// coverage; titles and names rather than identifiers.
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
        for point in report.keyPoints() { out.append("- \(escape(point))") }
        out.append("")

        out.append("## \(s.riskMatrix)")
        out.append("")
        out.append("| \(s.impact) ↓ · \(s.likelihood) → | " + (1...5).map { "\(s.likelihoodShort)\($0)" }.joined(separator: " | ") + " |")
        out.append("|---|" + String(repeating: ":---:|", count: 5))
        for impact in (1...5).reversed() {
            let cells = (1...5).map { likelihood in
                report.threats.filter { $0.likelihood == likelihood && $0.impact == impact }
                    .compactMap { report.number(ofThreat: $0.id) }.map { "**\($0)**" }.joined(separator: " ")
            }
            out.append("| **\(s.impactShort)\(impact)** | " + cells.joined(separator: " | ") + " |")
        }
        out.append("")
        out.append("### \(s.threatRegister)")
        out.append("")
        if report.threats.isEmpty {
            out.append(s.noThreats)
        } else {
            out.append("| \(s.number) | \(s.threat) | \(s.likelihoodShort) | \(s.impactShort) | \(s.score) | \(s.level) |")
            out.append("|---:|---|---:|---:|---:|---|")
            for t in report.threats {
                out.append("| \(report.number(ofThreat: t.id) ?? 0) | \(cell(t.title)) | \(t.likelihood) | \(t.impact) | **\(t.score)** | \(s.riskLevel(score: t.score)) |")
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
                var head = "- **\(escape(f.entry.ruleTitle ?? report.ruleTitle(f.finding.ruleID)))**"
                if f.entry.isNew { head += " · **\(s.newLabel)**" }
                if f.entry.acceptance != nil { head += " · _\(s.acceptedLabel)_" }
                out.append(head)
                out.append("  - \(escape(report.whereLine(f)))")
                let excerpt = f.excerpt.map { $0.isEvidence ? "**\(escape($0.text))**" : escape($0.text) }.joined()
                out.append("  - \(s.quote(excerpt))")
                if let note = f.note { out.append("  - \(escape(s.labelled(s.note, note)))") }
                if let advice = f.advice { out.append("  - \(escape(s.labelled(s.advice, advice)))") }
                if let acceptance = f.entry.acceptance {
                    out.append("  - \(escape(s.labelled(s.acceptedBy, "\(report.decider(acceptance.by) ?? "") — \(f.acceptanceReason ?? "")")))")
                }
                if !f.finding.mitigates.isEmpty {
                    let threats = f.finding.mitigates.map { "\(report.number(ofThreat: $0).map { "\($0). " } ?? "")\(report.threatTitle($0))" }
                    out.append("  - \(escape(s.labelled(s.mitigates, threats.joined(separator: "; "))))")
                }
                out.append("  - \(escape(s.labelled(s.source, report.sourceLine(f))))")
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
                    let label = (g.number.map { "\($0). " } ?? "") + g.label
                    out.append("| \(cell(label)) | " + PreparedReport.severities.map { String(g.counts[$0] ?? 0) }.joined(separator: " | ") + " | \(g.total) |")
                }
                out.append("")
            }
        }

        out.append("## \(s.incidents)")
        out.append("")
        if report.incidents.isEmpty { out.append(s.noIncidents); out.append("") }
        for incident in report.incidents {
            let i = incident.incident
            let plan = incident.entry.plan
            out.append("### \(escape(report.incidentLabel(incident)))")
            out.append("")
            out.append("- \(s.labelled(s.status, s.status(i.status)))")
            if let plan {
                let steps = plan.steps.map { $0.id == i.currentStep ? "**\(escape($0.name))**" : escape($0.name) }
                out.append("- \(s.labelled(s.reactionPlan, steps.joined(separator: " → ")))")
                if let next = incident.nextStep {
                    var line = s.labelled(s.nextStep, "**\(escape(next.name))**")
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
                var reason = cell(report.reason(d, plan: plan))
                if let by = report.decider(d.by) { reason += " — _\(cell(by))_" }
                out.append("| \(report.dates.date(d.at)) | \(s.action(d.action)) | \(cell(report.stepTitle(d.step, in: plan) ?? "")) | \(reason) |")
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
                let rules = t.mitigatedBy.isEmpty ? "❌" : "✅ " + t.mitigatedBy.map { cell(report.ruleTitle($0)) }.joined(separator: " ; ")
                let reactions = t.answeredBy.isEmpty ? "❌" : "✅ " + t.answeredBy.map { cell(report.reactionTitle($0)) }.joined(separator: " ; ")
                out.append("| \(report.number(ofThreat: t.id) ?? 0). \(cell(t.title)) | \(rules) | \(reactions) |")
            }
        }
        out.append("")
        let cov = document.coverage
        if cov.threatsWithoutRule.isEmpty && cov.threatsWithoutReaction.isEmpty {
            out.append(s.everyThreatCovered)
        } else {
            if !cov.threatsWithoutRule.isEmpty { out.append("- \(s.labelled(s.threatsWithoutRule, titles(cov.threatsWithoutRule)))") }
            if !cov.threatsWithoutReaction.isEmpty { out.append("- \(s.labelled(s.threatsWithoutReaction, titles(cov.threatsWithoutReaction)))") }
        }
        out.append("")

        out.append("## \(s.skipped)")
        out.append("")
        if document.skipped.isEmpty {
            out.append(s.noSkipped)
        } else {
            out.append("| \(s.item) | \(s.count) | \(s.reason) |")
            out.append("|---|---:|---|")
            for item in document.skipped {
                out.append("| \(cell(report.masker.mask(item.item))) | \(item.count) | \(cell(report.masker.mask(item.reason))) |")
            }
        }
        out.append("")
        out.append("---")
        out.append("_\(s.generatedBy) · \(report.dates.date(document.generatedAt))_")
        return out.joined(separator: "\n") + "\n"
    }

    func titles(_ ids: [String]) -> String {
        ids.isEmpty ? "—" : ids.map { escape(report.threatTitle($0)) }.joined(separator: " ; ")
    }

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
        escape(text).split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
