import VigieModel

/// Who made a declaration: the policy itself or one of its plugins.
public enum DeclarationOwner: Hashable, Codable, Sendable, CustomStringConvertible {
    case policy
    case plugin(String)

    /// `"policy"` is the policy; any other name a plugin.
    public init(name: String) { self = name == "policy" ? .policy : .plugin(name) }

    public var description: String {
        switch self {
        case .policy: "policy"
        case .plugin(let name): "plugin \(name)"
        }
    }
}

/// The texts of a declaration the usage charter and the reports use, in
/// the policy's language.
public struct DeclarationTexts: Hashable, Codable, Sendable {
    public var title: String?
    public var description: String?
    /// The sentence for the usage charter (`charter = "..."`).
    public var charter: String?

    public init(title: String? = nil, description: String? = nil, charter: String? = nil) {
        self.title = title
        self.description = description
        self.charter = charter
    }
}

/// `policy { name, version, language, uses, disable }`.
public struct PolicyManifest: Hashable, Codable, Sendable {
    public var name: String
    public var version: String
    /// `fr` or `en`: the language of titles, advice and reasons.
    public var language: String
    public var texts: DeclarationTexts
    public var location: SourceLocation
    /// How `vigie serve` decides on a draft (`serve = { block, warn }`);
    /// nil: high and above block, low and above warn.
    public var serve: ServeMapping? = nil

    public init(name: String, version: String, language: String, texts: DeclarationTexts = DeclarationTexts(),
                location: SourceLocation) {
        self.name = name
        self.version = version
        self.language = language
        self.texts = texts
        self.location = location
    }
}

/// The severities from which `vigie serve` blocks or warns about a draft.
public struct ServeMapping: Hashable, Codable, Sendable {
    public var block: Severity
    public var warn: Severity

    public init(block: Severity, warn: Severity) {
        self.block = block
        self.warn = warn
    }
}

/// `threat "id" { ... }`: who could harm what, through which channel.
public struct ThreatDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    public var actors: [String]
    public var assets: [String]
    public var channels: [String]
    /// Security issues of the profile (question 4) the threat belongs to.
    public var issues: [String]
    /// Fixed scores (1–5); nil when a function of the profile computes them.
    public var likelihood: Int?
    public var impact: Int?

    public init(
        id: String, texts: DeclarationTexts = DeclarationTexts(), owner: DeclarationOwner = .policy,
        location: SourceLocation, actors: [String] = [], assets: [String] = [], channels: [String] = [],
        issues: [String] = [], likelihood: Int? = nil, impact: Int? = nil
    ) {
        self.id = id
        self.texts = texts
        self.owner = owner
        self.location = location
        self.actors = actors
        self.assets = assets
        self.channels = channels
        self.issues = issues
        self.likelihood = likelihood
        self.impact = impact
    }
}

/// An example a rule must flag or pass (`examples = { flag = {...}, pass = {...} }`).
public struct RuleExample: Hashable, Codable, Sendable {
    public var text: String
    public var platform: String?
    public var kind: String?
    public var visibility: String?
    /// The actor id the example is written by (a person of the profile).
    public var actor: String?
    /// The example's language (`language = "en"`), when its author says it.
    public var language: String?
    /// A pass example its author marks as a good practice
    /// (`good_practice = true`): the charter shows it as one to follow.
    /// A pass example without the mark only shows what the rule does not
    /// flag, which may still be a bad idea under another rule.
    public var goodPractice: Bool

    public init(
        text: String, platform: String? = nil, kind: String? = nil, visibility: String? = nil, actor: String? = nil,
        language: String? = nil, goodPractice: Bool = false
    ) {
        self.text = text
        self.platform = platform
        self.kind = kind
        self.visibility = visibility
        self.actor = actor
        self.language = language
        self.goodPractice = goodPractice
    }

    enum CodingKeys: String, CodingKey { case text, platform, kind, visibility, actor, language, goodPractice }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            text: try c.decode(String.self, forKey: .text), platform: try c.decodeIfPresent(String.self, forKey: .platform),
            kind: try c.decodeIfPresent(String.self, forKey: .kind),
            visibility: try c.decodeIfPresent(String.self, forKey: .visibility),
            actor: try c.decodeIfPresent(String.self, forKey: .actor),
            language: try c.decodeIfPresent(String.self, forKey: .language),
            goodPractice: try c.decodeIfPresent(Bool.self, forKey: .goodPractice) ?? false)
    }
}

