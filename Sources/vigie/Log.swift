import Foundation
import Logging

/// Vigie's log, through swift-log, on standard error. Quiet by default
/// (warnings and errors); `VIGIE_LOG=info` or `VIGIE_LOG=debug` says more.
/// The libraries log to `Logger(label: "vigie")`; the command line decides
/// where it goes. Log messages carry counts, paths and identifiers of rules
/// and runs — never the text of posts or personal data.
enum Log {
    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            let env = ProcessInfo.processInfo.environment["VIGIE_LOG"]?.lowercased()
            handler.logLevel = env.flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        return Logger(label: "vigie")
    }()
}
