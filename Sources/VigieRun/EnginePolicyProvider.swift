import Foundation
import LuaHost
import VigieEngine
import VigieModel
import VigieREPL

/// The policy engine behind `vigie repl --policy DIR`: the policy and its
/// plugins load into the REPL's own sandbox, so that typed code sees the
/// policy's globals (text, pii, vocab, check…), and `:rules`, `:threats`,
/// `:check` and `:explain` ask the engine.
public final class EnginePolicyProvider: ReplPolicyProvider {
    let directory: String
    let pluginPaths: [String]
    private(set) var engine: PolicyEngine?
    /// Engines replaced by `:reload`, kept for the functions of theirs that
    /// typed code may still hold.
    private var retired: [PolicyEngine] = []

    public init(directory: String, pluginPaths: [String]) {
        self.directory = directory
        self.pluginPaths = pluginPaths
    }

    public var summary: String {
        guard let engine else { return "no policy loaded" }
        let d = engine.declarations
        return "policy \(d.manifest.name) \(d.manifest.version): \(d.rules.count) rules, \(d.indicators.count) indicators, \(d.threats.count) threats, \(d.reactions.count) reactions"
    }

    public func load(into context: ReplPolicyContext) throws {
        // The previous engine sealed the environment: it takes its seal off
        // for the new one, and back if the new one fails to load.
        let previous = engine
        previous?.releaseEnvironment()
        do {
            // The plugins' modules run again for the new engine (their
            // declarations register with it, and `extend` finds them).
            if previous != nil { try context.state.forgetModules(in: context.environment) }
            let fresh = try PolicyEngine(
                policyDirectory: directory, pluginPaths: pluginPaths, limits: context.state.limits,
                host: LuaHostPlace(state: context.state, environment: context.environment), testing: true)
            if let previous {
                // Functions of its API may still be held by the session's globals.
                retired.append(previous)
            }
            engine = fresh
        } catch let error as PolicyError {
            previous?.reclaimEnvironment()
            throw ReplPolicyError(description: error.description)
        } catch {
            previous?.reclaimEnvironment()
            throw ReplPolicyError(description: "\(error)")
        }
    }

    public func rules() -> [ReplCatalogEntry] {
        guard let engine else { return [] }
        let d = engine.declarations
        return (d.rules + d.indicators).filter { !$0.disabled }.map {
            ReplCatalogEntry(
                id: $0.id, title: $0.texts.title ?? "", location: $0.location.description,
                detail: ($0.isIndicator ? "indicator, " : "") + $0.severity.rawValue)
        }
    }

    public func threats() -> [ReplCatalogEntry] {
        guard let engine else { return [] }
        return engine.declarations.threats.map {
            ReplCatalogEntry(
                id: $0.id, title: $0.texts.title ?? "", location: $0.location.description,
                detail: "\($0.likelihood.map(String.init) ?? "?")×\($0.impact.map(String.init) ?? "?")")
        }
    }

    public func check(text: String) throws -> String {
        guard let engine else { throw ReplPolicyError(description: "no policy loaded") }
        let result = engine.checkText(text)
        return Self.describe(result, text: text, titles: titles(engine))
    }

    public func explain(rule id: String) throws -> String {
        guard let engine else { throw ReplPolicyError(description: "no policy loaded") }
        let d = engine.declarations
        guard let rule = (d.rules + d.indicators).first(where: { $0.id == id }) else {
            let known = (d.rules + d.indicators).map(\.id).joined(separator: ", ")
            throw ReplPolicyError(description: "no rule \"\(id)\"; the rules are: \(known)")
        }
        var out = "\(rule.id) — \(rule.texts.title ?? "")\n"
        out += "  declared at \(rule.location) (\(rule.owner)), severity \(rule.severity.rawValue)\n"
        if let description = rule.texts.description { out += "  \(description)\n" }
        if !rule.mitigates.isEmpty { out += "  mitigates: \(rule.mitigates.joined(separator: ", "))\n" }
        if !rule.platforms.isEmpty { out += "  platforms: \(rule.platforms.joined(separator: ", "))\n" }
        if !rule.kinds.isEmpty { out += "  kinds: \(rule.kinds.joined(separator: ", "))\n" }
        if let advice = rule.advice { out += "  advice: \(advice)\n" }
        if let charter = rule.texts.charter { out += "  charter: \(charter)\n" }
        let results = engine.runExamples().filter { $0.ruleID == rule.id }
        if !results.isEmpty { out += "  its examples, run now:\n" }
        for result in results {
            out += "    \(result.passed ? "✓" : "✗") \(result.expected == .flag ? "flags" : "passes") «\(result.text)»"
            let check = engine.checkText(result.text, ruleID: rule.id)
            if let finding = check.findings.first(where: { $0.ruleID == rule.id }) {
                let evidence = finding.evidence.compactMap { span in
                    span.excerpt(of: result.text).map { "«\($0)»" + (span.label.map { " (\($0))" } ?? "") }
                }
                if !evidence.isEmpty { out += " — evidence: \(evidence.joined(separator: ", "))" }
            }
            if let failure = result.failure { out += " — error: \(failure.message)" }
            out += "\n"
        }
        return out
    }

    public func completions(for request: ReplCompletionRequest) -> [String] {
        guard let engine, case .stringLiteral(let prefix) = request else { return [] }
        let d = engine.declarations
        let ids = (d.rules + d.indicators).map(\.id) + d.threats.map(\.id) + d.reactions.map(\.id)
        return ids.filter { $0.hasPrefix(prefix) }.sorted()
    }

    private func titles(_ engine: PolicyEngine) -> [String: String] {
        Dictionary((engine.declarations.rules + engine.declarations.indicators).map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
    }

    static func describe(_ result: ActivityCheck, text: String, titles: [String: String]) -> String {
        if result.findings.isEmpty && result.failures.isEmpty { return "no rule flags this text" }
        var out = ""
        for finding in result.findings {
            out += "\(finding.severity.rawValue.uppercased()) \(finding.ruleID) — \(titles[finding.ruleID] ?? "")\n"
            let evidence = finding.evidence.compactMap { span in
                span.excerpt(of: text).map { "«\($0)»" + (span.label.map { " (\($0))" } ?? "") + " at \(span.start)–\(span.end)" }
            }
            if !evidence.isEmpty { out += "  evidence: \(evidence.joined(separator: ", "))\n" }
            if let advice = finding.advice { out += "  → \(advice)\n" }
        }
        for failure in result.failures { out += "rule failure: \(failure.description)\n" }
        return out
    }
}

struct ReplPolicyError: Error, CustomStringConvertible {
    let description: String
}
