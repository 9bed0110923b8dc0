/// Everything `vigie lint` reports about a loaded policy: warnings (links
/// to undeclared threats, threats without rule or reaction), rule examples
/// that fail, and scenarios whose expectations are not met.
public struct LintReport: Hashable, Codable, Sendable {
    public var warnings: [String]
    public var failedExamples: [ExampleResult]
    public var failedSimulations: [Simulation]
    public var isClean: Bool { warnings.isEmpty && failedExamples.isEmpty && failedSimulations.isEmpty }
}

extension PolicyEngine {
    /// Runs the checks that need no data: warnings, examples, scenarios.
    public func lint() -> LintReport {
        LintReport(
            warnings: warnings.map(\.description),
            failedExamples: runExamples().filter { !$0.passed },
            failedSimulations: declarations.scenarios.map { simulate($0) }.filter { !$0.passed })
    }
}
