import Foundation
import VigieModel

/// The JSON report, schema `vigie.report/1` (see `docs/report-schema.md`).
/// Decoding a rendered report gives this value back.
public struct JSONReport: Hashable, Codable, Sendable {
    public static let schemaVersion = "vigie.report/1"

    public var schema: String
    public var language: String
    /// Whether personal data was masked.
    public var masked: Bool
    /// The IANA time zone every timestamp of the report is written in (`UTC` without one).
    public var timeZone: String
    public var generatedAt: Timestamp
    public var client: String
    public var policy: ReportDocument.Policy
    public var run: ReportDocument.Run?
    public var summary: Summary
    public var threats: [Threat]
    public var findings: [FindingItem]
    public var incidents: [IncidentItem]
    public var coverage: ReportDocument.Coverage
    public var skipped: [ReportDocument.SkippedItem]

    public struct Summary: Hashable, Codable, Sendable {
        public var findings: Int
        public var newFindings: Int
        public var acceptedFindings: Int
        /// Counts per severity (`critical`, `high`, `medium`, `low`, `info`), all present.
        public var bySeverity: [String: Int]
        public var incidents: Int
        public var openIncidents: Int
        public var threats: Int
        /// The key points, as sentences in the report's language.
        public var keyPoints: [String]
    }

    public struct Threat: Hashable, Codable, Sendable {
        /// The threat's number in the register and on the heat map (1: the highest score).
        public var number: Int
        public var id: String
        public var title: String
        public var likelihood: Int
        public var impact: Int
        public var score: Int
        /// `low` (1–4), `moderate` (5–9), `high` (10–14), `critical` (15–25): Vigie's one risk scale.
        public var level: String
        /// The level's name in the report's language.
        public var levelName: String
        public var mitigatedBy: [String]
        public var answeredBy: [String]
    }

    public struct FindingItem: Hashable, Codable, Sendable {
        public var fingerprint: String
        public var ruleID: String
        public var ruleTitle: String?
        public var severity: Severity
        public var isNew: Bool
        public var acceptance: ReportDocument.Acceptance?
        public var actorID: String?
        public var actorName: String?
        public var activityID: String
        public var platform: String
        public var kind: String?
        public var author: String?
        public var timestamp: Timestamp?
        public var source: RecordSource?
        /// The text around the evidence, masked unless revealed; evidence between ⟦ and ⟧.
        public var excerpt: String
        public var evidence: [Evidence]
        public var advice: String?
        /// What the rule or indicator said of this finding, masked unless revealed.
        public var note: String?
        public var mitigates: [String]
    }

    public struct Evidence: Hashable, Codable, Sendable {
        /// Offsets in Unicode scalars into the activity's original text.
        public var start: Int
        public var end: Int
        public var label: String?
        /// The evidence text, masked unless revealed.
        public var text: String?
    }

    public struct IncidentItem: Hashable, Codable, Sendable {
        public var id: String
        public var kind: String
        public var title: String?
        public var actorID: String?
        public var actorName: String?
        public var status: Incident.Status
        public var currentStep: String?
        public var nextStep: ReactionStep?
        public var plan: ReactionPlan?
        public var openedBy: [String]
        /// Every decision, reasons masked unless revealed.
        public var history: [Decision]
    }
}

enum JSONRenderer {
    static func render(_ report: PreparedReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value(report)), as: UTF8.self) + "\n"
    }

    static func value(_ report: PreparedReport) -> JSONReport {
        let d = report.document
        let clock = report.dates.clock
        var run = d.run
        if var r = run {
            r.startedAt = r.startedAt.map(clock.local)
            r.finishedAt = r.finishedAt.map(clock.local)
            r.inputs = r.inputs.map(report.masker.mask)
            run = r
        }
        var bySeverity: [String: Int] = [:]
        for severity in Severity.allCases { bySeverity[severity.rawValue] = report.severityCounts[severity] ?? 0 }
        return JSONReport(
            schema: JSONReport.schemaVersion, language: report.language.rawValue, masked: report.masked,
            timeZone: clock.identifier, generatedAt: clock.local(d.generatedAt), client: d.client, policy: d.policy,
            run: run,
            summary: JSONReport.Summary(
                findings: report.findings.count, newFindings: report.newCount, acceptedFindings: report.acceptedCount,
                bySeverity: bySeverity, incidents: report.incidents.count,
                openIncidents: report.openIncidents.count, threats: d.threats.count,
                keyPoints: report.keyPoints()),
            threats: report.threats.map {
                JSONReport.Threat(
                    number: report.number(ofThreat: $0.id) ?? 0, id: $0.id, title: $0.title, likelihood: $0.likelihood,
                    impact: $0.impact, score: $0.score, level: RiskLevel(score: $0.score).rawValue,
                    levelName: report.strings.riskLevel(score: $0.score), mitigatedBy: $0.mitigatedBy,
                    answeredBy: $0.answeredBy)
            },
            findings: report.findings.map { f in
                JSONReport.FindingItem(
                    fingerprint: f.finding.fingerprint, ruleID: f.finding.ruleID, ruleTitle: f.entry.ruleTitle,
                    severity: f.finding.severity, isNew: f.entry.isNew,
                    acceptance: f.entry.acceptance.map { .init(reason: f.acceptanceReason ?? $0.reason, by: $0.by) },
                    actorID: f.finding.actorID, actorName: f.entry.actorName, activityID: f.finding.activity.id,
                    platform: f.entry.activity.platform.rawValue, kind: f.entry.activity.kind?.rawValue,
                    author: f.entry.activity.author.map(report.masker.mask),
                    timestamp: f.entry.activity.timestamp.map(clock.local),
                    source: f.finding.activity.source, excerpt: f.plainExcerpt,
                    evidence: f.finding.evidence.enumerated().map { index, span in
                        JSONReport.Evidence(
                            start: span.start, end: span.end, label: span.label,
                            text: f.evidenceTexts[index])
                    },
                    advice: f.advice, note: f.note, mitigates: f.finding.mitigates)
            },
            incidents: report.incidents.map { i in
                JSONReport.IncidentItem(
                    id: i.incident.id, kind: i.incident.kind, title: i.entry.title, actorID: i.incident.actorID,
                    actorName: i.entry.actorName, status: i.incident.status, currentStep: i.incident.currentStep,
                    nextStep: i.nextStep, plan: i.entry.plan, openedBy: i.incident.openedBy,
                    history: i.history.map { decision in
                        var local = decision
                        local.at = clock.local(decision.at)
                        return local
                    })
            },
            coverage: d.coverage,
            skipped: d.skipped.map {
                .init(item: report.masker.mask($0.item), reason: report.masker.mask($0.reason), count: $0.count)
            })
    }
}
