/// Why a whole source or a whole file could not be imported (as opposed to
/// one record, which is an `ImportIssue` and does not stop the import).
///
/// Paths are printed escaped (`DiagnosticText.escaped`): a file name may
/// hold a line break or a terminal escape sequence.
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
    /// A named pipe, a device or a socket: never opened (a read could block
    /// forever or never end). `kind` says which ("a named pipe").
    case notARegularFile(path: String, kind: String)
    /// Something that expands beyond a limit (a zip bomb, an archive with
    /// too many entries, a profile with too many aliases): `detail` says
    /// which limit, and the `ImportOptions` member that sets it.
    case limitExceeded(path: String, detail: String)
    /// A damaged archive: what could not be read, and why.
    case damagedArchive(path: String, detail: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .unwritable(let path), .unknownFormat(let path),
            .wrongFormat(let path, _, _), .tooLarge(let path, _, _), .malformed(let path, _, _),
            .notARegularFile(let path, _), .limitExceeded(let path, _), .damagedArchive(let path, _):
            return path
        }
    }

    /// The line the error is about, when there is one.
    public var line: Int? {
        if case .malformed(_, let line, _) = self { return line }
        return nil
    }

    /// The reason alone, without the path.
    public var reason: String {
        switch self {
        case .unreadable(_, let reason):
            return "cannot read it (\(reason)); check the path and the permissions"
        case .unwritable:
            return "cannot write it; check the folder exists and is writable"
        case .unknownFormat:
            return "no known export format found (Mastodon, X/Twitter, Facebook, Instagram, LinkedIn or a vigie.activity JSONL stream); pass --format to force one, or point at the export's folder or .zip"
        case .wrongFormat(_, let expected, let found):
            let seen = found.map { "it looks like \($0.displayName)" } ?? "its format is not recognised"
            return "this is not \(expected.displayName) (\(seen)); use --format auto or the matching --format"
        case .tooLarge(_, let size, let limit):
            return "\(size) bytes is over the \(limit)-byte limit for a whole-document file; split the export, or convert it to a JSONL stream, which has no size limit"
        case .malformed(_, _, let detail):
            return detail
        case .notARegularFile(_, let kind):
            return "\(kind), not a regular file: not read (reading it could block or never end); copy its content to a file"
        case .limitExceeded(_, let detail):
            return detail
        case .damagedArchive(_, let detail):
            return "damaged archive: \(detail)"
        }
    }

    public var description: String {
        let name = DiagnosticText.escaped(path)
        if case .malformed(_, let line?, _) = self { return "\(name):\(line): \(reason)" }
        return "\(name): \(reason)"
    }
}
