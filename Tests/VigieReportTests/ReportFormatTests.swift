import Foundation
import Testing
import VigieModel

@testable import VigieReport

func render(_ format: ReportFormat, _ language: ReportLanguage, reveal: Bool = false, _ document: ReportDocument = Sample.document) throws -> String {
    try ReportRenderer.renderString(document, options: ReportOptions(format: format, language: language, reveal: reveal))
}

/// RFC 4180 records: quoted fields with separators, doubled quotes and line
/// breaks; a byte order mark first is dropped.
func parseCSV(_ text: String, separator: Unicode.Scalar = ",") -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == separator {
            row.append(field); field = ""
        } else if c == "\r" {
            continue
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite struct ReportFormatTests {
    static let everyFormatAndLanguage = ReportFormat.allCases.flatMap { f in ReportLanguage.allCases.map { (f, $0) } }

    @Test(arguments: everyFormatAndLanguage)
    func everyFormatRendersInBothLanguages(format: ReportFormat, language: ReportLanguage) throws {
        let text = try render(format, language)
        #expect(!text.isEmpty)
        #expect(text.contains("Éclat Ménage") || format == .csv)
        // The rule by its title in every format.
        #expect(text.contains("Pas de coordonnées personnelles"))
        let data = try ReportRenderer.render(Sample.document, options: ReportOptions(format: format, language: language))
        #expect(String(decoding: data, as: UTF8.self) == text)
    }

    @Test func theLanguageDefaultsToThePolicys() throws {
        let french = try ReportRenderer.renderString(Sample.document, options: ReportOptions(format: .text))
        #expect(french.contains("Rapport de sécurité humaine"))
        let english = try ReportRenderer.renderString(Sample.englishDocument, options: ReportOptions(format: .text))
        #expect(english.contains("Human security report"))
        var canadian = Sample.document
        canadian.policy.language = "fr-CA"
        #expect(try ReportRenderer.renderString(canadian, options: ReportOptions(format: .text)).contains("Synthèse"))
    }

    @Test(arguments: ReportLanguage.allCases)
    func jsonDecodesBackAndCarriesTheSchema(language: ReportLanguage) throws {
        let text = try render(.json, language)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(text.utf8))
        #expect(report.schema == "vigie.report/1")
        #expect(report.language == language.rawValue)
        #expect(report.masked)
        #expect(report.client == "Éclat Ménage")
        #expect(report.policy.version == "1.2.0")
        #expect(report.run?.baselineRunID == "11")
        #expect(report.findings.count == 4)
        #expect(report.findings.first?.severity == .critical)  // most severe first
        #expect(report.summary.bySeverity == ["critical": 1, "high": 2, "medium": 1, "low": 0, "info": 0])
        #expect(report.summary.newFindings == 2)
        #expect(report.threats.first?.id == "dates-de-vacances")  // highest score first (16)
        #expect(report.threats.first?.level == "critical")
        #expect(report.incidents.first?.nextStep?.id == "exclusion")
        #expect(report.incidents.first?.history.count == 3)
        #expect(report.coverage.threatsWithoutRule == ["concurrent-malveillant"])
        #expect(report.coverage.threatsWithoutReaction == ["suivi-chez-clients", "concurrent-malveillant", "offre-contre-infos"])
        #expect(report.skipped.count == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "vigie.report/1")
        let phone = try #require(report.findings.first { $0.ruleID == "pas-de-coordonnees-personnelles" })
        #expect(phone.evidence.map(\.text) == ["06 •• •• •• 78", "m•••@exemple.fr"])
        #expect(phone.excerpt.contains("⟦06 •• •• •• 78⟧"))
    }

    @Test(arguments: ReportLanguage.allCases)
    func csvParsesWithTheRightColumns(language: ReportLanguage) throws {
        let text = try render(.csv, language)
        #expect(text.hasSuffix("\r\n"))
        // A byte order mark, for spreadsheets to read UTF-8; the language's separator.
        #expect(text.hasPrefix("\u{FEFF}"))
        let separator: Unicode.Scalar = language == .french ? ";" : ","
        let firstLine = text.components(separatedBy: "\r\n")[0]
        #expect(firstLine.filter { $0 == Character(separator) }.count == CSVRenderer.columns.count - 1)
        let rows = parseCSV(text, separator: separator)
        #expect(rows.count == 1 + Sample.document.findings.count)
        #expect(rows.allSatisfy { $0.count == CSVRenderer.columns.count })
        let header = rows[0]
        #expect(header.first == (language == .french ? "Gravité" : "Severity"))
        #expect(header.last == (language == .french ? "Empreinte" : "Fingerprint"))
        let fingerprints = Set(Sample.document.findings.map(\.finding.fingerprint))
        #expect(Set(rows.dropFirst().map { $0[CSVRenderer.columns.firstIndex(of: "fingerprint")!] }) == fingerprints)
        let first = rows[1]
        #expect(first[0] == (language == .french ? "Critique" : "Critical"))
        #expect(first[CSVRenderer.columns.firstIndex(of: "line")!] == "77")
        #expect(first[CSVRenderer.columns.firstIndex(of: "record")!] == "7")
        #expect(first[CSVRenderer.columns.firstIndex(of: "threats")!] == "Dates de vacances dévoilées / Vols chez les clients")
        // On the organisation's clock (Europe/Paris), sortable; the zone in the header.
        #expect(first[CSVRenderer.columns.firstIndex(of: "date")!] == "2026-11-14 19:22")
        #expect(header[CSVRenderer.columns.firstIndex(of: "date")!] == "Date (Europe/Paris)")
        #expect(first[CSVRenderer.columns.firstIndex(of: "person")!] == "Marie Dupont")
    }

    @Test func csvNeutralisesFormulas() {
        #expect(CSVRenderer.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVRenderer.field("+33 6") == "'+33 6")
        #expect(CSVRenderer.field("a,b") == "\"a,b\"")
        #expect(CSVRenderer.field("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVRenderer.field("a,b", separator: ";") == "a,b")
        #expect(CSVRenderer.field("plain") == "plain")
    }

    /// Checks the members SARIF 2.1.0 requires (sarifLog: version, runs; run:
    /// tool.driver.name; result: message; and the ones Vigie promises).
    @Test(arguments: ReportLanguage.allCases)
    func sarifHasTheRequiredFields(language: ReportLanguage) throws {
        let text = try render(.sarif, language)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        #expect(run["language"] as? String == language.rawValue)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "Vigie")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs.count == rules.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Sample.document.findings.count)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIDs[index] == ruleID)
            #expect(["error", "warning", "note", "none"].contains(result["level"] as? String ?? ""))
            let message = try #require(result["message"] as? [String: Any])
            #expect(!(message["text"] as? String ?? "").isEmpty)
            let locations = try #require(result["locations"] as? [[String: Any]])
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(uri.hasPrefix("export-facebook.zip!/"))
            if let region = physical["region"] as? [String: Any] {
                #expect((region["startLine"] as? Int ?? 0) >= 1)
            }
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints[SARIFRenderer.fingerprintKey]?.count == 16)
            #expect(["new", "unchanged"].contains(result["baselineState"] as? String ?? ""))
        }
        let levels = Dictionary(uniqueKeysWithValues: results.map { ($0["ruleId"] as! String, $0["level"] as! String) })
        #expect(levels["absence-des-clients"] == "error")
        #expect(levels["pas-de-defoulement"] == "warning")
        let accepted = results.first { $0["ruleId"] as? String == "pas-de-defoulement" }
        let suppressions = try #require(accepted?["suppressions"] as? [[String: Any]])
        #expect(suppressions.first?["kind"] as? String == "external")
        #expect(suppressions.first?["status"] as? String == "accepted")
        let noLine = try #require(results.first { $0["ruleId"] as? String == "intimidation-recue" })
        let location = try #require((noLine["locations"] as? [[String: Any]])?.first)
        #expect((location["physicalLocation"] as? [String: Any])?["region"] == nil)
        #expect((location["properties"] as? [String: Any])?["record"] as? Int == 1)
    }

    @Test(arguments: [
        (ReportLanguage.french, ["## Synthèse", "## Matrice des risques", "### Registre des menaces", "## Constats", "### Critique (1)", "### Par menace", "### Par personne", "## Incidents", "## Couverture des menaces", "## Éléments ignorés"]),
        (ReportLanguage.english, ["## Summary", "## Risk matrix", "### Threat register", "## Findings", "### Critical (1)", "### By threat", "### By person", "## Incidents", "## Coverage of threats", "## Skipped"]),
    ])
    func markdownHasTheSections(language: ReportLanguage, sections: [String]) throws {
        let text = try render(.markdown, language)
        let lines = Set(text.split(separator: "\n").map(String.init))
        for section in sections { #expect(lines.contains(section), "missing \(section)") }
        #expect(text.hasPrefix("# "))
        // The matrix: a header, a separator and five rows of impact.
        #expect(text.contains("| **\(language == .french ? "I" : "I")5** |"))
    }

    @Test(arguments: ReportLanguage.allCases)
    func htmlIsSelfContainedAndHoldsTheHeatMap(language: ReportLanguage) throws {
        let html = try render(.html, language)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
        for forbidden in ["http://", "https://", "<script", "<link", "src=", "@import", "url(", "<iframe", "<object"] {
            #expect(!html.contains(forbidden), "the HTML report references \(forbidden)")
        }
        #expect(html.contains("<svg class=\"heatmap\""))
        // One cell per likelihood × impact.
        let cells = html.components(separatedBy: "<rect class=\"cell\"").dropFirst()
        #expect(cells.count == 25)
        var pairs = Set<String>()
        for cell in cells {
            let l = cell.firstMatch(of: /data-likelihood="(\d)"/)?.1
            let i = cell.firstMatch(of: /data-impact="(\d)"/)?.1
            pairs.insert("\(l ?? "?")x\(i ?? "?")")
        }
        #expect(pairs.count == 25)
        // Each threat sits in its cell, as its number in the register
        // (suivi-chez-clients: score 10, fourth after 16, 15 and 12).
        let group = try #require(cells.first { $0.hasPrefix(" data-likelihood=\"2\" data-impact=\"5\"") })
        let cellText = group.components(separatedBy: "</g>\n").first ?? ""
        #expect(cellText.contains("data-score=\"10\""))
        #expect(cellText.contains("<title>4. Être suivi jusque chez les clients (10)</title>"))
        #expect(cellText.contains(">4</text>"))
        let register = try #require(html.components(separatedBy: "id=\"threat-suivi-chez-clients\"").dropFirst().first)
        #expect(register.prefix(200).contains("<span class=\"marker band-high\">4</span>"))
        for section in ["summary", "matrix", "findings", "incidents", "coverage", "skipped"] {
            #expect(html.contains("<section id=\"\(section)\">"))
        }
        #expect(html.contains("<mark>"))
        #expect(html.contains("class=\"stepper\""))
        #expect(html.contains("@media print"))
    }

    @Test func unknownLanguagesAndBadThreatsAreRefusedWithAWayOut() throws {
        var german = Sample.document
        german.policy.language = "de"
        #expect {
            try ReportRenderer.renderString(german, options: ReportOptions(format: .html))
        } throws: { error in
            let error = error as? ReportError
            return error?.code == .unsupportedLanguage && error!.message.contains("French (fr) and English (en)")
        }
        // An explicit language works whatever the policy's.
        #expect(try ReportRenderer.renderString(german, options: ReportOptions(format: .text, language: .english)).contains("Summary"))
        var bad = Sample.document
        bad.threats[0].likelihood = 7
        #expect {
            try ReportRenderer.renderString(bad, options: ReportOptions(format: .json))
        } throws: { error in (error as? ReportError)?.code == .invalidThreat }
    }

    /// The engine may hand a document over as JSON (to a child process, to a cache).
    @Test func theDocumentItselfIsCodable() throws {
        let data = try JSONEncoder().encode(Sample.document)
        #expect(try JSONDecoder().decode(ReportDocument.self, from: data) == Sample.document)
    }

    @Test func anEmptyDocumentStillRenders() throws {
        let empty = ReportDocument(
            policy: .init(name: "p", version: "0.1.0", language: "en"), client: "Nobody",
            generatedAt: Timestamp(secondsSince1970: 0))
        for format in ReportFormat.allCases {
            let text = try ReportRenderer.renderString(empty, options: ReportOptions(format: format))
            #expect(!text.isEmpty)
        }
        let html = try ReportRenderer.renderString(empty, options: ReportOptions(format: .html))
        #expect(html.components(separatedBy: "<rect class=\"cell\"").count == 26)
        #expect(html.contains("No findings."))
    }
}

