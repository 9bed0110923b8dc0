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
/// (read after the policy loads, as a global of its environment; the
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

    /// The mapping the loaded policy sets, or the default. Throws a message
    /// naming the policy file when the table is malformed.
    static func read(from engine: PolicyEngine) throws(ServeLoadError) -> DecisionMapping {
        let value: LuaValue
        do {
            value = try engine.evaluate("return rawget(_ENV, 'serve')", chunkName: "=vigie-serve").first ?? .nil
        } catch {
            // A policy environment without rawget: read the plain global.
            do {
                value = try engine.evaluate("return serve", chunkName: "=vigie-serve").first ?? .nil
            } catch {
                throw ServeLoadError("\(engine.policyFile): cannot read the serve table: \(error.message)")
            }
        }
        if value.isNil { return .default }
        guard value.tableValue != nil else {
            throw ServeLoadError(
                "\(engine.policyFile): error: serve must be a table, as in serve = { block = \"high\", warn = \"low\" }")
        }
        var mapping = DecisionMapping.default
        let names = Severity.allCases.map(\.rawValue).joined(separator: ", ")
        for (key, field) in value.tableValue ?? [:] {
            guard let name = key.stringValue, name == "block" || name == "warn" else {
                throw ServeLoadError(
                    "\(engine.policyFile): error: serve has an unknown field \(key.stringValue ?? key.typeName); it takes block and warn")
            }
            guard let text = field.stringValue, let severity = Severity(rawValue: text) else {
                throw ServeLoadError("\(engine.policyFile): error: serve.\(name) must be a severity: \(names)")
            }
            if name == "block" { mapping.block = severity } else { mapping.warn = severity }
        }
        guard mapping.warn <= mapping.block else {
            throw ServeLoadError(
                "\(engine.policyFile): error: serve.warn (\(mapping.warn.rawValue)) must not be above serve.block (\(mapping.block.rawValue))")
        }
        return mapping
    }
}

/// Why a policy could not be (re)loaded for serving.
public struct ServeLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