/// `rule "id" { ... }` or `indicator "id" { ... }`.
public struct RuleDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    /// An indicator observes an actor's history; a rule one activity.
    public var isIndicator: Bool
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    /// Where a policy changed it with `extend`, if it did.
    public var extendedAt: SourceLocation?
    public var severity: Severity
    public var mitigates: [String]
    public var advice: String?
    public var flagExamples: [RuleExample]
    public var passExamples: [RuleExample]
    public var platforms: [String]
    public var kinds: [String]
    /// Switched off by `disable` or `extend "id" { enabled = false }`.
    public var disabled: Bool

    public init(
        id: String, isIndicator: Bool = false, texts: DeclarationTexts = DeclarationTexts(),
        owner: DeclarationOwner = .policy, location: SourceLocation, extendedAt: SourceLocation? = nil,
        severity: Severity, mitigates: [String] = [], advice: String? = nil, flagExamples: [RuleExample] = [],
        passExamples: [RuleExample] = [], platforms: [String] = [], kinds: [String] = [], disabled: Bool = false
    ) {
        self.id = id
        self.isIndicator = isIndicator
        self.texts = texts
        self.owner = owner
        self.location = location
        self.extendedAt = extendedAt
        self.severity = severity
        self.mitigates = mitigates
        self.advice = advice
        self.flagExamples = flagExamples
        self.passExamples = passExamples
        self.platforms = platforms
        self.kinds = kinds
        self.disabled = disabled
    }
}

/// `incident "id" { opened_by = {...} }`.
public struct IncidentDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    public var openedBy: [String]
    public var severity: Severity
    public var disabled: Bool

    public init(
        id: String, texts: DeclarationTexts = DeclarationTexts(), owner: DeclarationOwner = .policy,
        location: SourceLocation, openedBy: [String], severity: Severity, disabled: Bool = false
    ) {
        self.id = id
        self.texts = texts
        self.owner = owner
        self.location = location
        self.openedBy = openedBy
        self.severity = severity
        self.disabled = disabled
    }
}

/// One step of a reaction's escalation.
public struct ReactionStepDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var title: String?
    public var advice: String?
    /// The rule or indicator ids the condition looks for (empty for a
    /// function condition or none).
    public var whenIDs: [String]
    /// The condition is a Lua function.
    public var customCondition: Bool
    public var recordReasons: Bool
    public var reasons: String?
    public var closes: Bool
    /// A condition on time rather than findings: `{ quiet_days = N }` (N days
    /// with no new finding about the person) or `{ after_days = N }` (N days
    /// after the step before was reached).
    public var timeCondition: TimeCondition?
    /// A condition on the findings declared as data (`"id"`, `{ any = ...,
    /// all = ..., count = ..., min_severity = ... }`); nil for a function,
    /// a time or no condition.
    public var findingCondition: FindingCondition?

    public init(
        id: String, title: String? = nil, advice: String? = nil, whenIDs: [String] = [],
        customCondition: Bool = false, recordReasons: Bool = false, reasons: String? = nil, closes: Bool = false,
        timeCondition: TimeCondition? = nil, findingCondition: FindingCondition? = nil
    ) {
        self.id = id
        self.title = title
        self.advice = advice
        self.whenIDs = whenIDs
        self.customCondition = customCondition
        self.recordReasons = recordReasons
        self.reasons = reasons
        self.closes = closes
        self.timeCondition = timeCondition
        self.findingCondition = findingCondition
    }
}

/// A step's condition on the findings seen since the incident's current
/// step, as a policy declares it with data; the engine's `when` entry
/// point (vigie/reactions.lua) is what decides it, this is the same test
/// for the host to skip calls that cannot hold.
public struct FindingCondition: Hashable, Codable, Sendable {
    /// A finding of any of these rules counts.
    public var any: [String]?
    /// Every one of these rules must have a finding (`any` wins when both are given).
    public var all: [String]?
    /// The number of posts (not findings) the counting findings must come from.
    public var count: Int
    /// Findings below this severity do not count.
    public var minSeverity: Severity?

    public init(any: [String]?, all: [String]?, count: Int, minSeverity: Severity?) {
        self.any = any
        self.all = all
        self.count = count
        self.minSeverity = minSeverity
    }

    /// Whether the condition holds for `events`, as the `when` entry point decides it.
    public func holds(for events: [FindingEvent]) -> Bool {
        // The entry point ranks severities from 1 (info); none below counts.
        let least = minSeverity.map { $0.rank + 1 } ?? 0
        var posts = Set<String>()
        var seen = Set<String>()
        for e in events where e.severity.rank + 1 >= least {
            let hit: Bool
            if let any {
                hit = any.contains(e.ruleID)
            } else if let all {
                hit = all.contains(e.ruleID)
                if hit { seen.insert(e.ruleID) }
            } else {
                hit = true
            }
            if hit { posts.insert(e.activityID) }
        }
        if let all { return all.allSatisfy { seen.contains($0) } }
        return posts.count >= count
    }
}

/// A step's condition on time.
public struct TimeCondition: Hashable, Codable, Sendable {
    public var days: Int
    /// Counted from the latest finding (or the step, if later) rather than from the step.
    public var quiet: Bool

    public init(days: Int, quiet: Bool) {
        self.days = days
        self.quiet = quiet
    }
}

