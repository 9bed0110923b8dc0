/// A record (or a file) an importer could not use, with where and why.
///
/// Issues never quote the record's text: they name the file, the line and the
/// record index, and describe the problem, so that they can be printed in a
/// summary without leaking personal data.
public struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// The category of a problem, used to count skipped records by reason.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        case invalidJSON = "invalid JSON"
        case truncated = "truncated record"
        case invalidUTF8 = "invalid UTF-8"
        case lineTooLong = "line too long"
        case missingField = "missing field"
        case invalidValue = "invalid value"
        case unsupportedSchema = "unsupported schema"
        case brokenCSVRow = "broken CSV row"
        case unsupportedRecord = "unsupported record type"
        case emptyRecord = "empty record"
    }

    public var file: String
    /// One-based line where the record starts, when known.
    public var line: Int?
    /// Zero-based index of the record in its file, when known.
    public var record: Int?
    public var reason: Reason
    public var detail: String

    public init(file: String, line: Int? = nil, record: Int? = nil, reason: Reason, detail: String) {
        self.file = file
        self.line = line
        self.record = record
        self.reason = reason
        self.detail = detail
    }

    /// `file:line: record N: detail`, like a compiler diagnostic.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let record { text += "record \(record + 1): " }
        return text + detail
    }
}
