/// The output formats of a report.
public enum ReportFormat: String, Codable, Sendable, CaseIterable {
    case text, json, markdown, csv, sarif, html

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .markdown: "md"
        case .csv: "csv"
        case .sarif: "sarif"
        case .html: "html"
        }
    }
}

/// The languages reports are written in.
public enum ReportLanguage: String, Codable, Sendable, CaseIterable {
    case french = "fr"
    case english = "en"

    /// Reads a BCP 47 code: `fr`, `fr-CA`, `en_GB`… Nil for other languages.
    public init?(code: String) {
        let primary = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        self.init(rawValue: primary)
    }
}

/// How to render a report.
public struct ReportOptions: Sendable {
    public var format: ReportFormat
    /// Nil: the policy's language.
    public var language: ReportLanguage?
    /// Show personal data (phones, e-mails, addresses, identifiers) instead of masking it.
    public var reveal: Bool
    /// Finds the personal data to mask in free text; `BasicPersonalDataDetector`
    /// (e-mails and phone-like digit runs) unless the engine gives a better one.
    public var detector: any PersonalDataDetector

    public init(
        format: ReportFormat, language: ReportLanguage? = nil, reveal: Bool = false,
        detector: any PersonalDataDetector = BasicPersonalDataDetector()
    ) {
        self.format = format
        self.language = language
        self.reveal = reveal
        self.detector = detector
    }
}

/// Why a report cannot be rendered, and what to do.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unsupportedLanguage = "unsupported-language"
        case invalidThreat = "invalid-threat"
        case invalidTimeZone = "invalid-time-zone"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
