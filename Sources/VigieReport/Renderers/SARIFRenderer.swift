import Foundation
import VigieModel

/// SARIF 2.1.0 (OASIS), for tools that read static-analysis results: one
/// result per finding, the rule's id, a level from the severity, a message,
/// the activity's source file and line (or record), the fingerprint in
/// `partialFingerprints`, `baselineState` from the comparison with the
/// previous run, and accepted findings as suppressions.
enum SARIFRenderer {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let fingerprintKey = "vigieFingerprint/v1"

    /// `error` for critical and high, `warning` for medium, `note` for low and info.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func render(_ report: PreparedReport) throws -> String {
        let s = report.strings
        var ruleIDs: [String] = []
        var ruleTitles: [String: String] = [:]
        var ruleThreats: [String: Set<String>] = [:]
        var ruleSeverity: [String: Severity] = [:]
        for f in report.findings {
            let id = f.finding.ruleID
            if ruleTitles[id] == nil { ruleIDs.append(id) }
            ruleTitles[id] = f.entry.ruleTitle ?? ruleTitles[id] ?? id
            ruleThreats[id, default: []].formUnion(f.finding.mitigates)
            ruleSeverity[id] = max(ruleSeverity[id] ?? .info, f.finding.severity)
        }
        ruleIDs.sort()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let rules: [[String: Any]] = ruleIDs.map { id in
            [
                "id": id,
                "name": id,
                "shortDescription": ["text": ruleTitles[id] ?? id],
                "defaultConfiguration": ["level": level(ruleSeverity[id] ?? .info)],
                "properties": ["tags": Array(ruleThreats[id] ?? []).sorted()],
            ]
        }
        let hasBaseline = report.document.run?.baselineRunID != nil
        let results: [[String: Any]] = report.findings.map { f in
            var message = f.entry.ruleTitle ?? f.finding.ruleID
            let evidence = f.evidenceTexts.compactMap { $0 }
            if !evidence.isEmpty { message = s.labelled(message, evidence.map { s.quote($0) }.joined(separator: ", ")) }
            if let advice = f.advice { message += " — \(advice)" }
            var physical: [String: Any] = [
                "artifactLocation": ["uri": uri(f.finding.activity.source?.file ?? f.finding.activity.id)]
            ]
            if let line = f.finding.activity.source?.line, line >= 1 {
                physical["region"] = ["startLine": line]
            }
            var location: [String: Any] = [
                "physicalLocation": physical,
                "logicalLocations": [["name": f.finding.activity.id, "kind": "element"]],
            ]
            if let source = f.finding.activity.source { location["properties"] = ["record": source.index + 1] }
            var result: [String: Any] = [
                "ruleId": f.finding.ruleID,
                "level": level(f.finding.severity),
                "message": ["text": message],
                "locations": [location],
                "partialFingerprints": [fingerprintKey: f.finding.fingerprint],
                "properties": [
                    "severity": f.finding.severity.rawValue,
                    "excerpt": f.plainExcerpt,
                    "threats": f.finding.mitigates,
                    "actorID": f.finding.actorID ?? "",
                    "platform": f.entry.activity.platform.rawValue,
                ] as [String: Any],
            ]
            if let index = ruleIndex[f.finding.ruleID] { result["ruleIndex"] = index }
            if hasBaseline { result["baselineState"] = f.entry.isNew ? "new" : "unchanged" }
            if let acceptance = f.entry.acceptance {
                result["suppressions"] = [[
                    "kind": "external", "status": "accepted",
                    "justification": "\(f.acceptanceReason ?? acceptance.reason) (\(acceptance.by))",
                ]]
            }
            return result
        }
        var run: [String: Any] = [
            "tool": [
                "driver": [
                    "name": "Vigie",
                    "fullName": "Vigie — \(s.reportTitle)",
                    "semanticVersion": "1.0.0",
                    "rules": rules,
                ] as [String: Any]
            ],
            "results": results,
            "language": report.language.rawValue,
            "columnKind": "unicodeCodePoints",
            "properties": [
                "client": report.document.client,
                "policy": report.document.policy.name,
                "policyVersion": report.document.policy.version,
                "masked": report.masked,
            ] as [String: Any],
        ]
        if let id = report.document.run?.id {
            run["automationDetails"] = ["id": "vigie/\(report.document.policy.name)/\(id)"]
        }
        if let start = report.document.run?.startedAt {
            var invocation: [String: Any] = ["executionSuccessful": true, "startTimeUtc": utc(start)]
            if let end = report.document.run?.finishedAt { invocation["endTimeUtc"] = utc(end) }
            run["invocations"] = [invocation]
        }
        let log: [String: Any] = ["$schema": schemaURI, "version": "2.1.0", "runs": [run]]
        let data = try JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A relative URI reference for a path: spaces and other characters
    /// outside the URI syntax percent-encoded, `/` and `!` kept.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    static func utc(_ timestamp: Timestamp) -> String {
        Timestamp(secondsSince1970: timestamp.secondsSince1970, utcOffset: 0).iso8601
    }
}
