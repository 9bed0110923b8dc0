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
