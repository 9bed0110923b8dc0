/// Why a run (a check, a report, a reaction) could not be carried out: a
/// code a front end can act on, and a sentence that says what to do. The
/// message names files and never quotes the content of an activity.
public struct RunError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String

        /// A path given as input does not exist.
        public static let missingInput = Code(name: "missing-input")
        /// An input could not be imported at all.
        public static let importFailed = Code(name: "import-failed")
        /// The findings could not be kept on disk or read back.
        public static let spill = Code(name: "spill")
        /// The case file could not be opened, read or written.
        public static let caseFile = Code(name: "case-file")
        /// The saved incidents cannot be read.
        public static let incidents = Code(name: "incidents")
        /// The policy does not load, or a phase of it fails.
        public static let policy = Code(name: "policy")
        /// A file the run writes cannot be written.
        public static let output = Code(name: "output")
        /// The request itself is wrong (an unknown incident, a missing note).
        public static let usage = Code(name: "usage")
        /// A file the user gave cannot be read as what it should be.
        public static let input = Code(name: "input")
        /// Another Vigie process held the case file longer than the wait.
        public static let caseFileLocked = Code(name: "case-file-locked")
        /// The case file is damaged or not a case file.
        public static let caseFileDamaged = Code(name: "case-file-damaged")
        /// The disk is full: nothing of the run was recorded.
        public static let diskFull = Code(name: "disk-full")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
