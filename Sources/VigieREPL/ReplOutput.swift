import Foundation

/// Where a session writes: `standard` gets values and what scripts print,
/// `diagnostic` gets errors and notices. Colours are for terminals only.
public final class ReplOutput {
    private let standardSink: (String) -> Void
    private let diagnosticSink: (String) -> Void
    /// Whether errors are shown in red.
    public var colors: Bool

    public init(colors: Bool = false, standard: @escaping (String) -> Void, diagnostic: @escaping (String) -> Void) {
        self.colors = colors
        self.standardSink = standard
        self.diagnosticSink = diagnostic
    }

    /// Writes straight to the process's standard output and error.
    public static func process(colors: Bool) -> ReplOutput {
        ReplOutput(
            colors: colors,
            standard: { FileHandle.standardOutput.write(Data($0.utf8)) },
            diagnostic: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// Text as is (what `print` printed).
    public func write(_ text: String) { standardSink(text) }

    /// A line of results or information, on standard output.
    public func line(_ text: String) { standardSink(text + "\n") }

    /// An error, on standard error (red on a terminal).
    public func error(_ text: String) {
        diagnosticSink(colors ? "\u{1B}[31m" + text + "\u{1B}[0m\n" : text + "\n")
    }

    /// A notice about the session itself, on standard error.
    public func notice(_ text: String) {
        diagnosticSink(colors ? "\u{1B}[2m" + text + "\u{1B}[0m\n" : text + "\n")
    }
}
