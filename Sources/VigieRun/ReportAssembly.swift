import Foundation
import VigieEngine
import VigieImport
import VigieModel
import VigieReport
import VigieToolkit

extension CheckRun {
    /// What the report shows, from the engine's register and this run (its
    /// findings are all read back: a report is rendered whole).
    public func reportDocument(inputs: [String], generatedAt: Date = Date()) throws -> ReportDocument {
        let manifest = engine.declarations.manifest
        let register: ThreatRegister
        do {
            register = try engine.analyse()
        } catch {
            throw RunError(.policy, error.description)
        }
        let threats = register.applicable.map {
            ReportDocument.Threat(
                id: $0.id, title: $0.title ?? $0.id, likelihood: min(5, max(1, $0.likelihood)),
                impact: min(5, max(1, $0.impact)), mitigatedBy: $0.mitigatedBy, answeredBy: $0.answeredBy)
        }
        let declarations = engine.declarations
        let titles = Dictionary((declarations.rules + declarations.indicators).map { ($0.id, $0.texts.title) }) { a, _ in a }
        let people = Self.peopleNames(engine.profile)
        // The acceptances in force: the report marks those findings accepted
        // (SARIF suppressions, CSV, HTML, Markdown, JSON).
        var accepted: [String: ReportDocument.Acceptance] = [:]
        if let caseFile {
            do {
                for a in try caseFile.acceptedFindings() where a.isActive(at: generatedAt) {
                    accepted[a.fingerprint] = ReportDocument.Acceptance(reason: a.reason, by: a.acceptedBy)
                }
            } catch {
                throw RunError(caseFile: error)
            }
        }
        let findings = try allFindings().map { line in
            ReportDocument.FindingEntry(
                finding: line.finding, ruleTitle: titles[line.finding.ruleID] ?? nil,
                activity: ReportDocument.ActivityExcerpt(
                    text: line.activityText, platform: Platform(line.platform),
                    kind: ActivityKind(rawValue: line.kind), author: line.author, timestamp: line.timestamp),
                actorName: line.finding.actorID.flatMap { people[$0] }, isNew: line.isNew,
                acceptance: accepted[line.finding.fingerprint], note: line.note)
        }
        // The incidents as they stand after the run: the case file's, once
        // each (with the consultants' decisions), else this run's.
        var stands: [(incident: Incident, actorKey: String)] = incidents.map { ($0.incident, $0.actorKey) }
        if let caseFile {
            do {
                stands = try caseFile.storedIncidents().map { ($0.incident, $0.actorKey) }
            } catch {
                throw RunError(caseFile: error)
            }
        }
        let language = manifest.language
        let incidentEntries = stands.map { incident, actorKey in
            let reaction = engine.declarations.reactions.first { $0.on == incident.kind }
            let declaration = engine.declarations.incidents.first { $0.id == incident.kind }
            return ReportDocument.IncidentEntry(
                incident: incident, plan: reaction?.plan, title: declaration?.texts.title,
                actorName: incident.actorID.flatMap { people[$0] } ?? Self.authorName(actorKey, language: language))
        }
        var skippedByReason: [String: Int] = [:]
        for issue in skipped { skippedByReason[issue.reason.rawValue, default: 0] += 1 }
        return ReportDocument(
            policy: .init(name: manifest.name, version: manifest.version, language: manifest.language, title: manifest.texts.title),
            client: engine.profile?.organisation.name ?? manifest.texts.title ?? manifest.name,
            generatedAt: Timestamp(date: generatedAt),
            run: .init(
                id: runID.map { String($0.rawValue) }, inputs: inputs, activities: activities,
                skipped: skipped.count, baselineRunID: comparison?.baseline.map { String($0.rawValue) }),
            threats: threats, findings: findings, incidents: incidentEntries,
            skipped: skippedByReason.keys.sorted().map { .init(item: $0, reason: $0, count: skippedByReason[$0]!) }
                // The input lost: each file refused or partly imported, and why.
                + sources.flatMap(\.files).filter { $0.status != .imported }.map {
                    .init(item: $0.file, reason: "\($0.status.rawValue): \($0.problem ?? "")", count: $0.lost + $0.skipped)
                },
            timeZone: engine.profile?.organisation.timeZone,
            names: .init(
                rules: Dictionary((declarations.rules + declarations.indicators).compactMap { r in r.texts.title.map { (r.id, $0) } }) { a, _ in a },
                reactions: Dictionary(declarations.reactions.compactMap { r in r.texts.title.map { (r.id, $0) } }) { a, _ in a },
                people: people))
    }

    /// Someone the profile does not know, by the key incidents give them
    /// (`instagram:Marc-André Lebel` → `Marc-André Lebel (Instagram)`).
    static func authorName(_ actorKey: String, language: String) -> String? {
        guard let colon = actorKey.firstIndex(of: ":") else { return nil }
        return DisplayNames.account(
            String(actorKey[actorKey.index(after: colon)...]), platform: Platform(String(actorKey[..<colon])), language: language)
    }

    /// The names of the profile's people by id, and the organisation's own
    /// name for its accounts (`organisation`).
    public static func peopleNames(_ profile: OrganisationProfile?) -> [String: String] {
        var names = Dictionary((profile?.people ?? []).map { ($0.id, $0.name) }) { a, _ in a }
        if let organisation = profile?.organisation.name { names["organisation"] = organisation }
        return names
    }
}

/// The toolkit's detectors behind masking (`check`'s excerpts and the reports).
public struct ToolkitDetector: PersonalDataDetector {
    public init() {}

    public func spans(in text: String) -> [Range<Int>] {
        Detectors.all(in: text).map { $0.start..<$0.end }
    }
}

extension Excerpt {
    /// The toolkit detectors' ranges in `text`.
    static func personalData(in text: String) -> [Range<Int>] {
        ToolkitDetector().spans(in: text)
    }
}
