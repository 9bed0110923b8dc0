import VigieModel

/// The plain-text report: for a terminal or an e-mail. Threats are
/// numbered as in the register (the matrix shows the numbers); people,
/// rules and steps by their names; fingerprints stay, for `vigie accept`.
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
        for line in report.keyPoints() { out.append("  • \(line)") }
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
            let n = report.number(ofThreat: threat.id) ?? 0
            out.append("  \(pad(String(n), 2, right: true)). [\(pad(String(threat.score), 2, right: true))] \(threat.title) (\(s.likelihoodShort)\(threat.likelihood) × \(s.impactShort)\(threat.impact), \(s.riskLevel(score: threat.score)))")
        }
        out.append("")

        section(&out, s.findings)
        if report.findings.isEmpty { out.append("  \(s.noFindings)") }
        for severity in PreparedReport.severities {
            let group = report.findings.filter { $0.finding.severity == severity }
            guard !group.isEmpty else { continue }
            out.append("\(s.severity(severity).uppercased()) (\(group.count))")
            for f in group {
                var head = "  - \(f.entry.ruleTitle ?? report.ruleTitle(f.finding.ruleID))"
                if f.entry.isNew { head += " — \(s.newLabel.uppercased())" }
                if f.entry.acceptance != nil { head += " — \(s.acceptedLabel.lowercased())" }
                out.append(head)
                out.append("    \(report.whereLine(f))")
                out.append("    \(s.quote(f.plainExcerpt))")
                if let note = f.note { out.append("    \(s.labelled(s.note, note))") }
                if let advice = f.advice { out.append("    \(s.labelled(s.advice, advice))") }
                if let reason = f.acceptanceReason, let acceptance = f.entry.acceptance {
                    out.append("    \(s.labelled(s.acceptedBy, "\(report.decider(acceptance.by) ?? "") — \(reason)"))")
                }
                if !f.finding.mitigates.isEmpty {
                    let threats = f.finding.mitigates.map { "\(report.number(ofThreat: $0).map { "\($0). " } ?? "")\(report.threatTitle($0))" }
                    out.append("    \(s.labelled(s.mitigates, threats.joined(separator: "; ")))")
                }
                out.append("    \(s.labelled(s.source, report.sourceLine(f)))  \(s.labelled(s.fingerprint, f.finding.fingerprint))")
            }
            out.append("")
        }
        if !report.findings.isEmpty {
            out.append(s.byThreat)
            for group in report.byThreat {
                out.append("  \(s.labelled((group.number.map { "\($0). " } ?? "") + group.label, String(group.total)))")
            }
            out.append(s.byPerson)
            for group in report.byPerson { out.append("  \(s.labelled(group.label, String(group.total)))") }
            out.append("")
        }

        section(&out, s.incidents)
        if report.incidents.isEmpty { out.append("  \(s.noIncidents)") }
        for incident in report.incidents {
            let i = incident.incident
            let plan = incident.entry.plan
            out.append("  \(report.incidentLabel(incident))")
            out.append("    \(s.labelled(s.status, s.status(i.status)))  \(s.labelled(s.currentStep, report.stepTitle(i.currentStep, in: plan) ?? "—"))")
            if let plan {
                let steps = plan.steps.map { $0.id == i.currentStep ? "[\($0.name)]" : $0.name }
                out.append("    \(s.labelled(s.reactionPlan, steps.joined(separator: " → ")))")
                if let next = incident.nextStep {
                    var line = s.labelled(s.nextStep, next.name)
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
                var line = "      \(report.dates.date(d.at))  \(s.action(d.action))"
                if let step = report.stepTitle(d.step, in: plan) { line += " · \(step)" }
                line += " — \(report.reason(d, plan: plan))"
                if let by = report.decider(d.by) { line += " (\(by))" }
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
            out.append("  \(s.labelled(s.threatsWithoutRule, cov.threatsWithoutRule.map(report.threatTitle).joined(separator: "; ")))")
        }
        if !cov.threatsWithoutReaction.isEmpty {
            out.append("  \(s.labelled(s.threatsWithoutReaction, cov.threatsWithoutReaction.map(report.threatTitle).joined(separator: "; ")))")
        }
        for threat in report.threats {
            let n = report.number(ofThreat: threat.id) ?? 0
            out.append("  \(n). \(threat.title)")
            let rules = threat.mitigatedBy.isEmpty ? "—" : threat.mitigatedBy.map(report.ruleTitle).joined(separator: "; ")
            let reactions = threat.answeredBy.isEmpty ? "—" : threat.answeredBy.map(report.reactionTitle).joined(separator: "; ")
            out.append("     \(s.labelled(s.rules, rules))")
            out.append("     \(s.labelled(s.reactions, reactions))")
        }
        out.append("")

        if !document.skipped.isEmpty {
            section(&out, s.skipped)
            for item in document.skipped {
                out.append("  \(report.masker.mask(item.item)) (\(item.count)) — \(report.masker.mask(item.reason))")
            }
            out.append("")
        }
        out.append(report.masked ? s.maskedNote : s.revealedNote)
        return out.joined(separator: "\n") + "\n"
    }

    func section(_ out: inout [String], _ title: String) {
        out.append(title)
        out.append(String(repeating: "-", count: title.count))
    }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    /// The 5×5 matrix as text, impact from 5 (top) to 1, likelihood 1 to 5:
    /// each cell lists the numbers of its threats (all of them), as the
    /// register below numbers them.
    func matrix() -> [String] {
        let cells = (1...5).flatMap { impact in
            (1...5).map { likelihood in
                report.threats.filter { $0.likelihood == likelihood && $0.impact == impact }
                    .compactMap { report.number(ofThreat: $0.id) }.map(String.init).joined(separator: ",")
            }
        }
        let width = max(7, (cells.map(\.count).max() ?? 0) + 2)
        var lines: [String] = []
        for impact in (1...5).reversed() {
            var line = "  \(s.impactShort)\(impact) |"
            for likelihood in 1...5 {
                let text = cells[(impact - 1) * 5 + likelihood - 1]
                line += " " + pad(text.isEmpty ? "·" : text, width - 1) + "|"
            }
            lines.append(line)
        }
        var axis = "      "
        for likelihood in 1...5 { axis += " " + pad("\(s.likelihoodShort)\(likelihood)", width - 1) + " " }
        lines.append(axis)
        return lines
    }
}

/// Header lines shared by the text-like formats.
enum Header {
    static func lines(_ report: PreparedReport) -> [String] {
        let s = report.strings
        let d = report.document
        var lines = [
            s.labelled(s.client, d.client),
            s.labelled(s.policy, "\(d.policy.title ?? d.policy.name) (\(d.policy.version))"),
            s.labelled(s.generated, report.dates.date(d.generatedAt)),
        ]
        if let run = d.run {
            var runLine = run.id.map(s.runNumber) ?? ""
            if let period = report.runPeriod(run) { runLine += (runLine.isEmpty ? "" : ", ") + period }
            if !runLine.isEmpty { lines.append(s.labelled(s.run, runLine)) }
            if !run.inputs.isEmpty { lines.append(s.labelled(s.inputs, run.inputs.map(report.masker.mask).joined(separator: ", "))) }
            lines.append(s.labelled(s.activitiesChecked, String(run.activities)))
            lines.append(run.baselineRunID.map { s.labelled(s.comparedWith, s.runNumber($0)) } ?? s.firstRun)
        }
        lines.append(s.zoneNote(report.dates))
        return lines
    }
}
