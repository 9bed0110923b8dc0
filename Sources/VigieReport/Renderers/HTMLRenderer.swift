import VigieModel

/// A self-contained HTML file: inline CSS and SVG, system fonts, no script,
/// nothing fetched from the network. A summary first, then the risk matrix,
/// the findings, the incidents, the coverage and what was skipped.
///
/// Written for the client's manager: titles and names wherever the policy
/// gives them (identifiers and fingerprints stay in attributes, for tools),
/// every time on the organisation's clock with the zone named once in the
/// masthead, threats numbered as in the register, and layouts that hold on
/// a phone and on paper.
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
        h += "<footer>\(e(s.generatedBy)) · \(e(report.dates.date(document.generatedAt)))</footer>\n"
        h += "</div>\n</body>\n</html>\n"
        return h
    }

    func e(_ text: String) -> String { HTML.escape(text) }

    /// A threat's numbered marker, as in the heat map.
    func marker(_ id: String) -> String {
        guard let n = report.number(ofThreat: id) else { return "" }
        let level = report.threats.first { $0.id == id }.map { RiskLevel(score: $0.score).rawValue } ?? "low"
        return "<span class=\"marker band-\(level)\">\(n)</span>"
    }

    func masthead() -> String {
        var h = "<header class=\"masthead\"><div class=\"page\">\n"
        let policy = document.policy.title ?? DisplayNames.humanised(document.policy.name)
        h += "<div class=\"eyebrow\">Vigie · \(e(policy)) · \(e(document.policy.version))</div>\n"
        h += "<h1>\(e(s.reportTitle))</h1>\n<div class=\"client\">\(e(document.client))</div>\n<dl class=\"meta\">\n"
        func item(_ label: String, _ value: String) -> String {
            "<div><dt>\(e(label))</dt><dd>\(e(value))</dd></div>\n"
        }
        h += item(s.generated, report.dates.date(document.generatedAt))
        if let run = document.run {
            if let id = run.id { h += item(s.run, s.runNumber(id)) }
            if let period = report.runPeriod(run) { h += item(s.period, period) }
            h += item(s.activitiesChecked, String(run.activities))
            if !run.inputs.isEmpty { h += item(s.inputs, run.inputs.map(report.masker.mask).joined(separator: ", ")) }
            h += item(s.comparedWith, run.baselineRunID.map(s.runNumber) ?? "—")
        }
        h += item(s.timesLabel, report.dates.clock.name(language: report.language.rawValue))
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
        h += stat(report.seriousCount, s.serious, alert: report.seriousCount > 0)
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
        for point in report.keyPoints() { h += "<li>\(e(point))</li>\n" }
        h += "</ul>\n"
        h += "<p class=\"privacy\(report.masked ? "" : " revealed")\">\(e(report.masked ? s.maskedNote : s.revealedNote))</p>\n"
        h += "</section>\n"
        return h
    }

    func matrix() -> String {
        var h = "<section id=\"matrix\">\n<h2>\(e(s.riskMatrix))</h2>\n<div class=\"matrix\">\n<figure>\n"
        h += HeatMap(report: report).render()
        h += "\n<figcaption>\(e(s.matrixCaption))</figcaption>\n<div class=\"bands\">"
        for level in RiskLevel.allCases {
            h += "<span><i class=\"band-\(level.rawValue)\"></i>\(e(level.name(language: report.language.rawValue))) \(level.rangeText)</span>"
        }
        h += "</div>\n</figure>\n<div class=\"register\">\n<h3>\(e(s.threatRegister))</h3>\n"
        if report.threats.isEmpty {
            h += "<p class=\"empty\">\(e(s.noThreats))</p>\n"
        } else {
            h += "<table>\n<thead><tr><th class=\"num\">\(e(s.number))</th><th>\(e(s.threat))</th><th class=\"num\" title=\"\(e(s.likelihood))\">\(e(s.likelihoodShort))</th><th class=\"num\" title=\"\(e(s.impact))\">\(e(s.impactShort))</th><th class=\"num\">\(e(s.score))</th></tr></thead>\n<tbody>\n"
            for t in report.threats {
                let level = RiskLevel(score: t.score)
                h += "<tr id=\"\(HTML.anchor("threat", t.id))\" data-threat=\"\(e(t.id))\"><td class=\"num\">\(marker(t.id))</td><td>\(e(t.title))</td>"
                h += "<td class=\"num\">\(t.likelihood)</td><td class=\"num\">\(t.impact)</td>"
                h += "<td class=\"num\"><span class=\"score band-\(level.rawValue)\">\(t.score)</span> <span class=\"level\">\(e(level.name(language: report.language.rawValue)))</span></td></tr>\n"
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
        for (title, groups, threats) in [(s.byThreat, report.byThreat, true), (s.byPerson, report.byPerson, false)] {
            h += "<div><h3>\(e(title))</h3>\n<table class=\"counts\">\n<thead><tr><th></th>"
            for severity in PreparedReport.severities {
                h += "<th class=\"num sev-\(severity.rawValue)\" title=\"\(e(s.severity(severity)))\"><span class=\"badge sev\">\(e(String(s.severity(severity).prefix(1))))</span></th>"
            }
            h += "<th class=\"num\">\(e(s.total))</th></tr></thead>\n<tbody>\n"
            for g in groups {
                let mark = threats && !g.key.isEmpty ? marker(g.key) + " " : ""
                h += "<tr><td>\(mark)\(e(g.label))</td>"
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
        var h = "<article class=\"finding sev-\(severity.rawValue)\" id=\"\(HTML.anchor("finding", f.finding.fingerprint))\" data-rule=\"\(e(f.finding.ruleID))\" data-fingerprint=\"\(e(f.finding.fingerprint))\">\n<header>"
        h += "<span class=\"badge sev\">\(e(s.severity(severity)))</span>"
        if f.entry.isNew { h += "<span class=\"badge new\">\(e(s.newLabel))</span>" }
        if f.entry.acceptance != nil { h += "<span class=\"badge accepted\">\(e(s.acceptedLabel))</span>" }
        h += "<h4>\(e(f.entry.ruleTitle ?? report.ruleTitle(f.finding.ruleID)))</h4>"
        h += "</header>\n<div class=\"where\">\(e(report.whereLine(f)))</div>\n"
        h += "<blockquote class=\"excerpt\">"
        for piece in f.excerpt {
            h += piece.isEvidence ? "<mark>\(e(piece.text))</mark>" : e(piece.text)
        }
        h += "</blockquote>\n"
        if let note = f.note { h += "<p class=\"note\"><strong>\(e(s.labelled(s.note, "")))</strong>\(e(note))</p>\n" }
        if let advice = f.advice { h += "<p class=\"advice\"><strong>\(e(s.labelled(s.advice, "")))</strong>\(e(advice))</p>\n" }
        if let acceptance = f.entry.acceptance {
            h += "<p class=\"advice\"><strong>\(e(s.labelled(s.acceptedBy, "")))</strong>\(e(report.decider(acceptance.by) ?? "")) — \(e(f.acceptanceReason ?? ""))</p>\n"
        }
        if !f.finding.mitigates.isEmpty {
            h += "<p class=\"threats\">\(e(s.labelled(s.mitigates, "")))"
            h += f.finding.mitigates.map {
                "<a class=\"chip\" href=\"#\(HTML.anchor("threat", $0))\">\(marker($0)) \(e(report.threatTitle($0)))</a>"
            }.joined(separator: " ")
            h += "</p>\n"
        }
        h += "<p class=\"source\">\(e(s.labelled(s.source, report.sourceLine(f))))</p>\n</article>\n"
        return h
    }

    func incidents() -> String {
        var h = "<section id=\"incidents\">\n<h2>\(e(s.incidents))</h2>\n"
        if report.incidents.isEmpty { return h + "<p class=\"empty\">\(e(s.noIncidents))</p>\n</section>\n" }
        for incident in report.incidents {
            let i = incident.incident
            let plan = incident.entry.plan
            h += "<article class=\"incident\" id=\"\(HTML.anchor("incident", i.id))\" data-incident=\"\(e(i.id))\" data-kind=\"\(e(i.kind))\">\n<header>"
            h += "<h3>\(e(incident.entry.title ?? DisplayNames.humanised(i.kind)))</h3>"
            h += "<span class=\"badge status-\(i.status.rawValue)\">\(e(s.status(i.status)))</span></header>\n"
            if let person = incident.entry.actorName.map(report.masker.mask) ?? report.personName(i.actorID) {
                h += "<div class=\"where\">\(e(s.labelled(s.person, person)))</div>\n"
            }
            if let plan {
                let currentIndex = plan.steps.firstIndex { $0.id == i.currentStep }
                h += "<ol class=\"stepper\" aria-label=\"\(e(s.reactionPlan))\">"
                for (index, step) in plan.steps.enumerated() {
                    var cls = ""
                    if let currentIndex {
                        if index < currentIndex { cls = "done" } else if index == currentIndex { cls = "current" }
                    }
                    if step.id == incident.nextStep?.id { cls = "next" }
                    h += "<li class=\"\(cls)\" data-step=\"\(e(step.id))\">\(e(step.name))</li>"
                }
                h += "</ol>\n"
                if let next = incident.nextStep {
                    h += "<p class=\"next-step\"><strong>\(e(s.labelled(s.nextStep, next.name)))</strong>"
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
                let step = report.stepTitle(d.step, in: plan)
                h += "<li><time>\(e(report.dates.date(d.at)))</time><span class=\"act\">\(e(s.action(d.action)))\(step.map { " · " + e($0) } ?? "")</span>"
                h += "<p>\(e(report.reason(d, plan: plan)))\(report.decider(d.by).map { " <span class=\"by\">— \(e($0))</span>" } ?? "")</p></li>\n"
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
        h += "<table class=\"coverage\">\n<thead><tr><th>\(e(s.threat))</th><th>\(e(s.mitigatedByRules))</th><th>\(e(s.answeredByReactions))</th></tr></thead>\n<tbody>\n"
        for t in report.threats {
            let uncovered = cov.threatsWithoutRule.contains(t.id) || cov.threatsWithoutReaction.contains(t.id)
            h += "<tr\(uncovered ? " class=\"uncovered\"" : "")><td>\(marker(t.id)) \(e(t.title))</td>"
            for (ids, name) in [(t.mitigatedBy, report.ruleTitle), (t.answeredBy, report.reactionTitle)] {
                if ids.isEmpty {
                    h += "<td><span class=\"no\">✗ \(e(s.none))</span></td>"
                } else {
                    h += "<td><ul class=\"names\">" + ids.map { "<li>\(e(name($0)))</li>" }.joined() + "</ul></td>"
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
            h += "<tr><td class=\"path\">\(e(report.masker.mask(item.item)))</td><td class=\"num\">\(item.count)</td><td>\(e(report.masker.mask(item.reason)))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }
}

/// A percentage with one decimal and a dot, whatever the locale.
func percentText(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

