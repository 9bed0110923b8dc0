/// One row per finding (RFC 4180 quoting, CRLF line ends), with a header
/// row in the report's language, for a spreadsheet: a UTF-8 byte order
/// mark first (so that accents open right), and the separator a
/// spreadsheet of the language expects — `;` in French (where `,` is the
/// decimal mark), `,` in English. Dates are `YYYY-MM-DD HH:MM` on the
/// organisation's clock (the header names the zone), which spreadsheets
/// sort and read as dates.
struct CSVRenderer {
    let report: PreparedReport

    /// The byte order mark the file starts with.
    static let byteOrderMark = "\u{FEFF}"

    var separator: Character { report.language == .french ? ";" : "," }

    /// The columns, by their stable ids (documented in docs/report-schema.md).
    static let columns = [
        "severity", "new", "accepted", "rule", "rule_title", "threats", "person", "platform", "kind", "author",
        "date", "source_file", "line", "record", "excerpt", "note", "advice", "fingerprint",
    ]

    func header() -> [String] {
        let zone = report.dates.clock.identifier
        switch report.language {
        case .english:
            return ["Severity", "New", "Accepted", "Rule", "Rule title", "Threats", "Person", "Platform", "Kind",
                    "Author", "Date (\(zone))", "Source file", "Line", "Record", "Excerpt", "Note", "Advice", "Fingerprint"]
        case .french:
            return ["Gravité", "Nouveau", "Accepté", "Règle", "Intitulé de la règle", "Menaces", "Personne",
                    "Plateforme", "Type", "Auteur", "Date (\(zone))", "Fichier source", "Ligne", "Enregistrement",
                    "Extrait", "Remarque", "Conseil", "Empreinte"]
        }
    }

    /// `2026-03-19 02:40` on the organisation's clock.
    func sortableDate(_ p: (year: Int, month: Int, day: Int, hour: Int, minute: Int)) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute))"
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
                f.entry.ruleTitle ?? report.ruleTitle(f.finding.ruleID),
                f.finding.mitigates.map(report.threatTitle).joined(separator: " / "),
                f.entry.actorName.map(report.masker.mask) ?? report.personName(f.finding.actorID) ?? "",
                s.platform(f.entry.activity.platform),
                f.entry.activity.kind.map(s.kind) ?? "",
                f.entry.activity.author.map(report.masker.mask) ?? "",
                f.entry.activity.timestamp.map { sortableDate(report.dates.parts($0)) } ?? "",
                source.map { report.masker.mask($0.file) } ?? "",
                source?.line.map(String.init) ?? "",
                source.map { String($0.index + 1) } ?? "",
                f.plainExcerpt,
                f.note ?? "",
                f.advice ?? "",
                f.finding.fingerprint,
            ])
        }
        let separator = self.separator
        return Self.byteOrderMark
            + rows.map { $0.map { Self.field($0, separator: separator) }.joined(separator: String(separator)) }
                .joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds the separator, a quote or a line break;
    /// a field that a spreadsheet would take for a formula (`=`, `+`, `-`,
    /// `@`) gets a leading apostrophe.
    static func field(_ value: String, separator: Character = ",") -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
