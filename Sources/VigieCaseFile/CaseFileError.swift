/// Why the case file refused an operation, with what to do about it.
///
/// `code` is for programs; `description` is for people and says what to do.
public struct CaseFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The folder of the case file cannot be created, or the file cannot be opened.
        public static let cannotOpen = Code(rawValue: "cannot-open")
        /// The file was written by a newer Vigie (unknown migrations).
        public static let tooNew = Code(rawValue: "too-new")
        /// Another process kept the case file locked longer than the busy timeout.
        public static let busy = Code(rawValue: "busy")
        /// No run has this id.
        public static let unknownRun = Code(rawValue: "unknown-run")
        /// The run is already finished or marked incomplete.
        public static let runNotRunning = Code(rawValue: "run-not-running")
        /// No finding has this fingerprint.
        public static let unknownFingerprint = Code(rawValue: "unknown-fingerprint")
        /// No incident has this id.
        public static let unknownIncident = Code(rawValue: "unknown-incident")
        /// An acceptance without a reason or without a name.
        public static let missingReason = Code(rawValue: "missing-reason")
        /// The file is not a SQLite database, or SQLite finds it damaged.
        public static let damaged = Code(rawValue: "damaged")
        /// The disk (or the file system's quota) is full: nothing was written.
        public static let diskFull = Code(rawValue: "disk-full")
        /// The file or its folder cannot be written (permissions, read-only media).
        public static let readOnly = Code(rawValue: "read-only")
        /// Any other error the database reported.
        public static let database = Code(rawValue: "database")
        /// A `--case-file` location that cannot be used as written (a URL with a password, an unknown parameter).
        public static let badLocation = Code(rawValue: "bad-location")
        /// The PostgreSQL server could not be reached, after the retries.
        public static let unavailable = Code(rawValue: "unavailable")
        /// The PostgreSQL role may not do this (its grants, docs/scale.md).
        public static let permissionDenied = Code(rawValue: "permission-denied")
        /// The PostgreSQL schema needs a migration this role may not apply.
        public static let needsMigration = Code(rawValue: "needs-migration")
        /// An operation only a PostgreSQL case file offers (shared runs).
        public static let notShared = Code(rawValue: "not-shared")
        /// A copy whose destination already holds records.
        public static let notEmpty = Code(rawValue: "not-empty")
    }

    public var code: Code
    /// The case file concerned: its path, or its PostgreSQL URL (never with a password).
    public var path: String
    /// What happened and what to do, in one or two sentences.
    public var message: String

    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
