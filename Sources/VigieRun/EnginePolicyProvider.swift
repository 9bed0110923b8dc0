import Foundation
import LuaHost
import VigieEngine
import VigieModel
import VigiePolicy
import VigieREPL
import VigieToolkit

/// The policy engine behind `vigie repl --policy DIR`: the policy and its
/// plugins load into the REPL's own sandbox, so that typed code sees the
/// policy's globals (text, pii, vocab, check…), and `:rules`, `:threats`,
/// `:check` and `:explain` ask the engine. Rules and extends declared at the
/// prompt or in `:load`ed files are taken in after each entry. An activity
/// stream given with `--data` becomes `data`, the posts as rules see them.
///
/// Without a policy folder (`vigie repl --plugins DIR`), a scratch policy
/// that uses every plugin found stands in.
public final class EnginePolicyProvider: ReplPolicyProvider {
    let directory: String?
    let pluginPaths: [String]
    private let scratchLanguage: String
    private(set) var engine: PolicyEngine?
    /// Engines replaced by `:reload`, kept for the functions of theirs that
    /// typed code may still hold.
    private var retired: [PolicyEngine] = []

    public init(directory: String, pluginPaths: [String]) {
        self.directory = directory
        self.pluginPaths = pluginPaths
        scratchLanguage = "fr"
    }

    /// A scratch policy using every plugin in `pluginPaths` with its
    /// defaults (`vigie repl --plugins DIR` without `--policy`).
    public init(scratchWithPlugins pluginPaths: [String], language: String) {
        directory = nil
        self.pluginPaths = pluginPaths
        scratchLanguage = language == "en" ? "en" : "fr"
    }

    /// The plugins a scratch policy uses.
    public var scratchPlugins: [String] { PluginCatalog(searchPaths: pluginPaths).availableNames() }

    var scratchSource: String {
        let uses = scratchPlugins.map { "[\"\($0)\"] = {}" }.joined(separator: ", ")
        return "policy { name = \"repl\", version = \"0.0.0\", language = \"\(scratchLanguage)\", uses = { \(uses) } }\n"
    }

    public var summary: String {
        guard let engine else { return "no policy loaded" }
        let d = engine.declarations
        let counts = "\(d.rules.count) rules, \(d.indicators.count) indicators, \(d.threats.count) threats, \(d.reactions.count) reactions"
        if directory == nil {
            return "no policy: a scratch policy using the plugins \(d.plugins.map(\.name).joined(separator: ", ")): \(counts)"
        }
        return "policy \(d.manifest.name) \(d.manifest.version): \(counts)"
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
            let host = LuaHostPlace(state: context.state, environment: context.environment)
            let fresh: PolicyEngine
            if let directory {
                fresh = try PolicyEngine(
                    policyDirectory: directory, pluginPaths: pluginPaths, limits: context.state.limits, host: host, testing: true)
            } else {
                fresh = try PolicyEngine(
                    source: scratchSource, file: "(repl)/policy.lua", pluginPaths: pluginPaths, limits: context.state.limits,
                    host: host, testing: true)
            }
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
        if let data = try posts(of: context.datasets, engine: engine!) {
            try context.state.setGlobal("data", data, in: context.environment)
        }
    }

    /// `data` with a policy: an activity stream's records are the posts
    /// rules see (the actor resolved by the profile, the derived fields);
    /// other files stay as they are. Nil when no file is a stream.
    func posts(of datasets: [ReplDataSet], engine: PolicyEngine) throws -> LuaValue? {
        var anyStream = false
        var values: [LuaValue] = []
        var recordLists: [[LuaValue]] = []
        for set in datasets {
            guard let schema = set.records.first?["schema"].stringValue, schema.hasPrefix("vigie.activity/") else {
                values.append(set.value)
                recordLists.append(set.records)
                continue
            }
            anyStream = true
            var posts: [LuaValue] = []
            do {
                try ActivityStreamReader(path: set.path).forEach { record in
                    if case .activity(let activity, _) = record { posts.append(engine.ruleView(of: activity)) }
                }
            } catch {
                throw ReplPolicyError(description: "\(set.path): \(error)")
            }
            values.append(.array(posts))
            recordLists.append(posts)
        }
        guard anyStream else { return nil }
        return values.count == 1 ? values[0] : .array(recordLists.flatMap { $0 })
    }

