/// Why a whole source could not be imported (as opposed to one record, which
/// is an `ImportIssue` and does not stop the import).
public enum ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String)
    /// No importer recognises the content.
    case unknownFormat(path: String)
    /// The format was forced but the content is another one.
    case wrongFormat(path: String, expected: ExportFormat, found: ExportFormat?)
    /// A whole-document file (JSON, JS, CSV) above the size cap.
    case tooLarge(path: String, size: Int64, limit: Int64)
    /// A document that cannot be parsed at all (no record could be located).
    case malformed(path: String, line: Int?, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read it (\(reason)); check the path and the permissions"
        case .unwritable(let path):
            return "\(path): cannot write it; check the folder exists and is writable"
        case .unknownFormat(let path):
            return "\(path): no known export format found (Mastodon, X/Twitter, Facebook, Instagram, LinkedIn or a vigie.activity JSONL stream); pass --format to force one, or point at the export's folder or .zip"
        case .wrongFormat(let path, let expected, let found):
            let seen = found.map { "it looks like \($0.displayName)" } ?? "its format is not recognised"
            return "\(path): this is not \(expected.displayName) (\(seen)); use --format auto or the matching --format"
        case .tooLarge(let path, let size, let limit):
            return "\(path): \(size) bytes is over the \(limit)-byte limit for a whole-document file; split the export, or convert it to a JSONL stream, which has no size limit"
        case .malformed(let path, let line, let detail):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(detail)"
        }
    }
}
