import VigieModel
/// Limits and choices for an import.
public struct ImportOptions: Sendable, Hashable {
    /// Whole-document files (JSON, X/Twitter `.js`, CSV) are read into memory to
    /// be parsed; above this size (256 MiB by default) they are refused with
    /// `ImportError.tooLarge` instead of exhausting memory. JSONL streams are
    /// read line by line and have no size limit.
    public var maxDocumentBytes: Int64
    /// JSONL lines above this size are reported and skipped (4 MiB by default).
    public var maxLineBytes: Int
    /// How many issues the summary keeps as examples (all of them reach the
    /// `onIssue` callback).
    public var maxIssuesInSummary: Int

    public static let defaultMaxDocumentBytes: Int64 = 256 * 1024 * 1024

    public init(
        maxDocumentBytes: Int64 = ImportOptions.defaultMaxDocumentBytes,
        maxLineBytes: Int = ActivityStream.defaultMaxLineBytes,
        maxIssuesInSummary: Int = 50
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxLineBytes = maxLineBytes
        self.maxIssuesInSummary = maxIssuesInSummary
    }
}
