import VigieModel
/// What an import did with one source: how many records it read, imported and
/// skipped (and why), by kind and platform, and which files it used, ignored
/// or could not read. It holds no text and no personal identifier: it can be
/// printed as it is.
public struct ImportSummary: Codable, Sendable, Hashable {
    /// The path given to the importer.
    public var source: String
    /// The formats found (or forced) in the source.
    public var formats: [ExportFormat] = []
    /// Records met: array elements, CSV rows, JSONL lines, direct messages.
    public var recordsRead = 0
    public var imported = 0
    public var skipped = 0
    /// Skipped records, by `ImportIssue.Reason` raw value.
    public var skippedByReason: [String: Int] = [:]
    /// Imported activities by `ActivityKind` raw value.
    public var importedByKind: [String: Int] = [:]
    /// Imported activities by platform.
    public var importedByPlatform: [String: Int] = [:]
    /// Files the importers read.
    public var filesUsed = 0
    /// Files of the source that hold nothing Vigie imports (media, settings…).
    public var filesIgnored = 0
    /// Files that could not be read at all (too large, malformed, unreadable),
    /// with the reason.
    public var failedFiles: [String] = []
    /// Problems that are not about one record (an array that never closes).
    public var warnings: [String] = []
    /// The first skipped-record issues, as diagnostics (`file:line: record N: …`).
    public var issueExamples: [String] = []

    public init(source: String) { self.source = source }

    /// Whether every record read is accounted for.
    public var isBalanced: Bool { recordsRead == imported + skipped }
}
