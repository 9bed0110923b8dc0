import VigieModel

/// A self-contained HTML file: inline CSS and SVG, system fonts, no script,
/// nothing fetched from the network. A summary first, then the risk matrix,
/// the findings, the incidents, the coverage and what was skipped.
struct HTMLRenderer {
    let report: PreparedReport
    var s: ReportStrings { report.strings }
    var document: ReportDocument { report.document }

    func render() -> String {
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"\(report.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"Vigie\">\n"
        h += "<title>\(e(s.reportTitle)) — \(e(document.client))</title>\n"
        h += "<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        h += masthead()
        h += "<div class=\"page\">\n"
        h += toc()
        h += summary()
        h += matrix()
        h += findings()
        h += incidents()
        h += coverage()
        h += skipped()
        h += "<footer>\(e(s.generatedBy)) · \(e(s.date(document.generatedAt)))</footer>\n"
        h += "</div>\n</body>\n</html>\n"
        return h
    }

    func e(_ text: String) -> String { HTML.escape(text) }

    func masthead() -> String {
        var h = "<header class=\"masthead\"><div class=\"page\">\n"
        h += "<div class=\"eyebrow\">Vigie · \(e(document.policy.name)) \(e(document.policy.version))</div>\n"
        h += "<h1>\(e(s.reportTitle))</h1>\n<div class=\"client\">\(e(document.client))</div>\n<dl class=\"meta\">\n"
        func item(_ label: String, _ value: String) -> String {
            "<div><dt>\(e(label))</dt><dd>\(e(value))</dd></div>\n"
        }
        h += item(s.generated, s.date(document.generatedAt))
        if let run = document.run {
            if let id = run.id { h += item(s.run, "#\(id)") }
            if let start = run.startedAt { h += item(s.period, s.period(from: start, to: run.finishedAt)) }
            h += item(s.activitiesChecked, String(run.activities))
            if !run.inputs.isEmpty { h += item(s.inputs, run.inputs.joined(separator: ", ")) }
            h += item(s.comparedWith, run.baselineRunID.map { "#\($0)" } ?? "—")
        }
        h += "</dl>\n</div></header>\n"
        return h
    }

    func toc() -> String {
        let links = [
            ("summary", s.summary), ("matrix", s.riskMatrix), ("findings", s.findings), ("incidents", s.incidents),
            ("coverage", s.coverage), ("skipped", s.skipped),
        ]
        return "<nav class=\"toc\" aria-label=\"\(e(s.contents))\">"
            + links.map { "<a href=\"#\($0.0)\">\(e($0.1))</a>" }.joined() + "</nav>\n"
    }

    func summary() -> String {
        var h = "<section id=\"summary\">\n<h2>\(e(s.summary))</h2>\n<div class=\"cards\">\n"
        func stat(_ number: Int, _ label: String, alert: Bool = false) -> String {
            "<div class=\"stat\(alert ? " alert" : "")\"><div class=\"num\">\(number)</div><div class=\"label\">\(e(label))</div></div>\n"
        }
        h += stat(report.findings.count, s.findings)
        h += stat(report.newCount, s.newLabel, alert: report.newCount > 0)
        h += stat(report.seriousCount, "\(s.severity(.critical)) + \(s.severity(.high))", alert: report.seriousCount > 0)
        h += stat(report.openIncidents.count, s.openIncidents, alert: !report.openIncidents.isEmpty)
        let uncovered = Set(document.coverage.threatsWithoutRule + document.coverage.threatsWithoutReaction).count
        h += stat(document.threats.count, s.threats)
        h += stat(uncovered, s.uncoveredThreats, alert: uncovered > 0)
        h += "</div>\n"
        // Severity bar.
        let total = max(1, report.findings.count)
        h += "<div class=\"sevbar\" role=\"img\" aria-label=\"\(e(s.bySeverity))\">"
        for severity in PreparedReport.severities {
            let n = report.severityCounts[severity] ?? 0
            guard n > 0 else { continue }
            let percent = Double(n) * 100 / Double(total)
            h += "<span class=\"sev-\(severity.rawValue)\" style=\"width:\(percentText(percent))%;background:var(--sev)\" title=\"\(e(s.severity(severity))): \(n)\"></span>"
        }
        h += "</div>\n<div class=\"legend\">"
        for severity in PreparedReport.severities {
            h += "<span class=\"sev-\(severity.rawValue)\"><i style=\"background:var(--sev)\"></i>\(e(s.severity(severity))) \(report.severityCounts[severity] ?? 0)</span>"
        }
        h += "</div>\n<h3>\(e(s.keyPoints))</h3>\n<ul class=\"keypoints\">\n"
        for point in Header.keyPoints(report) { h += "<li>\(e(point))</li>\n" }
        h += "</ul>\n"
        h += "<p class=\"privacy\(report.masked ? "" : " revealed")\">\(e(report.masked ? s.maskedNote : s.revealedNote))</p>\n"
        h += "</section>\n"
        return h
    }

