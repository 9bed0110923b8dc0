import LuaHost
import VigieEngine
import VigieModel

/// The answer to a draft.
public enum ServeDecision: String, Codable, Sendable, CaseIterable {
    case allow, warn, block
}

/// How findings' severities become a decision: a finding at or above
/// `block` blocks the draft, one at or above `warn` (and below `block`)
/// warns, anything below allows it (the findings are still shown).
///
/// A policy sets it with a top-level table in its `policy.lua`:
///
/// ```lua
/// serve = { block = "high", warn = "low" }
/// ```
///
/// (the policy's `policy { serve = { block = "high", warn = "low" } }`; the
/// default is the line above).
public struct DecisionMapping: Hashable, Codable, Sendable {
    public var block: Severity
    public var warn: Severity

    public init(block: Severity, warn: Severity) {
        self.block = block
        self.warn = warn
    }

    public static let `default` = DecisionMapping(block: .high, warn: .low)

    public func decision<S: Sequence>(for severities: S) -> ServeDecision where S.Element == Severity {
        var decision = ServeDecision.allow
        for severity in severities {
            if severity >= block { return .block }
            if severity >= warn { decision = .warn }
        }
        return decision
    }

    /// The mapping the loaded policy sets (`policy { serve = { block, warn } }`,
    /// checked when the policy loads), or the default.
    static func read(from engine: PolicyEngine) throws(ServeLoadError) -> DecisionMapping {
        guard let serve = engine.declarations.manifest.serve else { return .default }
        var mapping = DecisionMapping.default
        mapping.block = serve.block
        mapping.warn = serve.warn
        return mapping
    }
}

/// Why a policy could not be (re)loaded for serving.
public struct ServeLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