    public func refresh() throws -> String? {
        guard let engine else { return nil }
        let before = Set((engine.declarations.rules + engine.declarations.indicators).map(\.id))
        do {
            guard try engine.refreshDeclarations() else { return nil }
        } catch {
            throw ReplPolicyError(description: error.description)
        }
        let d = engine.declarations
        let added = (d.rules + d.indicators).map(\.id).filter { !before.contains($0) }
        if added.isEmpty { return "declarations taken in: \(d.rules.count) rules, \(d.indicators.count) indicators" }
        return "taken in: \(added.joined(separator: ", ")) (\(d.rules.count) rules, \(d.indicators.count) indicators)"
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
        try check(post: ReplPost(text: text))
    }

    public func check(post: ReplPost) throws -> String {
        let engine = try loaded()
        let activity = try made(post, engine: engine)
        let result = engine.checkMadePost(activity)
        return Self.who(engine.summary(of: activity), options: post.isPlainText) + "\n"
            + Self.describe(result, text: activity.text, titles: titles(engine))
    }

    public func explain(rule id: String) throws -> String {
        let engine = try loaded()
        let rule = try declared(id, engine: engine)
        var out = "\(rule.id)\(rule.texts.title.map { " — \($0)" } ?? "")\n"
        out += "  declared at \(rule.location) (\(rule.owner)), severity \(rule.severity.rawValue)\n"
        if let description = rule.texts.description { out += "  \(description)\n" }
        if !rule.mitigates.isEmpty { out += "  mitigates: \(rule.mitigates.joined(separator: ", "))\n" }
        if !rule.platforms.isEmpty { out += "  platforms: \(rule.platforms.joined(separator: ", "))\n" }
        if !rule.kinds.isEmpty { out += "  kinds: \(rule.kinds.joined(separator: ", "))\n" }
        if let advice = rule.advice { out += "  advice: \(advice)\n" }
        if let charter = rule.texts.charter { out += "  charter: \(charter)\n" }
        if rule.disabled { out += "  disabled: it runs on no post\n" }
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

    public func explain(rule id: String, post: ReplPost) throws -> String {
        let engine = try loaded()
        let rule = try declared(id, engine: engine)
        let activity = try made(post, engine: engine)
        let summary = engine.summary(of: activity)
        var out = "\(rule.id)\(rule.texts.title.map { " — \($0)" } ?? "")\n"
        out += "  \(Self.who(summary, options: post.isPlainText))\n"
        guard engine.isActive(rule: rule.id) else {
            return out + "  the rule is disabled (disable, or extend … { enabled = false }): it runs on no post\n"
        }
        if !rule.platforms.isEmpty && !rule.platforms.contains(summary.platform) {
            out += "  the rule looks only at \(rule.platforms.joined(separator: ", ")): not at a post on \(summary.platform) (--platform)\n"
        }
        if !rule.kinds.isEmpty && !rule.kinds.contains(summary.kind) {
            out += "  the rule looks only at \(rule.kinds.joined(separator: ", ")): not at a \(summary.kind) (--kind)\n"
        }
        let result = engine.checkMadePost(activity, ruleID: rule.id)
        let findings = result.findings.filter { $0.ruleID == rule.id }
        for failure in result.failures { out += "  rule failure: \(failure.description)\n" }
        if findings.isEmpty {
            if result.failures.isEmpty { out += "  does not flag this post\n" }
            return out
        }
        for finding in findings {
            out += "  flags it, \(finding.severity.rawValue)\n"
            let evidence = finding.evidence.compactMap { span in
                span.excerpt(of: activity.text).map { "«\($0)»" + (span.label.map { " (\($0))" } ?? "") + " at \(span.start)–\(span.end)" }
            }
            out += evidence.isEmpty
                ? "  evidence: none given (the rule flagged the whole post)\n"
                : "  evidence: \(evidence.joined(separator: ", "))\n"
            if let note = result.notes[finding.fingerprint] { out += "  note: \(note)\n" }
            if let advice = finding.advice { out += "  → \(advice)\n" }
        }
        return out
    }

    public func completions(for request: ReplCompletionRequest) -> [String] {
        guard let engine, case .stringLiteral(let prefix, let before) = request else { return [] }
        let d = engine.declarations
        let context = before.trimmingCharacters(in: .whitespaces)
        let candidates: [String]
        if context.range(of: #"\bvocab\s*\(?$"#, options: .regularExpression) != nil {
            candidates = Vocabulary.names
        } else if context.range(of: #"\b(mitigates|add_mitigates|answers)\b"#, options: .regularExpression) != nil {
            candidates = d.threats.map(\.id)
        } else if context.range(of: #"\bopened_by\b"#, options: .regularExpression) != nil {
            candidates = (d.rules + d.indicators).map(\.id)
        } else if context.range(of: #"\bon\s*=$"#, options: .regularExpression) != nil {
            candidates = d.incidents.map(\.id)
        } else if context.range(of: #"\bactor\s*=$"#, options: .regularExpression) != nil {
            candidates = (engine.profile?.actors.map(\.id) ?? []) + ActorKind.allCases.map(\.rawValue)
        } else if context.range(of: #"\bkind\s*=$"#, options: .regularExpression) != nil {
            candidates = ActivityKind.allCases.map(\.rawValue)
        } else if context.range(of: #"\b(extend|disable)\b"#, options: .regularExpression) != nil {
            candidates = (d.rules + d.indicators).map(\.id) + d.threats.map(\.id) + d.reactions.map(\.id)
                + d.incidents.map(\.id)
        } else {
            candidates = (d.rules + d.indicators).map(\.id) + d.threats.map(\.id) + d.reactions.map(\.id)
        }
        return Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
    }

    private func loaded() throws -> PolicyEngine {
        guard let engine else { throw ReplPolicyError(description: "no policy loaded") }
        return engine
    }

    private func declared(_ id: String, engine: PolicyEngine) throws -> RuleDeclaration {
        let d = engine.declarations
        guard let rule = (d.rules + d.indicators).first(where: { $0.id == id }) else {
            let known = (d.rules + d.indicators).map(\.id).joined(separator: ", ")
            throw ReplPolicyError(description: "no rule \"\(id)\"; the rules are: \(known)")
        }
        return rule
    }

    private func made(_ post: ReplPost, engine: PolicyEngine) throws -> Activity {
        do {
            return try engine.madePost(post.spec)
        } catch {
            throw ReplPolicyError(description: "the post: \(error.description)")
        }
    }

    private func titles(_ engine: PolicyEngine) -> [String: String] {
        Dictionary((engine.declarations.rules + engine.declarations.indicators).compactMap { r in r.texts.title.map { (r.id, $0) } }) { a, _ in a }
    }

    /// Who the rules take the author for: the line `:check` starts with.
    static func who(_ s: MadePostSummary, options: Bool) -> String {
        let author: String
        if let id = s.actorID, let kind = s.actorKind {
            author = id == kind ? "someone of kind \(kind)" : "\(id) (\(kind))"
        } else {
            author = "an account that is no one of the profile (rules see no actor)"
        }
        let article = s.kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        var line = "as \(article) \(s.kind) on \(s.platform), \(s.visibility), by \(author)"
        if options { line += "; --actor, --platform and --kind say otherwise" }
        return line
    }

    static func describe(_ result: ActivityCheck, text: String, titles: [String: String]) -> String {
        if result.findings.isEmpty && result.failures.isEmpty { return "no rule flags this text" }
        var out = ""
        for finding in result.findings {
            out += "\(finding.severity.rawValue.uppercased()) \(finding.ruleID)\(titles[finding.ruleID].map { " — \($0)" } ?? "")\n"
            let evidence = finding.evidence.compactMap { span in
                span.excerpt(of: text).map { "«\($0)»" + (span.label.map { " (\($0))" } ?? "") + " at \(span.start)–\(span.end)" }
            }
            if !evidence.isEmpty { out += "  evidence: \(evidence.joined(separator: ", "))\n" }
            if let note = result.notes[finding.fingerprint] { out += "  note: \(note)\n" }
            if let advice = finding.advice { out += "  → \(advice)\n" }
        }
        for failure in result.failures { out += "rule failure: \(failure.description)\n" }
        return out
    }
}

struct ReplPolicyError: Error, CustomStringConvertible {
    let description: String
}