    func matrix() -> String {
        var h = "<section id=\"matrix\">\n<h2>\(e(s.riskMatrix))</h2>\n<div class=\"matrix\">\n<figure>\n"
        h += HeatMap(threats: report.threats, strings: s).render()
        h += "\n<figcaption>\(e(s.matrixCaption))</figcaption>\n<div class=\"bands\">"
        for (level, lowest, range) in [(RiskLevel.low, 1, "1–4"), (.moderate, 5, "5–9"), (.high, 10, "10–14"), (.critical, 15, "15–25")] {
            h += "<span><i class=\"band-\(level.rawValue)\"></i>\(e(s.riskLevel(score: lowest))) \(range)</span>"
        }
        h += "</div>\n</figure>\n<div>\n<h3 style=\"margin-top:0\">\(e(s.threatRegister))</h3>\n"
        if report.threats.isEmpty {
            h += "<p class=\"empty\">\(e(s.noThreats))</p>\n"
        } else {
            h += "<table>\n<thead><tr><th>\(e(s.threat))</th><th class=\"num\" title=\"\(e(s.likelihood))\">\(e(s.likelihoodShort))</th><th class=\"num\" title=\"\(e(s.impact))\">\(e(s.impactShort))</th><th class=\"num\">\(e(s.score))</th></tr></thead>\n<tbody>\n"
            for t in report.threats {
                h += "<tr id=\"\(HTML.anchor("threat", t.id))\"><td><strong>\(e(t.title))</strong><br><code>\(e(t.id))</code></td>"
                h += "<td class=\"num\">\(t.likelihood)</td><td class=\"num\">\(t.impact)</td>"
                h += "<td class=\"num\"><span class=\"score band-\(RiskLevel(score: t.score).rawValue)\" title=\"\(e(s.riskLevel(score: t.score)))\">\(t.score)</span></td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        h += "</div>\n</div>\n</section>\n"
        return h
    }

    func findings() -> String {
        var h = "<section id=\"findings\">\n<h2>\(e(s.findings))</h2>\n"
        if report.findings.isEmpty {
            return h + "<p class=\"empty\">\(e(s.noFindings))</p>\n</section>\n"
        }
        h += "<div class=\"groups\">\n"
        for (title, groups) in [(s.byThreat, report.byThreat), (s.byPerson, report.byPerson)] {
            h += "<div><h3>\(e(title))</h3>\n<table class=\"counts\">\n<thead><tr><th></th>"
            for severity in PreparedReport.severities {
                h += "<th class=\"num sev-\(severity.rawValue)\" title=\"\(e(s.severity(severity)))\"><span class=\"badge sev\">\(e(String(s.severity(severity).prefix(1))))</span></th>"
            }
            h += "<th class=\"num\">\(e(s.total))</th></tr></thead>\n<tbody>\n"
            for g in groups {
                if let name = g.name, !g.key.isEmpty {
                    h += "<tr><td>\(e(name)) <code>\(e(g.key))</code></td>"
                } else {
                    h += "<tr><td>\(e(g.label))</td>"
                }
                for severity in PreparedReport.severities {
                    let n = g.counts[severity] ?? 0
                    h += "<td class=\"num\">\(n == 0 ? "·" : String(n))</td>"
                }
                h += "<td class=\"num\"><strong>\(g.total)</strong></td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        h += "</div>\n"
        for severity in PreparedReport.severities {
            let group = report.findings.filter { $0.finding.severity == severity }
            guard !group.isEmpty else { continue }
            h += "<h3 class=\"sevhead sev-\(severity.rawValue)\">\(e(s.severity(severity))) <span class=\"badge sev\">\(group.count)</span></h3>\n"
            for f in group { h += finding(f) }
        }
        h += "</section>\n"
        return h
    }

    func finding(_ f: PreparedReport.PreparedFinding) -> String {
        let severity = f.finding.severity
        var h = "<article class=\"finding sev-\(severity.rawValue)\" id=\"\(HTML.anchor("finding", f.finding.fingerprint))\">\n<header>"
        h += "<span class=\"badge sev\">\(e(s.severity(severity)))</span>"
        if f.entry.isNew { h += "<span class=\"badge new\">\(e(s.newLabel))</span>" }
        if f.entry.acceptance != nil { h += "<span class=\"badge accepted\">\(e(s.acceptedLabel))</span>" }
        h += "<h4>\(e(f.entry.ruleTitle ?? f.finding.ruleID))</h4>"
        if f.entry.ruleTitle != nil { h += "<code>\(e(f.finding.ruleID))</code>" }
        h += "</header>\n<div class=\"where\">\(e(Header.where(f, s)))</div>\n"
        h += "<blockquote class=\"excerpt\">"
        for piece in f.excerpt {
            h += piece.isEvidence ? "<mark>\(e(piece.text))</mark>" : e(piece.text)
        }
        h += "</blockquote>\n"
        if let advice = f.advice { h += "<p class=\"advice\"><strong>\(e(s.labelled(s.advice, "")))</strong>\(e(advice))</p>\n" }
        if let acceptance = f.entry.acceptance {
            h += "<p class=\"advice\"><strong>\(e(s.labelled(s.acceptedBy, "")))</strong>\(e(acceptance.by)) — \(e(f.acceptanceReason ?? ""))</p>\n"
        }
        h += "<p class=\"source\">\(e(s.labelled(s.source, Header.source(f, s))))"
        if !f.finding.mitigates.isEmpty {
            h += " · \(e(s.labelled(s.mitigates, "")))"
            h += f.finding.mitigates.map { "<a class=\"chip\" href=\"#\(HTML.anchor("threat", $0))\">\(e($0))</a>" }.joined()
        }
        h += " · \(e(s.fingerprint)) <code>\(e(f.finding.fingerprint))</code></p>\n</article>\n"
        return h
    }

    func incidents() -> String {
        var h = "<section id=\"incidents\">\n<h2>\(e(s.incidents))</h2>\n"
        if report.incidents.isEmpty { return h + "<p class=\"empty\">\(e(s.noIncidents))</p>\n</section>\n" }
        for incident in report.incidents {
            let i = incident.incident
            h += "<article class=\"incident\" id=\"\(HTML.anchor("incident", i.id))\">\n<header>"
            h += "<h3>\(e(incident.entry.title ?? i.kind))</h3><code>\(e(i.id))</code>"
            h += "<span class=\"badge status-\(i.status.rawValue)\">\(e(s.status(i.status)))</span></header>\n"
            if let person = incident.entry.actorName ?? i.actorID {
                h += "<div class=\"where\">\(e(s.labelled(s.person, person)))</div>\n"
            }
            if let plan = incident.entry.plan {
                let currentIndex = plan.steps.firstIndex { $0.id == i.currentStep }
                h += "<ol class=\"stepper\" aria-label=\"\(e(s.reactionPlan))\">"
                for (index, step) in plan.steps.enumerated() {
                    var cls = ""
                    if let currentIndex {
                        if index < currentIndex { cls = "done" } else if index == currentIndex { cls = "current" }
                    }
                    if step.id == incident.nextStep?.id { cls = "next" }
                    h += "<li class=\"\(cls)\"\(step.condition.map { " title=\"\(e($0))\"" } ?? "")>\(e(step.id))</li>"
                }
                h += "</ol>\n"
                if let next = incident.nextStep {
                    h += "<p class=\"next-step\"><strong>\(e(s.labelled(s.nextStep, next.id)))</strong>"
                    if let advice = next.advice { h += " — \(e(report.masker.mask(advice)))" }
                    if next.recordReasons { h += " <em>(\(e(s.recordReasons)))</em>" }
                    h += "</p>\n"
                } else if i.status == .open {
                    h += "<p class=\"next-step complete\">\(e(s.planComplete))</p>\n"
                }
            } else {
                h += "<p class=\"empty\">\(e(s.noPlan))</p>\n"
            }
            h += "<h4>\(e(s.timeline))</h4>\n<ol class=\"timeline\">\n"
            for d in incident.history {
                h += "<li><time>\(e(s.date(d.at)))</time><span class=\"act\">\(e(s.action(d.action)))\(d.step.map { " → " + e($0) } ?? "")</span>"
                h += "<p>\(e(d.reason))\(d.by.map { " <span class=\"by\">— \(e($0))</span>" } ?? "")</p></li>\n"
            }
            h += "</ol>\n</article>\n"
        }
        return h + "</section>\n"
    }

