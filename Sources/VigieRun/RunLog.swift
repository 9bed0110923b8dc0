import Logging

/// The run's log: counts, paths and identifiers, never the text of posts
/// or personal data. Where it goes is the front end's choice
/// (`LoggingSystem.bootstrap`).
enum RunLog {
    static let logger = Logger(label: "vigie")
}
