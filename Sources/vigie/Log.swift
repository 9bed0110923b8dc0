import Foundation
import Logging
import VigieReport
import VigieRun

/// Vigie's log, through swift-log, on standard error. Quiet by default
/// (warnings and errors); `VIGIE_LOG=info` or `VIGIE_LOG=debug` says more.
/// The libraries log to `Logger(label: "vigie")`; the command line decides
/// where it goes. Log messages carry counts, paths and identifiers of rules
/// and runs — never the text of posts; whatever a message or its metadata
/// holds goes through the reports' masking (`Masker`) at every level.
enum Log {
    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            let env = ProcessInfo.processInfo.environment["VIGIE_LOG"]?.lowercased()
            handler.logLevel = env.flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return MaskingLogHandler(handler)
        }
        return Logger(label: "vigie")
    }()
}

/// Personal data masked in what the command line writes to standard error
/// (errors, warnings, the lines of skipped records): the one masking of the
/// reports, with the toolkit's detectors.
enum Privacy {
    static let masker = Masker(reveal: false, detector: ToolkitDetector())

    static func mask(_ text: String) -> String { masker.mask(text) }
}

/// A log handler that masks personal data in the message and the metadata,
/// then hands the event to another handler.
struct MaskingLogHandler: LogHandler {
    private var inner: any LogHandler

    init(_ inner: any LogHandler) { self.inner = inner }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var masked = event
        masked.message = Logger.Message(stringLiteral: Privacy.mask(event.message.description))
        masked.metadata = event.metadata.map { $0.mapValues(Self.mask) }
        inner.log(event: masked)
    }

    static func mask(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(Privacy.mask(text))
        case .stringConvertible(let convertible): .string(Privacy.mask(convertible.description))
        case .dictionary(let dictionary): .dictionary(dictionary.mapValues(mask))
        case .array(let array): .array(array.map(mask))
        @unknown default: .string(Privacy.mask(value.description))
        }
    }
}