    func coverage() -> String {
        var h = "<section id=\"coverage\">\n<h2>\(e(s.coverage))</h2>\n"
        let cov = document.coverage
        if report.threats.isEmpty { return h + "<p class=\"empty\">\(e(s.noThreats))</p>\n</section>\n" }
        if cov.threatsWithoutRule.isEmpty && cov.threatsWithoutReaction.isEmpty {
            h += "<p class=\"yes\">\(e(s.everyThreatCovered))</p>\n"
        }
        h += "<table>\n<thead><tr><th>\(e(s.threat))</th><th class=\"num\">\(e(s.score))</th><th>\(e(s.mitigatedByRules))</th><th>\(e(s.answeredByReactions))</th></tr></thead>\n<tbody>\n"
        for t in report.threats {
            let uncovered = cov.threatsWithoutRule.contains(t.id) || cov.threatsWithoutReaction.contains(t.id)
            h += "<tr\(uncovered ? " class=\"uncovered\"" : "")><td><strong>\(e(t.title))</strong> <code>\(e(t.id))</code></td>"
            h += "<td class=\"num\"><span class=\"score band-\(RiskLevel(score: t.score).rawValue)\">\(t.score)</span></td>"
            for ids in [t.mitigatedBy, t.answeredBy] {
                if ids.isEmpty {
                    h += "<td><span class=\"no\">✗ \(e(s.none))</span></td>"
                } else {
                    h += "<td><span class=\"yes\">✓</span> " + ids.map { "<code>\(e($0))</code>" }.joined(separator: " ") + "</td>"
                }
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h + "</section>\n"
    }

    func skipped() -> String {
        var h = "<section id=\"skipped\">\n<h2>\(e(s.skipped))</h2>\n"
        if document.skipped.isEmpty { return h + "<p class=\"empty\">\(e(s.noSkipped))</p>\n</section>\n" }
        h += "<table>\n<thead><tr><th>\(e(s.item))</th><th class=\"num\">\(e(s.count))</th><th>\(e(s.reason))</th></tr></thead>\n<tbody>\n"
        for item in document.skipped {
            h += "<tr><td><code>\(e(item.item))</code></td><td class=\"num\">\(item.count)</td><td>\(e(item.reason))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }
}

/// A percentage with one decimal and a dot, whatever the locale.
func percentText(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
