/// One row per finding (RFC 4180: comma-separated, CRLF line ends, quoted
/// fields where needed), with a header row in the report's language.
struct CSVRenderer {
    let report: PreparedReport

    /// The columns, by their stable ids (documented in docs/report-schema.md).
    static let columns = [
        "severity", "new", "accepted", "rule", "rule_title", "threats", "person", "platform", "kind", "author",
        "date", "source_file", "line", "record", "excerpt", "advice", "fingerprint",
    ]

    func header() -> [String] {
        switch report.language {
        case .english:
            ["Severity", "New", "Accepted", "Rule", "Rule title", "Threats", "Person", "Platform", "Kind", "Author",
             "Date", "Source file", "Line", "Record", "Excerpt", "Advice", "Fingerprint"]
        case .french:
            ["Gravité", "Nouveau", "Accepté", "Règle", "Intitulé de la règle", "Menaces", "Personne", "Plateforme",
             "Type", "Auteur", "Date", "Fichier source", "Ligne", "Enregistrement", "Extrait", "Conseil", "Empreinte"]
        }
    }

    func render() -> String {
        let s = report.strings
        var rows = [header()]
        for f in report.findings {
            let source = f.finding.activity.source
            rows.append([
                s.severity(f.finding.severity),
                f.entry.isNew ? s.yes : s.no,
                f.entry.acceptance == nil ? s.no : s.yes,
                f.finding.ruleID,
                f.entry.ruleTitle ?? "",
                f.finding.mitigates.joined(separator: " "),
                f.entry.actorName ?? f.finding.actorID ?? "",
                f.entry.activity.platform.rawValue,
                f.entry.activity.kind.map(s.kind) ?? "",
                f.entry.activity.author ?? "",
                f.entry.activity.timestamp?.iso8601 ?? "",
                source?.file ?? "",
                source?.line.map(String.init) ?? "",
                source.map { String($0.index + 1) } ?? "",
                f.plainExcerpt,
                f.advice ?? "",
                f.finding.fingerprint,
            ])
        }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a comma, a quote or a line break; a field
    /// that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) gets a
    /// leading apostrophe.
    static func field(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