/// `reaction "id" { on = incident, answers = threats, steps = {...} }`.
public struct ReactionDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    public var on: String
    public var answers: [String]
    public var steps: [ReactionStepDeclaration]
    public var disabled: Bool

    /// The model's plan, for reports and the case file.
    public var plan: ReactionPlan {
        ReactionPlan(
            id: id, on: on,
            steps: steps.map {
                ReactionStep(
                    id: $0.id, title: $0.title, condition: $0.whenIDs.isEmpty ? nil : $0.whenIDs.joined(separator: "|"),
                    advice: $0.advice, recordReasons: $0.recordReasons)
            })
    }

    public init(
        id: String, texts: DeclarationTexts = DeclarationTexts(), owner: DeclarationOwner = .policy,
        location: SourceLocation, on: String, answers: [String] = [], steps: [ReactionStepDeclaration],
        disabled: Bool = false
    ) {
        self.id = id
        self.texts = texts
        self.owner = owner
        self.location = location
        self.on = on
        self.answers = answers
        self.steps = steps
        self.disabled = disabled
    }
}

/// One event of a scenario's timeline.
public struct ScenarioEvent: Hashable, Codable, Sendable {
    /// ISO 8601; nil = one hour after the previous event.
    public var at: String?
    public var text: String
    public var platform: String?
    public var kind: String?
    public var visibility: String?
    /// The reaction step expected after this event (`dialogue`…), if any.
    public var expect: String?
    public var note: String?

    public init(at: String? = nil, text: String, platform: String? = nil, kind: String? = nil,
                visibility: String? = nil, expect: String? = nil, note: String? = nil) {
        self.at = at
        self.text = text
        self.platform = platform
        self.kind = kind
        self.visibility = visibility
        self.expect = expect
        self.note = note
    }
}

/// `scenario "id" { actor, platform, timeline }`: a crisis rehearsed in advance.
public struct Scenario: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var location: SourceLocation?
    public var actorID: String
    public var actorKind: ActorKind?
    public var actorName: String?
    public var actorHandle: String?
    public var platform: String
    public var timeline: [ScenarioEvent]
    /// The reaction whose step the events' `expect` name (when the actor has
    /// several incidents); nil: the actor's latest incident.
    public var reaction: String?

    public init(id: String, title: String? = nil, actorID: String, actorKind: ActorKind? = nil,
                actorName: String? = nil, actorHandle: String? = nil, platform: String = "facebook",
                timeline: [ScenarioEvent], reaction: String? = nil, location: SourceLocation? = nil) {
        self.reaction = reaction
        self.id = id
        self.texts = DeclarationTexts(title: title)
        self.location = location
        self.actorID = actorID
        self.actorKind = actorKind
        self.actorName = actorName
        self.actorHandle = actorHandle
        self.platform = platform
        self.timeline = timeline
    }
}

/// `classification { levels, markers, channels }`.
public struct ClassificationDeclaration: Hashable, Codable, Sendable {
    /// From the least to the most sensitive.
    public var levels: [String]
    /// Marker terms per level.
    public var markers: [String: [String]]
    /// The highest level each channel may carry (platform, visibility, kind, `*`).
    public var channels: [String: String]
    public var texts: DeclarationTexts
    public var location: SourceLocation

    public init(
        levels: [String], markers: [String: [String]] = [:], channels: [String: String] = [:],
        texts: DeclarationTexts = DeclarationTexts(), location: SourceLocation
    ) {
        self.levels = levels
        self.markers = markers
        self.channels = channels
        self.texts = texts
        self.location = location
    }
}

/// Everything a policy declares, its plugins' declarations included.
public struct PolicyDeclarations: Hashable, Codable, Sendable {
    public var manifest: PolicyManifest
    public var plugins: [PluginManifest]
    public var threats: [ThreatDeclaration]
    public var rules: [RuleDeclaration]
    public var indicators: [RuleDeclaration]
    public var incidents: [IncidentDeclaration]
    public var reactions: [ReactionDeclaration]
    public var scenarios: [Scenario]
    public var classification: ClassificationDeclaration?

    public func threat(_ id: String) -> ThreatDeclaration? { threats.first { $0.id == id } }
    public func rule(_ id: String) -> RuleDeclaration? {
        rules.first { $0.id == id } ?? indicators.first { $0.id == id }
    }
    public func reaction(_ id: String) -> ReactionDeclaration? { reactions.first { $0.id == id } }
    public func scenario(_ id: String) -> Scenario? { scenarios.first { $0.id == id } }

    public init(
        manifest: PolicyManifest, plugins: [PluginManifest] = [], threats: [ThreatDeclaration] = [],
        rules: [RuleDeclaration] = [], indicators: [RuleDeclaration] = [], incidents: [IncidentDeclaration] = [],
        reactions: [ReactionDeclaration] = [], scenarios: [Scenario] = [],
        classification: ClassificationDeclaration? = nil
    ) {
        self.manifest = manifest
        self.plugins = plugins
        self.threats = threats
        self.rules = rules
        self.indicators = indicators
        self.incidents = incidents
        self.reactions = reactions
        self.scenarios = scenarios
        self.classification = classification
    }
}
