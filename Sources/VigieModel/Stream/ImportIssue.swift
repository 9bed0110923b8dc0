/// A record (or a file) an importer could not use, with where and why.
///
/// Issues never quote the record's text nor its values: they name the file,
/// the line and the record index, and describe the problem (a value by its
/// shape, `DiagnosticText`), so that they can be printed in a summary without
/// leaking personal data.
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
        /// A member name twice in one JSON object: which value is meant is
        /// not known, so the record is not imported.
        case duplicateKey = "duplicate key"
        /// A time that is not in 1990–2100 in any unit, or not a time.
        case implausibleTime = "time out of range"
        /// The same activity (same id) already imported from this input.
        case duplicateRecord = "duplicate record"

        /// Whether skipping a record for this reason loses input. Records
        /// that hold nothing to import (an unsupported type, an empty
        /// record) and duplicates of an imported record lose nothing.
        public var losesInput: Bool {
            switch self {
            case .unsupportedRecord, .emptyRecord, .duplicateRecord: false
            default: true
            }
        }
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

    /// `file:line: record N: detail`, like a compiler diagnostic (the file
    /// name escaped: it may hold line breaks or terminal escapes).
    public var description: String {
        var text = DiagnosticText.escaped(file)
        if let line { text += ":\(line)" }
        text += ": "
        if let record { text += "record \(record + 1): " }
        return text + detail
    }
}
