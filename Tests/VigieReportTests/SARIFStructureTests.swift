import Foundation
import Testing

@testable import VigieReport

/// SARIF 2.1.0 objects forbid members the spec does not define
/// (`additionalProperties: false`); these are the members it defines for the
/// objects Vigie writes (OASIS SARIF 2.1.0, §3.13 to §3.27).
@Suite struct SARIFStructureTests {
    static let allowed: [String: Set<String>] = [
        "sarifLog": ["$schema", "version", "runs", "inlineExternalProperties", "properties"],
        "run": [
            "tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
            "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates",
            "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences",
            "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
            "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties",
        ],
        "tool": ["driver", "extensions", "properties"],
        "toolComponent": [
            "guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription",
            "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri",
            "informationUri", "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language",
            "contents", "isComprehensive", "localizedDataSemanticVersion",
            "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
            "supportedTaxonomies", "properties",
        ],
        "reportingDescriptor": [
            "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
            "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships",
            "properties",
        ],
        "reportingConfiguration": ["enabled", "level", "rank", "parameters", "properties"],
        "result": [
            "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
            "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows",
            "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
            "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
            "webResponse", "properties",
        ],
        "message": ["text", "markdown", "id", "arguments", "properties"],
        "location": ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"],
        "physicalLocation": ["address", "artifactLocation", "region", "contextRegion", "properties"],
        "artifactLocation": ["uri", "uriBaseId", "index", "description", "properties"],
        "region": [
            "startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
            "byteLength", "snippet", "message", "sourceLanguage", "properties",
        ],
        "logicalLocation": ["name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"],
        "suppression": ["guid", "kind", "status", "justification", "location", "properties"],
        "invocation": [
            "commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
            "ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications",
            "toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber",
            "processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
            "executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr",
            "stdoutStderr", "properties",
        ],
        "runAutomationDetails": ["description", "id", "guid", "correlationGuid", "properties"],
    ]

    func check(_ object: Any?, as kind: String, _ problems: inout [String]) {
        guard let object = object as? [String: Any] else {
            problems.append("\(kind) is not an object")
            return
        }
        let extra = Set(object.keys).subtracting(Self.allowed[kind] ?? [])
        if !extra.isEmpty { problems.append("\(kind) has members SARIF does not define: \(extra.sorted())") }
    }

    @Test(arguments: ReportLanguage.allCases)
    func everyObjectHasOnlyMembersTheSpecDefines(language: ReportLanguage) throws {
        let log = try JSONSerialization.jsonObject(with: Data(try render(.sarif, language).utf8)) as? [String: Any]
        var problems: [String] = []
        check(log, as: "sarifLog", &problems)
        for run in log?["runs"] as? [[String: Any]] ?? [] {
            check(run, as: "run", &problems)
            check(run["tool"], as: "tool", &problems)
            let driver = (run["tool"] as? [String: Any])?["driver"]
            check(driver, as: "toolComponent", &problems)
            for rule in (driver as? [String: Any])?["rules"] as? [[String: Any]] ?? [] {
                check(rule, as: "reportingDescriptor", &problems)
                check(rule["shortDescription"], as: "message", &problems)
                check(rule["defaultConfiguration"], as: "reportingConfiguration", &problems)
            }
            for invocation in run["invocations"] as? [[String: Any]] ?? [] {
                check(invocation, as: "invocation", &problems)
                #expect(invocation["executionSuccessful"] is Bool)
            }
            check(run["automationDetails"], as: "runAutomationDetails", &problems)
            for result in run["results"] as? [[String: Any]] ?? [] {
                check(result, as: "result", &problems)
                check(result["message"], as: "message", &problems)
                for location in result["locations"] as? [[String: Any]] ?? [] {
                    check(location, as: "location", &problems)
                    let physical = location["physicalLocation"] as? [String: Any]
                    check(physical, as: "physicalLocation", &problems)
                    check(physical?["artifactLocation"], as: "artifactLocation", &problems)
                    if let region = physical?["region"] { check(region, as: "region", &problems) }
                    for logical in location["logicalLocations"] as? [[String: Any]] ?? [] {
                        check(logical, as: "logicalLocation", &problems)
                    }
                }
                for suppression in result["suppressions"] as? [[String: Any]] ?? [] {
                    check(suppression, as: "suppression", &problems)
                    #expect(["inSource", "external"].contains(suppression["kind"] as? String ?? ""))
                    #expect(["accepted", "underReview", "rejected"].contains(suppression["status"] as? String ?? ""))
                }
                let tags = ((result["properties"] as? [String: Any])?["tags"]) as? [String]
                #expect(tags == nil || Set(tags!).count == tags!.count)
            }
        }
        #expect(problems.isEmpty, "\(problems)")
    }
}
