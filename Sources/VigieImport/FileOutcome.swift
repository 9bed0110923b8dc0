import VigieModel

/// How one input file ended: imported, partly imported or refused.
///
/// Every file an import meets that could hold records gets exactly one
/// outcome — the files of an export that hold activities, account files, and
/// anything that could not be examined (a named pipe, a folder that cannot be
/// listed, an archive entry that cannot be read). Files of an export that hold
/// nothing Vigie imports (media, settings) are only counted
/// (`ImportSummary.filesIgnored`).
///
/// Its counts add up: `records == imported + skipped + lost`.
///
/// - `records`: the records met in the file — array elements, CSV rows,
///   JSONL lines, direct messages — including those that could not be read.
/// - `skipped`: records read one by one and not imported, each with an
///   issue naming its line and record (`skippedByReason`); duplicates of an
///   activity already imported (`duplicates`) are among them.
/// - `lost`: records that could not even be read one by one (the part of a
///   file after damage that could not be resynchronised, a CSV region an
///   unclosed quote ran through); estimated from the file's structure, and
///   named by `problem`.
///
/// It holds no text and no personal identifier (conversation folders are
/// masked, values are never quoted): it can be printed as it is.
public struct FileOutcome: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Status: String, Codable, Sendable {
        /// Every record was imported, or skipped for a reason that loses
        /// nothing (a duplicate, a record type Vigie does not import).
        case imported
        /// Some of the file's input was lost: records skipped for damage,
        /// records that could not be read, or a file cut short.
        case partlyImported = "partly imported"
        /// Nothing could be read from the file; `problem` says why.
        case refused
    }

    /// The file as records and issues name it (`export.zip!/data/tweets.js`),
    /// with conversation folders masked.
    public var file: String
    /// What the file holds, when it was recognised.
    public var kind: FileKind?
    public var records = 0
    public var imported = 0
    public var skipped = 0
    public var lost = 0
    /// Among `skipped`: duplicates of an activity already imported.
    public var duplicates = 0
    /// Skipped records by `ImportIssue.Reason` raw value.
    public var skippedByReason: [String: Int] = [:]
    /// Whether the file was refused as a whole.
    public var wasRefused = false
    /// Whether some input was lost (records skipped for damage, records lost,
    /// a file cut short) although the file could be read.
    public var lostInput = false
    /// The first problem that lost input, or why the file was refused:
    /// `line 88412, record 1203: the file ends in the middle of this record`.
    public var problem: String?
    /// Where `problem` is, when it is about a place in the file.
    public var line: Int?
    public var record: Int?

    public init(file: String, kind: FileKind? = nil) {
        self.file = file
        self.kind = kind
    }

    /// A refused file.
    public static func refused(_ file: String, kind: FileKind? = nil, because error: ImportError) -> FileOutcome {
        var outcome = FileOutcome(file: file, kind: kind)
        outcome.wasRefused = true
        outcome.problem = error.reason
        outcome.line = error.line
        return outcome
    }

    public var status: Status {
        if wasRefused { return .refused }
        if lostInput || lost > 0 { return .partlyImported }
        return .imported
    }

    /// Whether the counts add up: `records == imported + skipped + lost`.
    public var isBalanced: Bool { records == imported + skipped + lost && duplicates <= skipped }

    /// `file: imported, 12 records` — `file: partly imported, 10 of 12
    /// records (1 skipped, 1 lost); line 34, record 5: …` — `file: refused: …`.
    /// The file name is escaped (it may hold line breaks or escapes).
    public var description: String {
        let name = DiagnosticText.escaped(file)
        switch status {
        case .refused:
            return "\(name): refused: \(problem ?? "unreadable")"
        case .imported:
            var text = "\(name): imported, \(imported) record\(imported == 1 ? "" : "s")"
            if skipped > 0 { text += " (\(skipped) not imported: \(reasons))" }
            return text
        case .partlyImported:
            var text = "\(name): partly imported, \(imported) of \(records) record\(records == 1 ? "" : "s")"
            var parts: [String] = []
            if skipped > 0 { parts.append("\(skipped) skipped") }
            if lost > 0 { parts.append("\(lost) lost") }
            if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
            if let problem { text += "; " + place + problem }
            return text
        }
    }

    private var place: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let record { parts.append("record \(record + 1)") }
        return parts.isEmpty ? "" : parts.joined(separator: ", ") + ": "
    }

    private var reasons: String {
        skippedByReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