/// The HTML report as a manager reads it: titles and names, never an
/// identifier or a hash where the document gives a title (identifiers stay
/// in attributes, for tools).
@Suite struct VisibleTextTests {
    static func visibleText(_ html: String) -> String {
        var text = html
        if let start = text.range(of: "<style>"), let end = text.range(of: "</style>") {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: ReportLanguage.allCases)
    func noIdentifierNorHashWhereATitleExists(language: ReportLanguage) throws {
        let html = try render(.html, language)
        let text = Self.visibleText(html)
        let d = Sample.document
        var ids = Set(d.threats.map(\.id) + d.findings.map(\.finding.ruleID) + d.findings.compactMap(\.finding.actorID))
        ids.formUnion(d.incidents.flatMap { [$0.incident.id, $0.incident.kind] + ($0.plan?.steps.map(\.id) ?? []) })
        ids.formUnion(d.names.reactions.keys)
        ids.insert(d.policy.name)
        for id in ids {
            #expect(!text.contains(id), "\(language): \(id) is shown")
        }
        for fingerprint in d.findings.map(\.finding.fingerprint) {
            #expect(!text.contains(fingerprint))
            #expect(html.contains("data-fingerprint=\"\(fingerprint)\""))  // kept for tools
        }
        // Their titles instead.
        #expect(text.contains("Être suivi jusque chez les clients"))
        #expect(text.contains("Paul Durand (client)"))
        #expect(text.contains("Prévenir un vol à domicile"))
        #expect(text.contains("Exclusion"))
        // One date style, on the organisation's clock, its zone named once.
        #expect(!text.contains("2026-11-"))
        #expect(text.contains(language == .french ? "14\u{00A0}novembre\u{00A0}2026 à 19\u{00A0}h\u{00A0}22" : "14 November 2026, 19:22"))
        // No label said twice: the step's title is not repeated in its reason.
        #expect(!text.contains("Avertissement — Avertissement"))
        #expect(text.contains("Menaces dans un second commentaire"))
    }

    @Test func theTextReportKeepsEveryThreatOfASharedCell() throws {
        var document = Sample.document
        document.threats.append(.init(id: "seconde-menace", title: "Une seconde menace dans la même case", likelihood: 4, impact: 4))
        let text = try ReportRenderer.renderString(document, options: ReportOptions(format: .text, language: .french))
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("  I4 |") })
        // Both threats of likelihood 4 × impact 4 are numbered in the cell (1 and 2: the two scores of 16).
        #expect(row.contains("1,2"), "\(row)")
        #expect(text.contains(" 2. [16] Une seconde menace dans la même case"))
    }
}
