import Foundation
import VigieCharter
import VigieEngine
import VigieModel

/// What the server knows of one loaded generation of the policy, shared
/// between requests: names, the decision mapping, each rule's texts, the
/// people a draft may name, and the documents built once per generation
/// (`/v1/policy` and the page).
public struct PolicySnapshot: Sendable {
    public struct RuleInfo: Sendable, Hashable {
        public var title: String
        /// The principle of the usage charter the rule stands for.
        public var charter: String?
    }

    /// 1 for the policy loaded at start, then one more per successful reload.
    public var generation: Int
    public var name: String
    public var version: String
    /// `fr` or `en`: the page's language.
    public var language: String
    public var mapping: DecisionMapping
    public var rules: [String: RuleInfo]
    /// Who a draft may name as `person`: the profile's actors, and the kinds of actors.
    public var people: Set<String>
    /// The platforms the page offers (the profile's first, then the usual ones).
    public var platforms: [String]
    public var defaultPlatform: String
    /// Whether the policy has indicators (their per-person state is reset after each draft).
    public var hasIndicators: Bool
    /// The files whose change reloads the policy: its folder and its plugins' folders.
    public var watchedFolders: [String]
    public var loadedAt: Date
    /// `GET /v1/policy`, encoded once.
    public var policyDocument: Data
    /// `GET /`, in the policy's language.
    public var page: Data

    static let usualPlatforms = ["facebook", "instagram", "linkedin", "twitter", "mastodon", "website"]

    init(engine: PolicyEngine, generation: Int, mapping: DecisionMapping, folder: String) throws {
        let d = engine.declarations
        self.generation = generation
        name = d.manifest.name
        version = d.manifest.version
        language = d.manifest.language == "en" ? "en" : "fr"
        self.mapping = mapping
        var rules: [String: RuleInfo] = [:]
        for rule in d.rules + d.indicators {
            rules[rule.id] = RuleInfo(
                title: rule.texts.title ?? rule.id,
                charter: rule.texts.charter ?? rule.texts.description)
        }
        self.rules = rules
        var people = Set(ActorKind.allCases.map(\.rawValue))
        if let profile = engine.profile {
            people.formUnion(profile.actors.map(\.id))
        }
        self.people = people
        var platforms = (engine.profile?.platforms ?? []).map(\.platform.rawValue)
        for p in Self.usualPlatforms where !platforms.contains(p) { platforms.append(p) }
        self.platforms = platforms
        defaultPlatform = platforms.first ?? "facebook"
        hasIndicators = d.indicators.contains { !$0.disabled }
        watchedFolders = [folder] + d.plugins.map(\.directory)
        loadedAt = Date()
        let document = PolicyDocument(engine: engine, mapping: mapping, platforms: platforms)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        policyDocument = try encoder.encode(document)
        page = ServePage.render(language: language, policyName: d.manifest.texts.title ?? d.manifest.name,
                                version: version, platforms: platforms, mapping: mapping)
    }
}

/// `GET /v1/policy`: what tools need to know of the policy (no personal
/// data: rules, principles, the decision mapping).
struct PolicyDocument: Codable, Sendable {
    struct Policy: Codable, Sendable {
        var name: String
        var version: String
        var language: String
        var title: String?
    }
    struct Rule: Codable, Sendable {
        var id: String
        var title: String
        var severity: String
        var indicator: Bool
        var owner: String
        var platforms: [String]
        var kinds: [String]
        var mitigates: [String]
        var advice: String?
        var charter: String?
    }
    struct Principle: Codable, Sendable {
        var id: String
        var title: String
        var text: String
        var severity: String
        var advice: String?
    }
    struct Decisions: Codable, Sendable {
        var block: String
        var warn: String
    }

    var policy: Policy
    var decisions: Decisions
    var platforms: [String]
    var rules: [Rule]
    var principles: [Principle]

    init(engine: PolicyEngine, mapping: DecisionMapping, platforms: [String]) {
        let d = engine.declarations
        policy = Policy(name: d.manifest.name, version: d.manifest.version, language: d.manifest.language,
                        title: d.manifest.texts.title)
        decisions = Decisions(block: mapping.block.rawValue, warn: mapping.warn.rawValue)
        self.platforms = platforms
        rules = (d.rules + d.indicators).filter { !$0.disabled }.map {
            Rule(id: $0.id, title: $0.texts.title ?? $0.id, severity: $0.severity.rawValue, indicator: $0.isIndicator,
                 owner: $0.owner.description, platforms: $0.platforms, kinds: $0.kinds, mitigates: $0.mitigates,
                 advice: $0.advice, charter: $0.texts.charter ?? $0.texts.description)
        }
        principles = Charter(declarations: engine.declarations, profile: engine.profile).principles.map {
            Principle(id: $0.id, title: $0.title, text: $0.text, severity: $0.severity, advice: $0.advice)
        }
    }
}
