import VigieModel
/// What an import did with one source: how many records it read, imported and
/// skipped (and why), by kind and platform; how each file ended
/// (`files`: imported, partly imported or refused); which files it ignored.
/// It holds no text and no personal identifier: it can be printed as it is.
///
/// Its counts add up: `recordsRead == imported + skipped + lost`, and the
/// files' counts add up to the source's.
public struct ImportSummary: Codable, Sendable, Hashable {
    /// The path given to the importer.
    public var source: String
    /// The formats found (or forced) in the source.
    public var formats: [ExportFormat] = []
    /// Records met: array elements, CSV rows, JSONL lines, direct messages,
    /// including those lost (that could not be read one by one).
    public var recordsRead = 0
    public var imported = 0
    /// Records read and not imported, each with an issue (duplicates included).
    public var skipped = 0
    /// Records that could not be read one by one (see `FileOutcome.lost`).
    public var lost = 0
    /// Among `skipped`: duplicates of an activity already imported.
    public var duplicates = 0
    /// Skipped records, by `ImportIssue.Reason` raw value.
    public var skippedByReason: [String: Int] = [:]
    /// Imported activities by `ActivityKind` raw value.
    public var importedByKind: [String: Int] = [:]
    /// Imported activities by platform.
    public var importedByPlatform: [String: Int] = [:]
    /// How each file that could hold records ended, in reading order.
    public var files: [FileOutcome] = []
    /// Files the importers read.
    public var filesUsed = 0
    /// Files of the source that hold nothing Vigie imports (media, settings…).
    public var filesIgnored = 0
    /// Files that could not be read at all (too large, malformed, unreadable,
    /// not a regular file), with the reason: the refused `files`, as text.
    public var failedFiles: [String] = []
    /// Problems that are not about one record (an array that never closes,
    /// an archive whose central directory is damaged).
    public var warnings: [String] = []
    /// The first skipped-record issues, as diagnostics (`file:line: record N: …`).
    public var issueExamples: [String] = []

    public init(source: String) { self.source = source }

    /// A source that could not be imported at all (it does not exist, is not
    /// an export, is a named pipe…): one refused outcome, for callers that
    /// show every source the same way.
    public static func refused(source: String, because error: ImportError) -> ImportSummary {
        var summary = ImportSummary(source: source)
        summary.files = [.refused(PrivatePath.mask(error.path), because: error)]
        summary.failedFiles = [PrivatePath.mask(error.description)]
        return summary
    }

    /// Whether every record read is accounted for, in the source and in each file.
    public var isBalanced: Bool {
        recordsRead == imported + skipped + lost
            && files.allSatisfy(\.isBalanced)
            && files.reduce(0) { $0 + $1.records } == recordsRead
            && files.reduce(0) { $0 + $1.imported } == imported
            && files.reduce(0) { $0 + $1.skipped } == skipped
            && files.reduce(0) { $0 + $1.lost } == lost
    }

    public var filesImported: Int { files.count { $0.status == .imported } }
    public var filesPartlyImported: Int { files.count { $0.status == .partlyImported } }
    public var filesRefused: Int { files.count { $0.status == .refused } }

    /// Whether some input was lost: a file refused or partly imported.
    public var lostInput: Bool { files.contains { $0.status != .imported } }
}
